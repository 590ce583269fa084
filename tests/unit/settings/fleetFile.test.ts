import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { exportFleet, FleetFileError, importFleet, loadFleetFile } from '../../../electron/core/fleetConfig/fleetFile';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { ServerRegistry } from '../../../electron/core/settings/ServerRegistry';
import { nullLogger } from '../../../electron/core/util/logger';
import { useTmpDirs } from './tmpDirs';

const tmp = useTmpDirs();
const server = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), url: `https://${id}.example.net`, username: 'monitor', ...extra });

function registry() {
  const credentials = new MemoryCredentialStore();
  const settings = ConfSettingsStore.open({ dataDir: tmp(), logger: nullLogger });
  return { credentials, registry: new ServerRegistry({ settings, credentials, logger: nullLogger }) };
}
function writeFleet(text: string): string {
  const path = join(tmp(), 'fleet.json');
  writeFileSync(path, text);
  return path;
}

describe('fleet import and export', () => {
  it('export carries no secret, and importing it elsewhere reproduces the fleet', async () => {
    const a = registry();
    await a.registry.save(server('dns-1', { tags: ['edge'], tls: { fingerprint256: 'AA:BB' } }), 'exported-never', true);
    await a.registry.save(server('dns-2', { enabled: false, group: 'lon' }), undefined, true);
    const file = exportFleet(a.registry.configs().map((c) => ({ ...c, password: 'sneaky' }) as never));
    const text = JSON.stringify(file);
    expect(text).not.toMatch(/exported-never|sneaky|password"/);
    const b = registry();
    const summary = await importFleet(b.registry, JSON.parse(text));
    expect(summary).toEqual({ added: ['dns-1', 'dns-2'], updated: [], needCredentials: ['dns-1', 'dns-2'] });
    expect(b.registry.configs()).toEqual(a.registry.configs());
  });

  it('import adds new servers, updates known ones, and keeps a locally pinned certificate', async () => {
    const { registry: r, credentials } = registry();
    await r.save(server('dns-1', { name: 'Old name' }), 'known-pass', true);
    await r.pinCertificate('dns-1', 'PIN:ME');
    const summary = await importFleet(r, { servers: [server('dns-1', { name: 'New name' }), server('dns-3')] } as never);
    expect(summary).toEqual({ added: ['dns-3'], updated: ['dns-1'], needCredentials: ['dns-3'] });
    expect(r.get('dns-1')).toMatchObject({ name: 'New name', tls: { fingerprint256: 'PIN:ME' } });
    expect(await credentials.get('dns-1', 'password')).toBe('known-pass');
  });

  it('loads a valid fleet file, dropping any secret in it', () => {
    const path = writeFleet(JSON.stringify({ servers: [server('dns-1', { password: 'in-the-file' })] }));
    const fleet = loadFleetFile(path);
    expect(fleet.servers[0]).toMatchObject({ id: 'dns-1', stack: 'auto', enabled: true });
    expect(JSON.stringify(fleet)).not.toContain('in-the-file');
  });

  it('a missing file says so', () => {
    expect(() => loadFleetFile('/nonexistent/fleet.json')).toThrow('fleet file not found: /nonexistent/fleet.json');
  });

  it('invalid JSON says where', () => {
    const path = writeFleet('{\n  "servers": [\n    { "id": "a", }\n  ]\n}\n');
    expect(() => loadFleetFile(path)).toThrow(/is not valid JSON: .*line 3/);
  });

  it('schema problems are listed per server, with index and id', () => {
    const path = writeFleet(JSON.stringify({ servers: [server('ok-1'), server('bad-1', { url: 'nope' }), { name: 'no id' }] }));
    let error: FleetFileError | undefined;
    try {
      loadFleetFile(path);
    } catch (err) {
      error = err as FleetFileError;
    }
    expect(error).toBeInstanceOf(FleetFileError);
    expect(error!.problems.some((p) => p.startsWith('servers[1] (id "bad-1") url:'))).toBe(true);
    expect(error!.problems.some((p) => p.startsWith('servers[2] id:'))).toBe(true);
    expect(error!.problems.some((p) => p.startsWith('servers[0]'))).toBe(false);
  });

  it('duplicate ids in one file are refused before anything is imported', async () => {
    const path = writeFleet(JSON.stringify({ servers: [server('twin'), server('twin')] }));
    expect(() => loadFleetFile(path)).toThrow(/servers\[1\]: id "twin" appears more than once/);
    const { registry: r } = registry();
    await expect(importFleet(r, { servers: [server('twin'), server('twin')] } as never)).rejects.toThrow(/more than once/);
    expect(r.configs()).toEqual([]);
  });
});
