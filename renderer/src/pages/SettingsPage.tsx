import { Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { NotificationPolicy } from '../../../shared/domain/notificationPolicy';
import { ForwardingForm } from '../components/ForwardingForm/ForwardingForm';
import { PolicyForm } from '../components/PolicyForm/PolicyForm';
import { MaintenanceSchedule } from '../components/MaintenanceSchedule/MaintenanceSchedule';
import { DiagnosticsSection } from '../components/DiagnosticsPanel/DiagnosticsSection';
import { MonitoringSettingsSections } from '../components/MonitoringSettingsForm/MonitoringSettingsSections';
import { useFleet } from '../hooks/useFleet';
import { useForwarding } from '../hooks/useForwarding';
import { useMaintenanceSchedule } from '../hooks/useMaintenanceSchedule';
import { usePolicy, usePolicyPreview } from '../hooks/usePolicy';

/** Settings: the alerting policy (quiet hours, minimum severity, sound, escalation) with a preview, maintenance windows, alert forwarding, DNS probes, query analytics and diagnostics. */
export function SettingsPage() {
  const { saved, error, save } = usePolicy();
  const maintenance = useMaintenanceSchedule();
  const { servers } = useFleet();
  const forwarding = useForwarding();
  const forwardingView = forwarding.view;
  const [draft, setDraft] = useState<NotificationPolicy | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const current = draft ?? saved;
  const preview = usePolicyPreview(current);
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  const onSave = () => {
    if (!draft) return;
    setSaving(true);
    void save(draft).then((problem) => {
      setSaving(false);
      setSaveError(problem);
      if (!problem) setDraft(null);
    });
  };
  return (
    <Stack gap="sm">
      <Title order={4}>Notifications</Title>
      <Paper withBorder p="md">
        {current ? (
          <PolicyForm
            draft={current}
            preview={preview}
            dirty={dirty}
            saving={saving}
            error={saveError ?? error}
            onChange={setDraft}
            onSave={onSave}
            onReset={() => setDraft(null)}
          />
        ) : (
          <Text size="sm" c={error ? 'red' : 'dimmed'}>
            {error ?? 'Loading…'}
          </Text>
        )}
      </Paper>
      <Title order={4}>Maintenance windows</Title>
      <Paper withBorder p="md">
        {maintenance.windows ? (
          <MaintenanceSchedule windows={maintenance.windows} servers={servers} onSchedule={maintenance.schedule} onRemove={(id) => void maintenance.remove(id)} />
        ) : (
          <Text size="sm" c={maintenance.error ? 'red' : 'dimmed'}>
            {maintenance.error ?? 'Loading…'}
          </Text>
        )}
      </Paper>
      <Title order={4}>Alert forwarding</Title>
      <Paper withBorder p="md" data-testid="forwarding-section">
        {forwardingView ? (
          <ForwardingForm api={{ ...forwarding, view: forwardingView }} />
        ) : (
          <Text size="sm" c={forwarding.error ? 'red' : 'dimmed'}>
            {forwarding.error ?? 'Loading…'}
          </Text>
        )}
      </Paper>
      <MonitoringSettingsSections />
      <DiagnosticsSection />
    </Stack>
  );
}
