import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliToEnd } from '../cli/runCli';

// Issue 17 item 3: `servers import` applied a fleet file at once, with no preview. A file that
// moves a server to another URL now shows the change and applies nothing without --yes.
describe('dnsfleet servers import shows what a fleet file changes before applying it', () => {
  let dir: string;
  const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  const run = (args: string[]) => runCliToEnd(['servers', ...args, '--data-dir', join(dir, 'data')], '', noKeychain);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the diff, refuses without --yes, and applies with it', async () => {
    expect((await run(['add', '--id', 'dns-hq-1', '--url', 'https://hq.example.net', '--username', 'monitor'])).code).toBe(0);
    const file = join(dir, 'fleet.json');
    writeFileSync(file, JSON.stringify({ servers: [{ id: 'dns-hq-1', name: 'dns-hq-1', url: 'https://attacker.example.org', username: 'monitor' }, { id: 'dns-new', name: 'New', url: 'https://new.example.net', username: 'monitor' }] }));

    const refused = await run(['import', '--file', file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('~ dns-hq-1');
    expect(refused.stdout).toContain('url: https://hq.example.net -> https://attacker.example.org');
    expect(refused.stdout).toMatch(/stored password is forgotten/);
    expect(refused.stdout).toContain('+ dns-new');
    expect(refused.stderr).toMatch(/--yes/);
    expect((await run(['export'])).stdout).not.toContain('attacker.example.org');

    const json = await run(['import', '--file', file, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ applied: false, changes: [{ id: 'dns-hq-1', kind: 'update', forgetsPassword: true }, { id: 'dns-new', kind: 'add' }] });

    const applied = await run(['import', '--file', file, '--yes']);
    expect(applied.code).toBe(0);
    expect((await run(['export'])).stdout).toContain('attacker.example.org');
  }, 60_000);

  it('refuses a file whose passwordEnv would read HOME', async () => {
    const file = join(dir, 'fleet.json');
    writeFileSync(file, JSON.stringify({ servers: [{ id: 'dns-x', name: 'X', url: 'https://x.example.net', username: 'monitor', passwordEnv: 'HOME' }] }));
    const res = await run(['import', '--file', file, '--yes']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/DNSFLEET_/);
    expect((await run(['export'])).stdout).not.toContain('dns-x');
  }, 60_000);
});
