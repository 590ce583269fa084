import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, ReconnectPolicy } from '../../../electron/core/fleet/backoff';
import { MINUTE, SECOND } from '../../../shared/domain/ids';

const policy = (random: () => number) => new ReconnectPolicy({ ...DEFAULT_BACKOFF, random });

describe('ReconnectPolicy', () => {
  it('waits at least 15 s after a failure fail2ban counts, even with zero jitter', () => {
    const p = policy(() => 0);
    expect(p.nextDelay('ban-counted', 0)).toBe(15 * SECOND);
    expect(p.nextDelay('network', 0)).toBeLessThan(15 * SECOND);
  });

  it('grows exponentially with full jitter and is capped at 5 minutes', () => {
    const p = policy(() => 1);
    const delays = Array.from({ length: 12 }, (_, i) => p.nextDelay('network', i));
    expect(delays.slice(0, 4)).toEqual([2 * SECOND, 4 * SECOND, 8 * SECOND, 16 * SECOND]);
    expect(Math.max(...delays)).toBe(5 * MINUTE);
    const q = policy(() => 0.5);
    for (let i = 0; i < 5; i++) q.nextDelay('network', 0);
    expect(q.nextDelay('network', 0)).toBeLessThan(64 * SECOND); // jitter spreads below the ceiling
  });

  it('never allows more than the budget of ban-counted failures in 5 minutes', () => {
    const p = policy(() => 0);
    let now = 0;
    const attempts: number[] = [];
    for (let i = 0; i < 40; i++) {
      attempts.push(now);
      p.recordBanCounted(now);
      p.recordBanCounted(now); // e.g. a login 503 and a poll 500 in one attempt
      now += p.nextDelay('ban-counted', now);
      if (i % 5 === 0) p.reset(); // even a user hammering "reconnect" keeps the budget
    }
    for (const t of attempts) {
      const inWindow = attempts.filter((a) => a >= t && a < t + 5 * MINUTE).length * 2;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
  });

  it('resets only after the minimum healthy uptime', () => {
    const p = policy(() => 1);
    p.nextDelay('network', 0);
    p.nextDelay('network', 0);
    p.markHealthy(1000);
    p.checkUptime(1000 + DEFAULT_BACKOFF.minHealthyUptimeMs - 1);
    expect(p.attempts).toBe(2);
    p.checkUptime(1000 + DEFAULT_BACKOFF.minHealthyUptimeMs);
    expect(p.attempts).toBe(0);
  });

  it('a flapping link (healthy for less than the minimum) keeps backing off', () => {
    const p = policy(() => 1);
    let last = 0;
    for (let i = 0; i < 5; i++) {
      p.markHealthy(i * 1000);
      p.checkUptime(i * 1000 + 500);
      const d = p.nextDelay('network', i * 1000 + 500);
      expect(d).toBeGreaterThan(last);
      last = d;
    }
  });
});
