import { Badge, Burger, Button, Group, SegmentedControl, Text, Tooltip, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { fleetSummaryText, type FleetVerdict } from '../../../../shared/domain/verdict';
import { Icon } from '../Icon/Icon';
import { VerdictBadge } from '../VerdictBadge/VerdictBadge';

export interface AppHeaderProps {
  /** The fleet verdict as the core computed it (null before the first snapshot). */
  fleet: FleetVerdict | null;
  activeAlerts: number;
  navOpened: boolean;
  onToggleNav(): void;
  onOpenAlerts(): void;
  /** Offered only in the browser host, and only until the user answered. */
  notificationPermission: NotificationPermission | 'unsupported' | null;
  onAskNotifications(): void;
}

export function AppHeader(p: AppHeaderProps) {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={p.navOpened} onClick={p.onToggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
        <Text fw={700} size="sm">
          DNS Fleet Monitor
        </Text>
        <Group gap={6} data-testid="fleet-summary" data-level={p.fleet?.level ?? 'none'}>
          {p.fleet && p.fleet.total > 0 ? <VerdictBadge level={p.fleet.level} /> : null}
          <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="fleet-summary-text">
            {p.fleet ? fleetSummaryText(p.fleet) : ''}
          </Text>
        </Group>
      </Group>
      <Group gap="xs" wrap="nowrap">
        {p.notificationPermission === 'default' ? (
          <Button size="compact-xs" variant="subtle" leftSection={<Icon name="bell" size={12} />} onClick={p.onAskNotifications}>
            Enable desktop notifications
          </Button>
        ) : null}
        <Tooltip label="Active alerts">
          <Badge data-testid="active-alerts" component="button" onClick={p.onOpenAlerts} style={{ cursor: 'pointer' }} color={p.activeAlerts ? 'red' : 'gray'} variant={p.activeAlerts ? 'filled' : 'light'} leftSection={<Icon name="bell" size={12} />}>
            {p.activeAlerts} active
          </Badge>
        </Tooltip>
        <SegmentedControl
          size="xs"
          value={colorScheme}
          onChange={(v) => setColorScheme(v as MantineColorScheme)}
          aria-label="Theme"
          data={[
            { value: 'auto', label: 'Auto' },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
          ]}
        />
      </Group>
    </Group>
  );
}

