import { describe, expect, it } from 'vitest';
import { formValues, toConfig } from '../../../renderer/src/components/ServerForm/serverFormModel';
import type { ServerEntry } from '../../../shared/ipc/schemas';
import { ServerConfigSchema } from '../../../shared/domain/serverConfig';

describe('the server form and the probe settings of a server', () => {
  it('editing a server in the form keeps its dns block (set in fleet.json): the probes still know where DNS is', () => {
    const config = ServerConfigSchema.parse({
      id: 'hq1', name: 'HQ 1', url: 'https://127.0.0.1:9443', username: 'monitor',
      dns: { host: '10.0.0.53', port: 53, internalName: 'dc.corp.example', blockedRedirect: '10.66.0.1' },
    });
    const entry = { ...config, hasCredential: true } as unknown as ServerEntry;
    const r = toConfig({ ...formValues(entry), name: 'HQ one' });
    expect(r.ok && r.config).toMatchObject({ name: 'HQ one', dns: config.dns });
  });
});

describe('the server form sets where the probes ask DNS', () => {
  it('a DNS address and port typed in the form become the server\'s dns block; left empty, there is none', () => {
    const base = { ...formValues(null), id: 'tun', name: 'Tunnelled', url: 'https://127.0.0.1:9443', username: 'monitor' };
    expect(toConfig(base).ok && (toConfig(base) as { config: { dns?: unknown } }).config.dns).toBeUndefined();
    const r = toConfig({ ...base, dnsHost: '10.0.0.53', dnsPort: 5353 });
    expect(r.ok && r.config.dns).toMatchObject({ host: '10.0.0.53', port: 5353, enabled: true, transport: 'udp' });
  });

  it('says a bad DNS port in words', () => {
    const r = toConfig({ ...formValues(null), id: 'a', name: 'A', url: 'https://a.example', username: 'monitor', dnsPort: 70000 });
    expect(!r.ok && r.errors.dnsPort).toBe('DNS port must be at most 65535.');
  });
});
