import type { MetricPoint } from '../../../../shared/domain/metrics';

/**
 * A plain SVG sparkline: cheap enough for a tile per server (charts with axes live on the
 * server detail page). Scales to its own min/max; a flat line when there is no data yet.
 */
export function Sparkline({ points, color, width = 120, height = 28, label }: { points: readonly MetricPoint[] | undefined; color: string; width?: number; height?: number; label: string }) {
  const pts = points ?? [];
  if (pts.length < 2) {
    return (
      <svg width={width} height={height} role="img" aria-label={`${label}: no data yet`}>
        <line x1={0} x2={width} y1={height - 2} y2={height - 2} stroke="var(--mantine-color-dimmed)" strokeDasharray="2 3" />
      </svg>
    );
  }
  const t0 = pts[0]!.t;
  const t1 = pts[pts.length - 1]!.t;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pts) {
    lo = Math.min(lo, p.v);
    hi = Math.max(hi, p.v);
  }
  const span = hi - lo || 1;
  const x = (t: number) => ((t - t0) / (t1 - t0 || 1)) * (width - 2) + 1;
  const y = (v: number) => height - 2 - ((v - lo) / span) * (height - 4);
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
  return (
    <svg width={width} height={height} role="img" aria-label={`${label} sparkline`}>
      <path d={`${d}L${x(t1).toFixed(1)},${height}L1,${height}Z`} fill={color} opacity={0.15} />
      <path d={d} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
