import { Button, Group, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { MonitoringSettings } from '../../../../shared/domain/monitoringSettings';
import { draftProblems, draftValues, MONITORING_FIELDS, toDraft, type Draft, type MonitoringField, type Section } from '../../lib/monitoringFields';

export interface MonitoringSettingsFormProps<S extends Section> {
  section: S;
  saved: MonitoringSettings[S];
  /** A problem in words, or null when the core took it. */
  onSave(values: MonitoringSettings[S]): Promise<string | null>;
}

/**
 * One section of probe or analytics settings: every field with its unit and the schema's bounds, a
 * problem under the field as it is typed, Save only when all of it is valid (nothing is sent otherwise).
 */
export function MonitoringSettingsForm<S extends Section>({ section, saved, onSave }: MonitoringSettingsFormProps<S>) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const current = draft ?? toDraft(saved);
  const problems = draftProblems(section, current);
  const values = draftValues(section, current);
  const dirty = draft !== null && JSON.stringify(values ?? draft) !== JSON.stringify(saved);
  const set = (key: string, v: string | number | boolean) => setDraft({ ...current, [key]: v });
  const save = () => {
    if (!values) return;
    setSaving(true);
    void onSave(values).then((problem) => {
      setSaving(false);
      setSaveError(problem);
      if (!problem) setDraft(null);
    });
  };
  return (
    <Stack gap="sm" maw={560} data-testid={`${section}-settings`}>
      {MONITORING_FIELDS[section].map((f) => (
        <Field key={f.key} field={f} value={current[f.key]} problem={Object.hasOwn(problems, f.key) ? problems[f.key]! : null} onChange={(v) => set(f.key, v)} />
      ))}
      {saveError ? (
        <Text size="sm" c="red" data-testid={`${section}-error`}>
          {saveError}
        </Text>
      ) : null}
      <Group>
        <Button onClick={save} disabled={!dirty || values === null} loading={saving} data-testid={`${section}-save`}>
          Save
        </Button>
        <Button variant="default" onClick={() => setDraft(null)} disabled={draft === null}>
          Undo changes
        </Button>
        {!dirty ? (
          <Text size="xs" c="dimmed" data-testid={`${section}-saved`}>
            Saved: the running monitor uses it at once, no restart.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

function Field({ field: f, value, problem, onChange }: { field: MonitoringField; value: Draft[string] | undefined; problem: string | null; onChange(v: string | number | boolean): void }) {
  if (f.kind === 'switch') {
    return <Switch label={f.label} description={f.description} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
  }
  if (f.kind === 'text') {
    return <TextInput label={f.label} description={f.description} value={typeof value === 'string' ? value : ''} error={problem} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
  return (
    <NumberInput
      label={`${f.label} (${f.unit})`}
      description={`${f.description} From ${f.bounds.min} to ${f.bounds.max}; default ${f.bounds.default}.`}
      min={f.bounds.min}
      max={f.bounds.max}
      clampBehavior="none"
      allowDecimal={!f.bounds.integer}
      value={typeof value === 'number' || typeof value === 'string' ? value : ''}
      error={problem}
      onChange={onChange}
    />
  );
}
