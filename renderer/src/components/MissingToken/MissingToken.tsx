import { Alert, Center, Code, Text } from '@mantine/core';

/** Shown by the browser host's page when it was opened without the access token. */
export function MissingToken() {
  return (
    <Center mih="100vh" p="md">
      <Alert color="orange" title="DNS Fleet Monitor needs its access link" maw={560} data-testid="missing-token">
        <Text size="sm">
          Open the full URL printed by <Code>npm run web</Code> (it carries a one-time access token). The token stays in this tab only and is then
          removed from the address bar.
        </Text>
      </Alert>
    </Center>
  );
}
