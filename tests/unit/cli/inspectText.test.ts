import { describe, expect, it } from 'vitest';
import { inspectText } from '../../../electron/hosts/cli/inspectText';
import { fakeInspectorSnapshot } from '../../e2e/support/fakeInspector';

describe('dnsfleet inspect (human output)', () => {
  it('says what it does not know in words and shows no escape sequence a server chose', () => {
    const snap = fakeInspectorSnapshot('dns-01', Date.UTC(2026, 11, 6, 10));
    const hostile = {
      ...snap,
      ping: { ...snap.ping, lastMs: null, lastAt: null, p50Ms: null, p95Ms: null, samples: 0, sent: 0, answered: 0 },
      subscriptions: { ...snap.subscriptions, confirmed: [] },
      rejected: [{ ...snap.rejected[0]!, reason: 'bad\u001b]0;owned\u0007', excerpt: 'line\nSTATE  dns-02  live' }],
    };
    const text = inspectText(hostile);
    expect(text).toContain('last no ping yet');
    expect(text).toContain('not subscribed');
    expect([...text].filter((c) => c !== '\n' && c.charCodeAt(0) < 0x20)).toEqual([]);
    expect(text.split('\n').some((l) => l.startsWith('STATE'))).toBe(false);
    expect(text).toContain('\\x1b]0;owned\\x07');
  });
});
