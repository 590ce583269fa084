/**
 * `dnsfleet monitor --json` tells a reader of stdout when the event log stops keeping history (a
 * full disk): the log file that would say so sits on that same disk. Found by the soak harness.
 */
import { describe, expect, it } from 'vitest';
import type { AppHealth } from '../../../shared/ipc/schemas';
import { pushPrinter } from '../../../electron/hosts/cli/monitor';

function printer() {
  const json: Record<string, unknown>[] = [];
  const human: string[] = [];
  const push = pushPrinter((obj, text) => (json.push(obj), human.push(text)), () => undefined);
  const health = (state: AppHealth['eventLog']['state'], detail = '', backlog = 0) =>
    push({ channel: 'app:onDidChangeHealth', payload: { keychain: { available: true, detail: '' }, eventLog: { state, detail, backlog }, notices: [] } });
  return { json, human, health };
}

describe('monitor: event log health lines', () => {
  it('prints a health line when the event log degrades and when it recovers, once per change', () => {
    const p = printer();
    p.health('ok');
    expect(p.json).toEqual([]); // healthy from the start: nothing to say
    p.health('degraded', 'the disk is full; 120 events wait in memory', 120);
    p.health('degraded', 'the disk is full; 120 events wait in memory', 120);
    p.health('recovered', 'writing again');
    expect(p.json.map((l) => [l.kind, l.eventLog, l.backlog])).toEqual([
      ['health', 'degraded', 120],
      ['health', 'recovered', 0],
    ]);
    expect(p.human[0]).toBe('HEALTH event log degraded  (the disk is full; 120 events wait in memory)');
  });

  it('escapes control characters in the human line', () => {
    const p = printer();
    p.health('degraded', 'disk \u001b]0;owned\u0007 full');
    expect(p.human[0]).not.toContain('\u001b');
  });
});

describe('monitor: delivery lines', () => {
  it('prints each delivery change of a forwarded alert, in the inbox words, with a control-free human line', () => {
    const json: Record<string, unknown>[] = [];
    const human: string[] = [];
    const push = pushPrinter((obj, text) => (json.push(obj), human.push(text)), () => undefined);
    const next = new Date(Date.now() + 40_000).toISOString();
    push({
      channel: 'forwarding:onDidChangeDelivery',
      payload: { alertId: 'a1\u001b[2J', target: 'webhook:ops', transition: 'firing', state: 'pending', attempts: 2, nextAttemptAt: next, lastError: 'HTTP 503', deliveredAt: null },
    });
    expect(json[0]).toMatchObject({ kind: 'delivery', target: 'webhook:ops', transition: 'firing', state: 'pending', attempts: 2, error: 'HTTP 503', nextAttemptAt: next });
    expect(human[0]).toMatch(/^DELIVERY webhook ops failed: HTTP 503, retry in (39|40) s \(attempt 3\) {2}\(alert a1/);
    expect(human[0]).not.toContain('\u001b');
  });
});
