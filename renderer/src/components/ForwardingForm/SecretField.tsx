import { Badge, Button, Group, PasswordInput } from '@mantine/core';
import { useState } from 'react';

export interface SecretFieldProps {
  /** "Signing secret", "URL". */
  label: string;
  isSet: boolean;
  /** The badge when nothing is kept yet ("no secret: deliveries wait"). */
  missing: string;
  /** The webhook is saved: only then has the core a place to keep this. */
  saved: boolean;
  testId: string;
  onSet(value: string | null): Promise<string | null>;
}

/** A write-only keychain field: typed, handed to the core, then forgotten; the page shows only whether it is set. */
export function SecretField({ label, isSet, missing, saved, testId, onSet }: SecretFieldProps) {
  const [value, setValue] = useState('');
  // "signing secret" mid-sentence, but "URL" stays an acronym.
  const noun = /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const [problem, setProblem] = useState<string | null>(null);
  const store = (v: string | null) =>
    void onSet(v).then((p) => {
      setProblem(p);
      if (!p) setValue('');
    });
  return (
    <Group align="flex-end" gap="xs">
      <Badge variant="light" color={isSet ? 'green' : 'red'} data-testid={`${testId}-state`}>
        {isSet ? `${noun} set` : missing}
      </Badge>
      <PasswordInput
        label={label}
        description={saved ? 'Kept in the OS keychain, never shown again' : 'Save the webhook first'}
        error={problem}
        disabled={!saved}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        autoComplete="new-password"
        style={{ flex: 1 }}
      />
      <Button variant="default" disabled={!saved || value.length === 0} onClick={() => store(value)} data-testid={`${testId}-save`}>
        {isSet ? `Replace ${noun}` : `Set ${noun}`}
      </Button>
      {isSet ? (
        <Button variant="subtle" color="red" onClick={() => store(null)}>
          Remove {noun}
        </Button>
      ) : null}
    </Group>
  );
}
