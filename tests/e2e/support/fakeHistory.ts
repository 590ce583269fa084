/**
 * FakeCore's chart history: scripted annotations and forwarder spans on the real window plan, a
 * gently varying series, and the real matrix (electron/core/history/forwarderMatrix.ts).
 */
import { fleetHistory } from '../../../electron/core/history/fleetHistory';
import { forwarderMatrix } from '../../../electron/core/history/forwarderMatrix';
import { gridTimes, historyWindow } from '../../../electron/core/history/historyWindow';
import type { ChartAnnotation, ForwarderTimeline, HistoryRange, HistorySeriesName } from '../../../shared/domain/history';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';

export class FakeHistory {
  /** Annotations by server id, as offsets back from now (ms) so any range shows them. */
  annotations = new Map<string, { kind: ChartAnnotation['kind']; agoMs: number; spanMs?: number; text: string }[]>();
  /** Forwarder timelines by server id, as a list of (status, share of the window). */
  forwarders = new Map<string, { forwarderId: number; name: string; spans: { status: ForwarderTimeline['spans'][number]['status']; share: number }[] }[]>();

  series(serverId: string, range: HistoryRange, names: readonly HistorySeriesName[]) {
    const window = historyWindow(range, Date.now());
    const wave = (t: number, base: number) => base + 3 * Math.sin(t / 600_000 + serverId.length);
    const value = (name: HistorySeriesName, t: number) => (name === 'blockedPercent' ? wave(t, 8) : name === 'qps' ? wave(t, 40) : wave(t, 35));
    return { window, series: names.map((name) => ({ name, points: gridTimes(window).map((t) => ({ t, v: value(name, t) })) })) };
  }

  annotationsFor(serverId: string, range: HistoryRange) {
    const window = historyWindow(range, Date.now());
    const annotations = (this.annotations.get(serverId) ?? [])
      .map((a) => ({ kind: a.kind, atMs: window.toMs - a.agoMs, untilMs: a.spanMs ? window.toMs - a.agoMs + a.spanMs : null, text: a.text }))
      .filter((a) => a.atMs >= window.fromMs);
    return { window, annotations, omitted: 0 };
  }

  forwardersFor(serverId: string, range: HistoryRange) {
    const window = historyWindow(range, Date.now());
    const span = window.toMs - window.fromMs;
    const forwarders = (this.forwarders.get(serverId) ?? []).map((f) => {
      let at = window.fromMs;
      const spans = f.spans.map((s) => {
        const fromMs = at;
        at += s.share * span;
        return { fromMs, toMs: at, status: s.status };
      });
      return { forwarderId: f.forwarderId, name: f.name, spans, latencyMs: null };
    });
    return { window, forwarders };
  }

  fleet(range: HistoryRange, servers: readonly ServerStatus[]) {
    const window = historyWindow(range, Date.now());
    const rows = (base: number, perStep: number) => gridTimes(window).map((t, k) => ({ t, sum: base + k * perStep, count: 1, min: base + k * perStep, max: base + k * perStep, rows: 1 }));
    return fleetHistory(
      window,
      servers.map((s, i) => ({ serverId: s.serverId, name: s.name, qps: rows(20 + i, 0), queries: rows(0, 100), blocked: rows(0, 8) })),
    );
  }

  matrix(servers: readonly ServerStatus[], verdicts: readonly ServerVerdict[]) {
    return forwarderMatrix(servers, verdicts);
  }
}
