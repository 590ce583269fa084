import { describe, expect, it } from 'vitest';
import { formValues, toConfig } from '../../../renderer/src/components/ServerForm/serverFormModel';
import { FleetFileSchema } from '../../../shared/domain/serverConfig';
import { fleetIssueWords } from '../../../renderer/src/lib/fieldErrors';

const SCHEMA_TALK = /expected|Too small|Too big|Invalid input|>=|<=/;

// Issue 12.7: the form showed "Too small: expected string to have >=1 characters".
describe('server form validation speaks words', () => {
  it('says what is wrong with each field the way a person would', () => {
    const r = toConfig({ ...formValues(null), id: 'a b', name: '', url: 'https://', username: 'ab', pollSeconds: 5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      id: 'Id: letters, digits, dot, dash and underscore only.',
      name: 'Name is required.',
      url: 'URL must look like https://10.0.0.53.',
      username: 'Username needs at least 3 characters.',
      pollSeconds: 'Poll interval must be at least 15 seconds.',
    });
  });

  it('never passes the validator\'s own text through', () => {
    const r = toConfig({ ...formValues(null), id: '', name: 'x'.repeat(200), url: '', username: '', pollSeconds: 99_999, watchdogSeconds: 1, group: 'g'.repeat(80) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).length).toBeGreaterThanOrEqual(6);
    for (const message of Object.values(r.errors)) expect(message).not.toMatch(SCHEMA_TALK);
    expect(r.errors.name).toBe('Name can be at most 120 characters.');
    expect(r.errors.watchdogSeconds).toBe('Watchdog window must be at least 5 seconds.');
  });

  it('names the server and the field of a bad fleet file', () => {
    const json = { servers: [{ id: 'ok-1', name: 'A', url: 'https://a', username: 'monitor' }, { id: 'dns-hq-2', name: 'B', url: 'ftp:', username: 'monitor' }] };
    const parsed = FleetFileSchema.safeParse(json);
    expect(parsed.success).toBe(false);
    const words = fleetIssueWords(parsed.error!.issues[0]!, json.servers);
    expect(words).toBe('Server 2 (dns-hq-2): URL must look like https://10.0.0.53.');
    expect(fleetIssueWords(FleetFileSchema.safeParse({}).error!.issues[0]!, undefined)).toBe('The file is not a fleet file (it needs a "servers" list).');
  });
});
