import { Alert, Button, FileButton, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { FleetFile, ServerConfig } from '../../../shared/domain/serverConfig';
import { FleetFileSchema } from '../../../shared/domain/serverConfig';
import type { ImportChange, ServerEntry } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { ImportCredentialsDialog } from '../components/ImportCredentialsDialog/ImportCredentialsDialog';
import { ImportPreviewDialog } from '../components/ImportPreviewDialog/ImportPreviewDialog';
import { ServerForm } from '../components/ServerForm/ServerForm';
import { ServerList } from '../components/ServerList/ServerList';
import { useCredentialPrompt } from '../hooks/useCredentialPrompt';
import { useFleet } from '../hooks/useFleet';
import { useServerEntries } from '../hooks/useServerEntries';
import { fleetIssueWords } from '../lib/fieldErrors';
import { useClient } from '../store/StoreContext';

type Editing = { entry: ServerEntry | null } | null;

export function ServersPage() {
  const client = useClient();
  const { servers } = useFleet();
  const { entries, error, refresh } = useServerEntries();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ServerEntry | null>(null);
  const credentials = useCredentialPrompt(refresh);
  const statuses = useMemo(() => new Map(servers.map((s) => [s.serverId, s])), [servers]);
  // Monitored but not in the saved list: the emulated demo fleet, which lives for this session only.
  const sessionOnly = servers.filter((s) => !entries.some((e) => e.id === s.serverId));

  const save = async (config: ServerConfig, password: string | undefined) => {
    const r = await client.invoke('servers:save', { config, password, isNew: editing?.entry === null });
    if (!r.ok) return describeError(r);
    setEditing(null);
    refresh();
    return null;
  };
  const test = async (config: ServerConfig, password: string | undefined) => {
    const r = await client.invoke('servers:test', { config, password });
    return r.ok ? r.value : describeError(r);
  };
  const act = (p: Promise<{ ok: boolean }>) => void p.then(refresh);

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Servers ({entries.length})
        </Text>
        <Group gap="xs">
          <ImportButton
            onDone={(needCredentials) => {
              refresh();
              credentials.start(needCredentials);
            }}
          />
          <Button variant="default" onClick={() => void exportFleet(client)}>
            Export fleet JSON
          </Button>
          <Button onClick={() => setEditing({ entry: null })} data-testid="add-server">
            Add server
          </Button>
        </Group>
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      {sessionOnly.length > 0 ? (
        <Alert color="blue" data-testid="session-only-servers" title="Demo servers, this session only">
          {sessionOnly.map((s) => s.name).join(', ')} {sessionOnly.length === 1 ? 'is' : 'are'} emulated on this computer and monitored until the app
          closes; they are not saved and have no settings here. Add your own servers to keep them.
        </Alert>
      ) : null}
      <Paper withBorder>
        <ServerList
          entries={entries}
          statuses={statuses}
          onEdit={(entry) => setEditing({ entry })}
          onRemove={setRemoving}
          onSetEnabled={(e, enabled) => act(client.invoke('servers:setEnabled', { id: e.id, enabled }))}
        />
      </Paper>
      <ImportCredentialsDialog prompt={credentials} />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.entry ? `Edit ${editing.entry.name}` : 'Add server'} size="lg">
        {editing ? <ServerForm entry={editing.entry} onSave={save} onTest={test} onCancel={() => setEditing(null)} /> : null}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Remove server?" size="sm">
        <Stack gap="sm">
          <Text size="sm">
            Stop monitoring <b>{removing?.name}</b> and delete its stored credential? Its recorded events stay in the event log.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
            <Button color="red" data-testid="confirm-remove" onClick={() => removing && (act(client.invoke('servers:remove', { id: removing.id })), setRemoving(null))}>
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

async function exportFleet(client: ReturnType<typeof useClient>): Promise<void> {
  const r = await client.invoke('fleet:exportConfig', {});
  if (!r.ok) return void notifications.show({ color: 'red', title: 'Export failed', message: describeError(r) });
  const url = URL.createObjectURL(new Blob([JSON.stringify(r.value, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: 'fleet.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a fleet file, shows what it would change, and imports it only when confirmed. */
function ImportButton({ onDone }: { onDone(needCredentials: string[]): void }) {
  const client = useClient();
  const [pending, setPending] = useState<{ fleet: FleetFile; changes: ImportChange[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | null) => {
    if (!file) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return void notifications.show({ color: 'red', title: 'Import failed', message: `${file.name} is not JSON.` });
    }
    const parsed = FleetFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const servers = (json as { servers?: unknown } | null)?.servers;
      return void notifications.show({ color: 'red', title: 'Import failed', message: issue ? fleetIssueWords(issue, servers) : 'This is not a fleet file.' });
    }
    const preview = await client.invoke('fleet:previewImport', { fleet: parsed.data });
    if (!preview.ok) return void notifications.show({ color: 'red', title: 'Import failed', message: describeError(preview) });
    setPending({ fleet: parsed.data, changes: preview.value });
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    const r = await client.invoke('fleet:importConfig', { fleet: pending.fleet });
    setBusy(false);
    setPending(null);
    if (!r.ok) return void notifications.show({ color: 'red', title: 'Import failed', message: describeError(r) });
    const { added, updated, needCredentials } = r.value;
    notifications.show({ color: 'green', title: 'Fleet imported', message: `${added.length} added, ${updated.length} updated` });
    onDone(needCredentials);
  };
  return (
    <>
      <FileButton onChange={(f) => void onFile(f)} accept="application/json,.json">
        {(props) => (
          <Button variant="default" {...props}>
            Import fleet JSON
          </Button>
        )}
      </FileButton>
      <ImportPreviewDialog changes={pending?.changes ?? null} busy={busy} onConfirm={() => void confirm()} onCancel={() => setPending(null)} />
    </>
  );
}
