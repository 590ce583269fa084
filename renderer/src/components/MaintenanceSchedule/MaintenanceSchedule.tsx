import { Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { MaintenanceWindow } from '../../../../shared/domain/maintenance';

export interface MaintenanceScheduleProps {
  windows: readonly MaintenanceWindow[];
  servers: readonly { serverId: string; name: string }[];
  onSchedule(window: MaintenanceWindow): Promise<string | null>;
  onRemove(id: string): void;
}

const REPEAT = [
  { value: 'none', label: 'Once' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
];
const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Every week from Sun 7 Jun, 23:00 (Europe/Berlin), 2 h" */
export function windowText(w: MaintenanceWindow): string {
  const when = new Intl.DateTimeFormat(undefined, { timeZone: w.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(w.startsAt);
  const minutes = Math.round((w.endsAt - w.startsAt) / 60_000);
  const length = minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  const repeat = w.recurrence === 'daily' ? 'Every day from ' : w.recurrence === 'weekly' ? 'Every week from ' : '';
  return `${repeat}${when} (${w.timeZone}), ${length}`;
}

/** Saved maintenance windows and a form to schedule one ahead, once or recurring, in a time zone. */
export function MaintenanceSchedule({ windows, servers, onSchedule, onRemove }: MaintenanceScheduleProps) {
  const [serverId, setServerId] = useState<string | null>(servers[0]?.serverId ?? null);
  const [start, setStart] = useState('');
  const [minutes, setMinutes] = useState<number>(120);
  const [recurrence, setRecurrence] = useState<MaintenanceWindow['recurrence']>('none');
  const [timeZone, setTimeZone] = useState(browserZone());
  const [problem, setProblem] = useState<string | null>(null);
  const name = (id: string) => servers.find((s) => s.serverId === id)?.name ?? id;
  const submit = () => {
    const startsAt = Date.parse(start);
    if (!serverId) return setProblem('Choose a server.');
    if (!Number.isFinite(startsAt)) return setProblem('Enter when the window starts.');
    const window: MaintenanceWindow = { id: crypto.randomUUID(), serverId, startsAt, endsAt: startsAt + minutes * 60_000, recurrence, timeZone, note: '' };
    void onSchedule(window).then((p) => setProblem(p));
  };
  return (
    <Stack gap="sm">
      {windows.length ? (
        <Table data-testid="maintenance-windows">
          <Table.Tbody>
            {windows.map((w) => (
              <Table.Tr key={w.id} data-testid="maintenance-window">
                <Table.Td>{name(w.serverId)}</Table.Td>
                <Table.Td>{windowText(w)}</Table.Td>
                <Table.Td w={90}>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRemove(w.id)}>
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          No maintenance is scheduled.
        </Text>
      )}
      <Group grow align="flex-end">
        <Select label="Server" data={servers.map((s) => ({ value: s.serverId, label: s.name }))} value={serverId} onChange={setServerId} allowDeselect={false} />
        <TextInput type="datetime-local" label="Starts" value={start} onChange={(e) => setStart(e.currentTarget.value)} />
      </Group>
      <Group grow align="flex-end">
        <NumberInput label="Lasts (minutes)" min={1} max={recurrence === 'daily' ? 1440 : 10080} allowDecimal={false} value={minutes} onChange={(v) => setMinutes(typeof v === 'number' && v > 0 ? Math.round(v) : 1)} />
        <Select label="Repeats" data={REPEAT} value={recurrence} allowDeselect={false} onChange={(v) => v && setRecurrence(v as MaintenanceWindow['recurrence'])} />
        <TextInput label="Time zone" description="Where a repeating window keeps its time" value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} />
      </Group>
      {problem ? (
        <Text size="sm" c="red" data-testid="maintenance-problem">
          {problem}
        </Text>
      ) : null}
      <Group>
        <Button onClick={submit} data-testid="maintenance-schedule">
          Schedule maintenance
        </Button>
      </Group>
    </Stack>
  );
}
