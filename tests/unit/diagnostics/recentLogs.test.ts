import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentLogs } from '../../../electron/core/diagnostics/recentLogs';
import { createLogger } from '../../../electron/core/util/logger';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';

const NOW = Date.parse('2026-12-06T23:00:00.000Z');
const line = (msAgo: number, msg: string) => JSON.stringify({ at: new Date(NOW - msAgo).toISOString(), level: 'info', logger: 'main', msg }) + '\n';
const MIN = 60_000;

describe('the last hour of the app logs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-recent-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the hour across rotated files, oldest first, and stops at the first older file', async () => {
    writeFileSync(join(dir, 'main.log.2'), line(180 * MIN, 'three hours ago') + line(90 * MIN, 'ninety minutes ago'));
    writeFileSync(join(dir, 'main.log.1'), line(70 * MIN, 'seventy minutes ago') + line(50 * MIN, 'fifty minutes ago'));
    writeFileSync(join(dir, 'main.log'), line(10 * MIN, 'ten minutes ago') + line(0, 'just now'));
    writeFileSync(join(dir, 'web.log'), line(5 * MIN, 'web five minutes ago'));
    writeFileSync(join(dir, 'notes.txt'), line(1, 'not a log of the app'));
    const logs = await recentLogs(dir, NOW);
    expect(logs.map((l) => l.name)).toEqual(['main', 'web']);
    const main = logs[0]!;
    expect(main.text.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['fifty minutes ago', 'ten minutes ago', 'just now']);
    expect(main.lines).toBe(3);
    expect(logs[1]!.text).toContain('web five minutes ago');
  });

  it('a flood keeps the newest lines within the budget and says so, without holes', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => line((1000 - i) * 1000, `line ${i} ${'x'.repeat(i % 7 === 0 ? 10 : 400)}`));
    writeFileSync(join(dir, 'dnsfleet.log'), lines.join(''));
    const [log] = await recentLogs(dir, NOW, 60 * MIN, 64 * 1024);
    expect(Buffer.byteLength(log!.text)).toBeLessThanOrEqual(64 * 1024);
    expect(log!.truncated).toBe(true);
    expect(log!.lines).toBeGreaterThan(100);
    expect(log!.lines).toBeLessThan(1000);
    const kept = log!.text.trim().split('\n').map((l) => Number(/line (\d+)/.exec(l)![1]));
    expect(kept.at(-1)).toBe(999);
    // Contiguous: every line from the oldest kept to the newest is there.
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => kept[0]! + i));
  });

  it('a line that is not a timed JSON object is counted, not passed on', async () => {
    writeFileSync(join(dir, 'main.log'), 'garbage without a time\n' + line(1000, 'fine'));
    const [log] = await recentLogs(dir, NOW);
    expect(log!.truncated).toBe(false);
    expect(log!.unreadableLines).toBe(1);
    expect(log!.text).not.toContain('garbage');
  });

  it('no logs folder: nothing, and no error', async () => {
    expect(await recentLogs(join(dir, 'missing'), NOW)).toEqual([]);
  });
});

describe('the log file on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-logfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never holds a registered password, a JWT or a token parameter, in the message or the fields', () => {
    const password = 'Canary-Pa55word-on-disk';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb25pdG9yIn0.c2lnbmF0dXJlLW9uLWRpc2s';
    registerSecret(password);
    try {
      const log = createLogger('fleet', { file: join(dir, 'app.log'), maxFileBytes: 4096, maxFiles: 2 });
      log.warn(`login with ${password} refused`, { url: `wss://dns/ws?token=${jwt}`, body: { password }, note: `bearer ${jwt}` });
      for (let i = 0; i < 40; i++) log.info(`rotation ${i}`, { pad: 'y'.repeat(200), also: password });
      const text = ['app.log', 'app.log.1'].map((f) => readFileSync(join(dir, f), 'utf8')).join('');
      expect(text).toContain('rotation 39');
      expect(text).not.toContain(password);
      expect(text).not.toContain(jwt);
      expect(text).not.toContain('c2lnbmF0dXJlLW9uLWRpc2s');
    } finally {
      forgetSecret(password);
    }
  });
});
