import { Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import { EVENT_CATEGORIES, SEVERITIES } from '../../../../shared/domain/fleetEvent';
import type { EventFacets } from '../../../../shared/ipc/schemas';
import { RANGES, type EventFilterState } from '../../lib/eventView';

export type { EventFilterState } from '../../lib/eventView';
export { RANGES } from '../../lib/eventView';

const withCount = (values: readonly string[], counts: Record<string, number> | undefined, label: (v: string) => string = (v) => v) =>
  values.map((v) => ({ value: v, label: `${label(v)} (${counts && Object.hasOwn(counts, v) ? counts[v] : 0})` }));

/** The search language's field terms (eventlog/searchQuery.ts), as the operator reads them when hovering the box. */
export const SEARCH_HELP =
  'Words match by their beginning. Fields: server:id type:name client:ip domain:name domain:*part* blocked:yes blocked:no severity>=warning; -word excludes';

/** Presentational filter bar; facet counts come in, the edited filter goes out. */
export function EventFilters({ value, onChange, facets, serverName }: { value: EventFilterState; onChange(v: EventFilterState): void; facets: EventFacets | null; serverName(id: string): string }) {
  const set = (patch: Partial<EventFilterState>) => onChange({ ...value, ...patch });
  const serverIds = [...new Set([...Object.keys(facets?.servers ?? {}), ...value.servers])];
  const typeIds = [...new Set([...Object.keys(facets?.types ?? {}), ...value.types])].sort();
  return (
    <Group gap="xs" align="flex-end" data-testid="event-filters">
      <TextInput data-testid="event-search" data-page-search label="Search" placeholder="words, server:, blocked:yes…" title={SEARCH_HELP} value={value.search} onChange={(e) => set({ search: e.currentTarget.value })} w={220} />
      <MultiSelect data-testid="filter-servers" label="Server" placeholder="all" data={withCount(serverIds, facets?.servers, serverName)} value={value.servers} onChange={(servers) => set({ servers })} searchable clearable w={220} />
      <MultiSelect data-testid="filter-categories" label="Category" placeholder="all" data={withCount(EVENT_CATEGORIES, facets?.categories)} value={value.categories} onChange={(categories) => set({ categories })} clearable w={190} />
      <MultiSelect data-testid="filter-severities" label="Severity" placeholder="all" data={withCount([...SEVERITIES].reverse(), facets?.severities)} value={value.severities} onChange={(severities) => set({ severities })} clearable w={360} />
      <MultiSelect data-testid="filter-types" label="Type" placeholder="all" data={withCount(typeIds, facets?.types)} value={value.types} onChange={(types) => set({ types })} searchable clearable w={210} />
      <Select data-testid="filter-range" label="Time" data={RANGES.filter((r) => r.value !== 'custom' || value.range === 'custom').map(({ value: v, label }) => ({ value: v, label }))} value={value.range} onChange={(range) => set({ range: range ?? 'all' })} allowDeselect={false} w={130} />
      <SegmentedControl
        data-testid="filter-derived"
        size="xs"
        value={value.derived}
        onChange={(d) => set({ derived: d as EventFilterState['derived'] })}
        data={[
          { value: 'all', label: 'All' },
          { value: 'pushed', label: 'Pushed' },
          { value: 'derived', label: 'Derived' },
        ]}
      />
    </Group>
  );
}
