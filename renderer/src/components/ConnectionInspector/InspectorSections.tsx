import { Badge, Code, Group, Paper, Stack, Table, Text, type PaperProps } from '@mantine/core';
import type { ReactNode } from 'react';
import type { InspectorSnapshot } from '../../../../shared/domain/inspector';
import { durationText, fail2banText } from '../../lib/inspectorView';
import { RelativeTime } from '../RelativeTime/RelativeTime';

type Props = { snapshot: InspectorSnapshot };

function Section({ title, testId, children, ...rest }: { title: string; testId: string; children: ReactNode } & PaperProps) {
  return (
    <Paper withBorder p="xs" data-testid={testId} {...rest}>
      <Text size="sm" fw={600} component="h3" m={0} mb={4}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId}>
      <Text size="xs" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function SocketsSection({ snapshot }: Props) {
  return (
    <Section title={`Sockets${snapshot.stack ? ` (${snapshot.stack} stack)` : ''}`} testId="inspector-sockets">
      {snapshot.sockets.length === 0 ? (
        <Text size="xs">No socket open ({snapshot.state}).</Text>
      ) : (
        <Table fz="xs" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Path</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th>Welcome</Table.Th>
              <Table.Th>Pongs sent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {snapshot.sockets.map((s) => (
              <Table.Tr key={s.label} data-testid="inspector-socket" data-state={s.state}>
                <Table.Td>{s.label}</Table.Td>
                <Table.Td>{s.state === 'closed' ? `closed (${s.closeReason ?? 'no reason'})` : s.state}</Table.Td>
                <Table.Td>
                  <RelativeTime iso={s.closedAt ?? s.openedAt} />
                </Table.Td>
                <Table.Td>{s.welcomed ? 'received' : 'not yet'}</Table.Td>
                <Table.Td>{s.stack === 'unified' ? s.pongsSent : 'not needed (legacy)'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function SubscriptionsSection({ snapshot }: Props) {
  const s = snapshot.subscriptions;
  return (
    <Stack gap={4} data-testid="inspector-subscriptions" data-confirmations={s.confirmations}>
      {s.confirmed.length === 0 ? (
        <Text size="xs" data-testid="inspector-not-subscribed">
          Not subscribed: the server has confirmed no subscription on this connection{s.requestsSent > 0 ? ' yet' : ''}.
        </Text>
      ) : (
        <Group gap={4}>
          {s.confirmed.map((t) => (
            <Badge key={t} size="sm" variant="light" color={s.lastAdded.includes(t) ? 'teal' : 'gray'} tt="none" data-testid="inspector-subscription">
              {t}
            </Badge>
          ))}
        </Group>
      )}
      <Fact label="Confirmed">
        {s.lastConfirmedAt ? (
          <>
            {s.confirmations} {s.confirmations === 1 ? 'reply' : 'replies'}, the latest <RelativeTime iso={s.lastConfirmedAt} />
          </>
        ) : (
          'never'
        )}
      </Fact>
      {snapshot.stack === 'unified' ? (
        <Fact label="Requests sent" testId="inspector-subscribe-requests">
          {s.requestsSent}
          {s.lastRequestAt ? (
            <>
              , the latest <RelativeTime iso={s.lastRequestAt} />
            </>
          ) : null}
          {s.lastAdded.length > 0 ? ` · the latest reply added ${s.lastAdded.length} (highlighted)` : ' · the latest reply added none (all already active)'}
        </Fact>
      ) : (
        <Fact label="Requests sent">none: legacy subscriptions are fixed by the socket type</Fact>
      )}
      {s.refused.map((r, i) => (
        <Text key={i} size="xs" c="red.9" data-testid="inspector-subscription-refused">
          Refused: {r}
        </Text>
      ))}
    </Stack>
  );
}

export function LinkSection({ snapshot }: Props) {
  const p = snapshot.ping;
  const t = snapshot.token;
  return (
    <Section title="Link" testId="inspector-link">
      <Fact label="Ping round trip" testId="inspector-ping">
        {p.lastMs === null ? (
          p.sent > 0 ? `no answer yet (${p.sent} sent)` : 'no ping yet'
        ) : (
          <>
            {durationText(p.lastMs)} (<RelativeTime iso={p.lastAt} />)
          </>
        )}
      </Fact>
      <Fact label="p50 / p95, last hour" testId="inspector-ping-percentiles">
        {p.p50Ms === null || p.p95Ms === null ? 'no ping yet' : `${durationText(p.p50Ms)} / ${durationText(p.p95Ms)} over ${p.samples} pings`}
      </Fact>
      <Fact label="Token expires">{t.expiresAt ? <RelativeTime iso={t.expiresAt} /> : 'unknown (not signed in)'}</Fact>
      <Fact label="Next refresh">{t.nextRefreshAt ? <RelativeTime iso={t.nextRefreshAt} /> : 'none scheduled'}</Fact>
      <Fact label="fail2ban budget" testId="inspector-fail2ban">
        {fail2banText(snapshot.fail2ban)}
      </Fact>
    </Section>
  );
}

export function FramesSection({ snapshot }: Props) {
  const f = snapshot.frames;
  return (
    <Section title="Frames" testId="inspector-frames">
      <Fact label="Received">
        {f.total} messages ({f.events} events, {f.control} control)
      </Fact>
      <Fact label="Duplicates dropped">{f.duplicates}</Fact>
      <Fact label="Rejected" testId="inspector-rejected-count">
        {f.rejected}
      </Fact>
      <Text size="xs" c="dimmed" mt={4}>
        Per minute (last 60 s)
      </Text>
      {f.perMinute.length === 0 ? (
        <Text size="xs">No frame in the last minute.</Text>
      ) : (
        <Table fz="xs" verticalSpacing={1}>
          <Table.Tbody>
            {f.perMinute.map((r) => (
              <Table.Tr key={r.type} data-testid="inspector-rate" data-type={r.type}>
                <Table.Td>{r.type}</Table.Td>
                <Table.Td ta="right">{r.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function RejectedSection({ snapshot }: Props) {
  return (
    <Section title="Rejected frames" testId="inspector-rejected">
      {snapshot.rejected.length === 0 ? (
        <Text size="xs">None rejected.</Text>
      ) : (
        <Stack gap={4}>
          {snapshot.rejected.map((r, i) => (
            <Stack key={`${r.at}-${i}`} gap={0} data-testid="inspector-rejected-frame">
              <Text size="xs">
                <RelativeTime iso={r.at} /> on {r.socket}: <b data-testid="inspector-rejected-reason">{r.reason}</b> ({r.length} characters)
              </Text>
              {r.excerpt ? (
                <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {r.excerpt}
                </Code>
              ) : null}
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function ReconnectsSection({ snapshot }: Props) {
  const r = snapshot.reconnects;
  return (
    <Section title={`Reconnects (${r.total})`} testId="inspector-reconnects">
      {r.recent.length === 0 ? <Text size="xs">No reconnect in this session.</Text> : null}
      {r.recent.map((x, i) => (
        <Text key={`${x.at}-${i}`} size="xs" data-testid="inspector-reconnect">
          <RelativeTime iso={x.at} />: {x.state}, attempt {x.attempt}, waited {durationText(x.delayMs)}: {x.cause}
        </Text>
      ))}
    </Section>
  );
}

export function PollsSection({ snapshot }: Props) {
  const p = snapshot.polls;
  return (
    <Section title="REST polls" testId="inspector-polls">
      <Fact label="Polls">
        {p.total} ({p.failed} with failures){p.p50Ms === null ? '' : `, median ${durationText(p.p50Ms)}`}
      </Fact>
      {p.recent.length === 0 ? <Text size="xs">No poll yet.</Text> : null}
      {p.recent.map((x, i) => (
        <Text key={`${x.at}-${i}`} size="xs" data-testid="inspector-poll">
          <RelativeTime iso={x.at} />: {x.outcome}, {durationText(x.durationMs)}
          {x.failures > 0 ? `, ${x.failures} failed` : ''}
          {x.error ? ` (${x.error})` : ''}
        </Text>
      ))}
    </Section>
  );
}
