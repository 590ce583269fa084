import { Box, Button, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { fleetSummaryText, type FleetVerdict, type ServerVerdict } from '../../../../shared/domain/verdict';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import { VERDICT_META } from '../../lib/verdictMeta';
import { wallLayout } from '../../lib/wallLayout';
import { Icon } from '../Icon/Icon';
import { WallTile } from './WallTile';

const GAP = 8;

export interface WallViewProps {
  servers: readonly ServerStatus[];
  verdicts: ReadonlyMap<string, ServerVerdict>;
  fleet: FleetVerdict | null;
  onExit(): void;
  onOpen(id: string): void;
}

/**
 * Wall mode: the header summary as a banner across the top, then every server as a tile sized so
 * all of them fill the rest of the screen (wallLayout), with type as large as the tiles allow.
 */
export function WallView({ servers, verdicts, fleet, onExit, onOpen }: WallViewProps) {
  const { ref, width, height } = useElementSize();
  const layout = wallLayout(servers.length, width, height, GAP);
  return (
    <Box data-testid="wall-view" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, overflow: 'hidden' }}>
      <WallBanner fleet={fleet} onExit={onExit} />
      {/* The measured box takes the space left; the grid is laid over it, so its content can never grow what is measured. */}
      <Box ref={ref} style={{ flex: 1, minHeight: 0, position: 'relative', margin: GAP }}>
        {width > 0 && height > 0 ? (
          <Box
            component="ul"
            aria-label="Servers, problems first"
            data-testid="wall-grid"
            data-cols={layout.cols}
            style={{ position: 'absolute', inset: 0, listStyle: 'none', margin: 0, padding: 0, display: 'grid', alignContent: 'start', gap: GAP, gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`, gridAutoRows: `${layout.rowPx}px`, fontSize: layout.fontPx }}
          >
            {servers.map((s) => (
              <WallTile key={s.serverId} status={s} verdict={verdicts.get(s.serverId)} fontPx={layout.fontPx} onOpen={onOpen} />
            ))}
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}

/** The fleet verdict in words, large: readable across the room; the one colour is the worst level's. */
function WallBanner({ fleet, onExit }: { fleet: FleetVerdict | null; onExit(): void }) {
  const meta = fleet && fleet.total > 0 ? VERDICT_META[fleet.level] : null;
  return (
    <Group
      component="header"
      data-testid="wall-banner"
      data-level={fleet?.level ?? 'none'}
      justify="space-between"
      wrap="nowrap"
      px="md"
      style={{ background: meta ? `var(--mantine-color-${meta.color}-light)` : undefined, borderBottom: `6px solid var(--mantine-color-${meta?.color ?? 'gray'}-filled)`, fontSize: 'clamp(20px, 3.2vh, 72px)', minHeight: '1.8em' }}
    >
      <Group gap="0.4em" wrap="nowrap" style={{ color: meta ? `var(--mantine-color-${meta.color}-light-color)` : undefined }}>
        {meta ? <Icon name={meta.icon} size={40} /> : null}
        <Text component="h1" fw={800} m={0} style={{ fontSize: '1em' }} data-testid="wall-banner-level">
          {meta ? meta.label : 'No data'}
        </Text>
        <Text fw={600} style={{ fontSize: '1em', fontVariantNumeric: 'tabular-nums' }} data-testid="wall-banner-text">
          {fleet ? fleetSummaryText(fleet) : 'waiting for the first snapshot'}
        </Text>
      </Group>
      <Button variant="default" size="xs" onClick={onExit} data-testid="wall-exit">
        Exit wall mode (F11)
      </Button>
    </Group>
  );
}
