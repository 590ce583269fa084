// Event storms for benchmarks: unified system_status/query_update events at a given rate, emitted in
// batches every 10 ms tick, catching up on timer drift, bounded in total and stopped by close().
import { MINUTE } from './constants';
import type { EmulatorContext } from './context';
import type { LegacyHub } from './legacySocket';
import type { StormOptions } from './types';
import type { UnifiedHub } from './unifiedSocket';

const TICK_MS = 10;
const MAX_RATE = 1_000_000;
const MAX_DURATION_MS = 10 * MINUTE;

export function runStorm(ctx: EmulatorContext, legacy: LegacyHub, unified: UnifiedHub, opts: StormOptions): Promise<{ sent: number }> {
  const eps = Math.max(0, Math.min(MAX_RATE, opts.eventsPerSecond));
  const duration = Math.max(0, Math.min(MAX_DURATION_MS, opts.durationMs));
  const total = Math.round((eps * duration) / 1000);
  const mixed = opts.kind === 'mixed';
  const maxBatch = Math.max(1, Math.ceil(eps / 10)); // never more than 100 ms worth in one tick

  // mixed: 60 % unified query_update, 10 % unified system_metrics, 20 % legacy L3, 10 % legacy L2
  const emitOne = (i: number): void => {
    if (!mixed) return unified.emitQueryUpdate();
    const k = i % 10;
    if (k < 6) unified.emitQueryUpdate();
    else if (k === 6) unified.pushSystemMetrics();
    else if (k < 9) legacy.pushSystemStatus();
    else legacy.pushHealthUpdate();
  };

  return new Promise((resolve) => {
    let sent = 0;
    const start = performance.now();
    let timer: NodeJS.Timeout | null = null;
    const finish = (): void => {
      ctx.timers.clear(timer);
      ctx.onClose.delete(finish);
      resolve({ sent });
    };
    ctx.onClose.add(finish);
    const tick = (): void => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((eps * Math.min(elapsed, duration)) / 1000));
      const batch = Math.min(due - sent, maxBatch);
      unified.corked(() =>
        legacy.corked(() => {
          for (let n = 0; n < batch; n++) emitOne(sent++);
        }),
      );
      // Done when everything is out; a loop that fell behind catches up maxBatch per tick.
      if (sent >= total) finish();
    };
    if (total === 0) return finish();
    timer = ctx.timers.interval(tick, TICK_MS);
  });
}
