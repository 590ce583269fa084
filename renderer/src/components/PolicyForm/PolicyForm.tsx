import { Button, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { SEVERITIES, type Severity } from '../../../../shared/domain/fleetEvent';
import type { NotificationPolicy } from '../../../../shared/domain/notificationPolicy';
import type { PolicyPreviewResult } from '../../../../shared/ipc/schemas';

export interface PolicyFormProps {
  draft: NotificationPolicy;
  preview: PolicyPreviewResult | null;
  dirty: boolean;
  saving: boolean;
  error: string | null;
  onChange(next: NotificationPolicy): void;
  onSave(): void;
  onReset(): void;
}

const SEVERITY_LABEL: Record<Severity, string> = { debug: 'Debug', info: 'Info', warning: 'Warning', error: 'Error', critical: 'Critical' };
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "In the last 24 h this policy would have notified 7 times (2 of them repeats)." */
export function previewText(p: PolicyPreviewResult): string {
  const times = p.notifications === 1 ? 'once' : `${p.notifications} times`;
  const repeats = p.repeats > 0 ? ` (${p.repeats} of them repeats of unacknowledged criticals)` : '';
  return `In the last ${p.hours} h this policy would have notified ${times}${repeats}, for ${p.alerts} alert${p.alerts === 1 ? '' : 's'}.`;
}

/** Quiet hours as words: a time the field does not read is said, not thrown. */
export function quietHoursProblem(q: NotificationPolicy['quietHours']): string | null {
  if (!q) return null;
  if (!HHMM.test(q.start) || !HHMM.test(q.end)) return 'Enter both times as hours and minutes, for example 22:00 and 07:00.';
  return q.start === q.end ? 'Start and end are the same time, so quiet hours would never apply.' : null;
}

/** The alerting policy editor: presentational; the page holds the draft and saves it. */
export function PolicyForm({ draft, preview, dirty, saving, error, onChange, onSave, onReset }: PolicyFormProps) {
  const set = <K extends keyof NotificationPolicy>(k: K, v: NotificationPolicy[K]) => onChange({ ...draft, [k]: v });
  const quiet = draft.quietHours;
  const problem = quietHoursProblem(quiet);
  return (
    <Stack gap="sm" maw={520}>
      <Switch label="Notify me of alerts" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
      <Select
        label="Notify from severity"
        description="Alerts below it are listed in the inbox but never pop up."
        data={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))}
        value={draft.minSeverity}
        allowDeselect={false}
        onChange={(v) => v && set('minSeverity', v as Severity)}
      />
      <Switch label="Play a sound" checked={draft.sound} onChange={(e) => set('sound', e.currentTarget.checked)} />
      <Switch
        label="Quiet hours"
        description="No sound and no pop-ups; critical alerts still break through, silently."
        checked={quiet !== null}
        onChange={(e) => set('quietHours', e.currentTarget.checked ? { start: '22:00', end: '07:00' } : null)}
      />
      {quiet ? (
        <Group grow>
          <TextInput type="time" label="Quiet from" value={quiet.start} onChange={(e) => set('quietHours', { ...quiet, start: e.currentTarget.value })} />
          <TextInput type="time" label="Quiet until" value={quiet.end} onChange={(e) => set('quietHours', { ...quiet, end: e.currentTarget.value })} />
        </Group>
      ) : null}
      {problem ? (
        <Text size="sm" c="red" data-testid="policy-problem">
          {problem}
        </Text>
      ) : null}
      <NumberInput
        label="Repeat an unacknowledged critical alert every (minutes)"
        description="Each repeat is louder. 0 never repeats."
        min={0}
        max={1440}
        allowDecimal={false}
        value={draft.escalateEveryMinutes}
        onChange={(v) => set('escalateEveryMinutes', typeof v === 'number' ? Math.max(0, Math.min(1440, Math.round(v))) : 0)}
      />
      <Text size="sm" data-testid="policy-preview" c={preview ? undefined : 'dimmed'}>
        {preview ? previewText(preview) : 'Working out what this policy would have notified…'}
      </Text>
      {error ? (
        <Text size="sm" c="red" data-testid="policy-error">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button onClick={onSave} disabled={!dirty || problem !== null} loading={saving} data-testid="policy-save">
          Save
        </Button>
        <Button variant="default" onClick={onReset} disabled={!dirty}>
          Undo changes
        </Button>
        {!dirty ? (
          <Text size="xs" c="dimmed" data-testid="policy-saved">
            Saved: applies to every window and host at once.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
