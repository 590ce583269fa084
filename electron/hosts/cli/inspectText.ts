/**
 * `dnsfleet inspect` without --json: the core's snapshot as lines for a terminal. Every string the
 * server could have chosen passes terminalText (no escape sequence reaches the terminal).
 */
import type { InspectorSnapshot } from '../../../shared/domain/inspector';
import { terminalText as t } from './terminalText';

const ms = (v: number | null, none: string): string => (v === null ? none : v < 10 ? `${v.toFixed(2)} ms` : `${Math.round(v)} ms`);
const when = (iso: string | null, none: string): string => iso ?? none;

export function inspectText(s: InspectorSnapshot): string {
  const subs = s.subscriptions;
  const p = s.ping;
  const lines = [
    `INSPECT ${t(s.serverId)}  ${s.state}  ${s.stack ?? 'no stack yet'}  at ${s.takenAt}`,
    ...(s.sockets.length === 0 ? ['  sockets       none open'] : s.sockets.map((k) => `  socket        ${t(k.label)}  ${k.state}${k.closeReason ? ` (${t(k.closeReason)})` : ''}  welcome ${k.welcomed ? 'received' : 'not yet'}${k.stack === 'unified' ? `  pongs sent ${k.pongsSent}` : ''}`)),
    `  subscribed    ${subs.confirmed.length === 0 ? 'not subscribed (nothing confirmed by the server)' : t(subs.confirmed.join(', '))}`,
    `  confirmations ${subs.confirmations}, latest ${when(subs.lastConfirmedAt, 'never')}; requests sent ${subs.requestsSent}${subs.lastAdded.length ? `; latest reply added ${t(subs.lastAdded.join(', '))}` : ''}`,
    ...subs.refused.map((r) => `  refused       ${t(r)}`),
    `  ping          last ${ms(p.lastMs, 'no ping yet')}, p50 ${ms(p.p50Ms, '-')}, p95 ${ms(p.p95Ms, '-')} over ${p.samples} in the last hour (${p.sent} sent, ${p.answered} answered)`,
    `  frames        ${s.frames.total} received (${s.frames.events} events, ${s.frames.control} control), ${s.frames.duplicates} duplicates dropped, ${s.frames.rejected} rejected`,
    `  last minute   ${s.frames.perMinute.length === 0 ? 'no frame' : s.frames.perMinute.map((r) => `${t(r.type)} ${r.count}`).join(', ')}`,
    ...s.rejected.map((r) => `  rejected      ${r.at} ${t(r.socket)}: ${t(r.reason)} (${r.length} chars) ${t(r.excerpt)}`),
    `  reconnects    ${s.reconnects.total}`,
    ...s.reconnects.recent.map((r) => `    ${r.at} ${r.state}, attempt ${r.attempt}, backoff ${Math.round(r.delayMs)} ms: ${t(r.cause)}`),
    `  token         expires ${when(s.token.expiresAt, 'unknown')}, next refresh ${when(s.token.nextRefreshAt, 'none scheduled')}`,
    `  polls         ${s.polls.total} (${s.polls.failed} with failures), median ${ms(s.polls.p50Ms, '-')}`,
    ...s.polls.recent.slice(0, 3).map((r) => `    ${r.at} ${r.outcome} ${r.durationMs} ms${r.error ? ` (${t(r.error)})` : ''}`),
    `  fail2ban      ${s.fail2ban.used} of ${s.fail2ban.budget} counted failures in the last ${Math.round(s.fail2ban.windowMs / 60_000)} min (bans at ${s.fail2ban.banAt})`,
  ];
  return lines.join('\n');
}
