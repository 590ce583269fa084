import { describe, expect, it } from 'vitest';
import type { TailFrame } from '../../../shared/domain/inspector';
import { durationText, fail2banText, filterFrames, frameTypes, prettyFrame } from '../../../renderer/src/lib/inspectorView';

const frame = (seq: number, type: string, text = '{}'): TailFrame => ({ seq, at: '2026-12-06T10:00:00.000Z', socket: '/api/unified/ws', stack: 'unified', type, length: text.length, text, truncated: false });

describe('inspector view logic', () => {
  it('filters the tail by type and lists the types present', () => {
    const frames = [frame(1, 'ping'), frame(2, 'unparsed'), frame(3, 'ping'), frame(4, 'system_status/query_update')];
    expect(frameTypes(frames)).toEqual(['ping', 'system_status/query_update', 'unparsed']);
    expect(filterFrames(frames, ['ping']).map((f) => f.seq)).toEqual([1, 3]);
    expect(filterFrames(frames, []).length).toBe(4);
  });

  it('indents a JSON frame and keeps anything else as received', () => {
    expect(prettyFrame('{"type": "ping", "data": {"x": "<b>"}}')).toBe('{\n  "type": "ping",\n  "data": {\n    "x": "<b>"\n  }\n}');
    expect(prettyFrame('garbage {{{')).toBe('garbage {{{');
  });

  it('says durations and the fail2ban budget in words', () => {
    expect(durationText(0.421)).toBe('0.42 ms');
    expect(durationText(123.4)).toBe('123 ms');
    expect(durationText(15_000)).toBe('15.0 s');
    expect(fail2banText({ used: 3, budget: 18, banAt: 20, windowMs: 300_000 })).toBe('3 of 18 counted failures in the last 5 min (fail2ban bans at 20)');
  });
});
