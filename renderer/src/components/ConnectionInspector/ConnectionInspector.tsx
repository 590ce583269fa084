import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FrameTailView } from './FrameTailView';
import { InspectorCounters } from './InspectorCounters';

/**
 * The server page's Inspector tab: what the link does (counters computed in the core, pushed at
 * most once a second while this is open) and, on request, the raw frames as received.
 */
export function ConnectionInspector({ serverId, serverName }: { serverId: string; serverName: string }) {
  const [view, setView] = useState<'counters' | 'frames'>('counters');
  return (
    <Stack gap="sm" data-testid="connection-inspector">
      <SegmentedControl
        aria-label="Inspector view"
        data-testid="inspector-view"
        value={view}
        onChange={(v) => setView(v === 'frames' ? 'frames' : 'counters')}
        data={[
          { value: 'counters', label: 'Connection' },
          { value: 'frames', label: 'Frames' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {view === 'counters' ? (
        <InspectorCounters serverId={serverId} />
      ) : (
        <>
          <Text size="xs" c="dimmed" data-testid="frame-tail-note">
            The last 500 frames as received, tokens and stored passwords masked. They are recorded only while this view is open and
            dropped when you leave it.
          </Text>
          <FrameTailView serverId={serverId} serverName={serverName} />
        </>
      )}
    </Stack>
  );
}
