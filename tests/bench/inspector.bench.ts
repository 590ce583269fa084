/**
 * What the connection inspector costs on the hot path: the Normaliser on the same unified
 * query_update frames without an inspector, with one (every message counted by type), and with
 * the raw frame tail open (each frame redacted and kept). Microseconds per frame, best of `rounds`.
 */
import { Normaliser } from '../../electron/core/hybrid-dns/Normaliser';
import { ConnectionInspector } from '../../electron/core/inspector/ConnectionInspector';
import { nullLogger } from '../../electron/core/util/logger';

const frame = (i: number): string =>
  `{"id": "c1e2d9b4-8f0a-4c7e-b1a3-${String(i).padStart(12, '0')}", "type": "system_status", "data": {"type": "query_update", "data": {"timestamp": "2025-08-29T09:16:10.512000", "client_ip": "192.168.10.24", "query_domain": "intranet.corp.local", "query_type": "A", "blocked": false, "response_time": 0.0, "total_queries_today": 1230, "blocked_queries_today": 17, "current_qps": 0.35, "avg_response_time": 0.0}}, "timestamp": "2025-08-29T09:16:10.890411", "priority": "normal", "metadata": {}}`;

type Mode = 'bare' | 'inspector' | 'tailOpen';

function perFrameUs(frames: string[], mode: Mode): number {
  const n = new Normaliser('bench', nullLogger, frames.length * 2);
  const ins = new ConnectionInspector();
  if (mode !== 'bare') n.observer = ins;
  if (mode === 'tailOpen') ins.tail.enable();
  const t0 = performance.now();
  for (let i = 0; i < frames.length; i++) {
    const at = 1_700_000_000_000 + i;
    if (mode !== 'bare') ins.beginFrame('/api/unified/ws', 'unified');
    n.ingest(frames[i]!, 'unified', at);
    if (mode !== 'bare') ins.endFrame(frames[i]!, at);
  }
  return ((performance.now() - t0) * 1000) / frames.length;
}

export function runInspectorBench(opts: { frames: number; rounds: number }): Record<Mode, number> {
  const frames = Array.from({ length: opts.frames }, (_, i) => frame(i));
  const best: Record<Mode, number> = { bare: Infinity, inspector: Infinity, tailOpen: Infinity };
  for (let r = 0; r < opts.rounds; r++) for (const mode of ['bare', 'inspector', 'tailOpen'] as const) best[mode] = Math.min(best[mode], perFrameUs(frames, mode));
  const round = (v: number) => Math.round(v * 100) / 100;
  return { bare: round(best.bare), inspector: round(best.inspector), tailOpen: round(best.tailOpen) };
}
