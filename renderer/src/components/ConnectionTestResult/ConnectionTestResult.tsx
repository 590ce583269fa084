import { Code, Group, Stack, Text } from '@mantine/core';
import type { ConnectionTest } from '../../../../shared/ipc/schemas';
import { Icon } from '../Icon/Icon';

/** Each stage of servers:test with its verdict, so the operator sees where a connection breaks. */
export function ConnectionTestResult({ result }: { result: ConnectionTest }) {
  return (
    <Stack gap={2} data-testid="connection-test" data-ok={result.ok ? 'true' : 'false'}>
      {result.stages.map((s) => (
        <Group key={s.stage} gap={6} wrap="nowrap" data-testid="test-stage" data-stage={s.stage} data-ok={s.ok ? 'true' : 'false'}>
          <Text c={s.ok ? 'green' : 'red'} component="span">
            <Icon name={s.ok ? 'check' : 'x'} />
          </Text>
          <Text size="xs" w={70} fw={600}>
            {s.stage}
          </Text>
          <Text size="xs" c="dimmed" w={50} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {Math.round(s.ms)} ms
          </Text>
          <Text size="xs" style={{ wordBreak: 'break-word' }}>
            {s.detail}
          </Text>
        </Group>
      ))}
      {result.fingerprint256 ? (
        <Text size="xs">
          Certificate SHA-256: <Code style={{ wordBreak: 'break-all' }}>{result.fingerprint256}</Code>
        </Text>
      ) : null}
    </Stack>
  );
}
