import { Button, Group, Kbd, Modal, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { minutesUntilTomorrowMorning } from '../../lib/format';

export function snoozeChoices(now: Date) {
  return [
    { key: '1', label: '15 min', minutes: 15 },
    { key: '2', label: '1 hour', minutes: 60 },
    { key: '3', label: '4 hours', minutes: 240 },
    { key: '4', label: 'Until tomorrow 08:00', minutes: minutesUntilTomorrowMorning(now) },
  ];
}

export function AckDialog({ count, opened, onClose, onConfirm }: { count: number; opened: boolean; onClose(): void; onConfirm(note: string): void }) {
  const [note, setNote] = useState('');
  const confirm = () => {
    onConfirm(note);
    setNote('');
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Acknowledge ${count} alert${count === 1 ? '' : 's'}`} size="sm" data-testid="ack-dialog">
      <Stack gap="sm">
        <Textarea
          label="Note (optional)"
          placeholder="What you are doing about it"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
          onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && confirm()}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={confirm}>Acknowledge</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SnoozeDialog({ count, opened, onClose, onSnooze }: { count: number; opened: boolean; onClose(): void; onSnooze(minutes: number): void }) {
  const choices = snoozeChoices(new Date());
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Snooze ${count} alert${count === 1 ? '' : 's'}`}
      size="sm"
      data-testid="snooze-dialog"
      onKeyDown={(e) => {
        const c = choices.find((x) => x.key === e.key);
        if (c) onSnooze(c.minutes);
      }}
    >
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="xs">
          {choices.map((c) => (
            <Button key={c.key} variant="light" onClick={() => onSnooze(c.minutes)} rightSection={<Kbd size="xs">{c.key}</Kbd>}>
              {c.label}
            </Button>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          A snoozed alert wakes up by itself, earlier if its severity rises.
        </Text>
      </Stack>
    </Modal>
  );
}
