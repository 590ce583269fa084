import { ActionIcon, Button, Menu } from '@mantine/core';
import { MAINTENANCE_CHOICES } from '../../lib/maintenance';
import { Icon } from '../Icon/Icon';

export interface MaintenanceMenuProps {
  serverName: string;
  /** End of the open window, or null. */
  untilMs: number | null;
  /** A new end (epoch ms), or null to end maintenance now. */
  onSet(untilMs: number | null): void;
  /** A small "⋮" on a tile, a labelled button on the detail page. */
  variant: 'icon' | 'button';
}

/** Start, extend or end a server's maintenance window (alerts recorded, not notified). */
export function MaintenanceMenu({ serverName, untilMs, onSet, variant }: MaintenanceMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        {variant === 'icon' ? (
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Actions for ${serverName}`} data-testid="tile-menu">
            <Icon name="dots" size={16} />
          </ActionIcon>
        ) : (
          <Button variant="default" leftSection={<Icon name="tool" />} data-testid="maintenance-menu">
            Maintenance
          </Button>
        )}
      </Menu.Target>
      <Menu.Dropdown data-testid="maintenance-choices">
        <Menu.Label>{untilMs === null ? 'Maintenance: silence notifications for' : 'Maintenance: move the end to'}</Menu.Label>
        {MAINTENANCE_CHOICES.map((c) => (
          <Menu.Item key={c.key} leftSection={<Icon name="tool" />} onClick={() => onSet(c.until(new Date()))}>
            {c.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<Icon name="bell" />} disabled={untilMs === null} onClick={() => onSet(null)}>
          End maintenance
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
