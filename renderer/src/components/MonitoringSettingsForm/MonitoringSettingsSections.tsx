import { Paper, Text, Title } from '@mantine/core';
import { useMonitoringSettings } from '../../hooks/useMonitoringSettings';
import { MonitoringSettingsForm } from './MonitoringSettingsForm';

/** The Settings page's "DNS probes" and "Query analytics" sections, each saved on its own. */
export function MonitoringSettingsSections() {
  const { saved, error, save } = useMonitoringSettings();
  const loading = (
    <Text size="sm" c={error ? 'red' : 'dimmed'}>
      {error ?? 'Loading…'}
    </Text>
  );
  return (
    <>
      <Title order={4}>DNS probes</Title>
      <Paper withBorder p="md" data-testid="probes-section">
        {saved ? <MonitoringSettingsForm section="probes" saved={saved.probes} onSave={(probes) => save({ probes })} /> : loading}
      </Paper>
      <Title order={4}>Query analytics</Title>
      <Paper withBorder p="md" data-testid="analytics-section">
        {saved ? <MonitoringSettingsForm section="analytics" saved={saved.analytics} onSave={(analytics) => save({ analytics })} /> : loading}
      </Paper>
    </>
  );
}
