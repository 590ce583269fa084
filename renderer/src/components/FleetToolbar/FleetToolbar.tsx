import { Button, Group, SegmentedControl, Switch, Text, TextInput } from '@mantine/core';
import type { FleetDensity, FleetGrouping, FleetSort, FleetView } from '../../lib/fleetView';
import { useUrlText } from '../../hooks/useUrlText';
import { Icon } from '../Icon/Icon';

export interface FleetToolbarProps {
  view: FleetView;
  onChange(view: FleetView): void;
  shown: number;
  total: number;
}

/** The desk view's choices: filter, order, problems only, grouping, density, and the way into wall mode. */
export function FleetToolbar({ view, onChange, shown, total }: FleetToolbarProps) {
  const [typed, setTyped] = useUrlText(view.filter, (filter) => onChange({ ...view, filter }), 250);
  return (
    <Group gap="sm" wrap="wrap" data-testid="fleet-toolbar" align="center">
      <TextInput
        aria-label="Filter servers by name"
        placeholder="Filter servers  ( / )"
        data-page-search
        data-testid="fleet-filter"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        leftSection={<Icon name="list" size={12} />}
        w={200}
      />
      <SegmentedControl
        size="xs"
        aria-label="Sort"
        data-testid="fleet-sort"
        value={view.sort}
        onChange={(v) => onChange({ ...view, sort: v as FleetSort })}
        data={[
          { value: 'problems', label: 'Problems first' },
          { value: 'name', label: 'By name' },
        ]}
      />
      <Switch size="sm" label="Problems only" data-testid="fleet-problems-only" checked={view.problemsOnly} onChange={(e) => onChange({ ...view, problemsOnly: e.currentTarget.checked })} />
      <Group gap={4} wrap="nowrap">
        <Text size="xs" id="fleet-group-label">
          Group
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby="fleet-group-label"
          data-testid="fleet-group"
          value={view.groupBy}
          onChange={(v) => onChange({ ...view, groupBy: v as FleetGrouping })}
          data={[
            { value: 'none', label: 'None' },
            { value: 'group', label: 'By group' },
            { value: 'tag', label: 'By tag' },
          ]}
        />
      </Group>
      <SegmentedControl
        size="xs"
        aria-label="Density"
        data-testid="fleet-density"
        value={view.density}
        onChange={(v) => onChange({ ...view, density: v as FleetDensity })}
        data={[
          { value: 'comfortable', label: 'Comfortable' },
          { value: 'compact', label: 'Compact' },
          { value: 'table', label: 'Table' },
        ]}
      />
      <Button variant="default" leftSection={<Icon name="grid" size={12} />} onClick={() => onChange({ ...view, wall: true })} data-testid="fleet-wall-button">
        Wall mode (F11)
      </Button>
      <Text size="xs" c="dimmed" data-testid="fleet-shown" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {shown === total ? `${total} servers` : `Showing ${shown} of ${total} servers`}
      </Text>
    </Group>
  );
}

