/**
 * Schema issues in words a person would use ("Name is required", "Poll interval must be at least
 * 15 seconds"), never the validator's own text ("Too small: expected string to have >=1 characters").
 */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  input?: unknown;
}

export interface FieldWords {
  label: string;
  /** Unit of a number field, e.g. "seconds". */
  unit?: string;
  /** What the format must look like, for invalid_format issues. */
  example?: string;
}

const lengthWords = (n: number | bigint | undefined, what: string) => `${String(n)} ${what}${Number(n) === 1 ? '' : 's'}`;

export function issueWords(issue: SchemaIssue, field: FieldWords): string {
  const { label, unit = '' } = field;
  const units = unit ? ` ${unit}` : '';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${label} is required.` : `${label} needs at least ${lengthWords(issue.minimum, 'character')}.`;
      if (issue.origin === 'array') return `${label} needs at least ${String(issue.minimum)}.`;
      return `${label} must be at least ${String(issue.minimum)}${units}.`;
    case 'too_big':
      if (issue.origin === 'string') return `${label} can be at most ${lengthWords(issue.maximum, 'character')}.`;
      if (issue.origin === 'array') return `${label} can have at most ${String(issue.maximum)}.`;
      return `${label} must be at most ${String(issue.maximum)}${units}.`;
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? `${label} is required.` : `${label} is not valid.`;
    case 'invalid_format':
      if (issue.format === 'regex' || issue.format === undefined) return `${label}: ${issue.message}.`;
      return field.example ? `${label} must look like ${field.example}.` : `${label} is not valid.`;
    case 'invalid_value':
      return `Choose a ${label.toLowerCase()} from the list.`;
    default:
      // Refinements carry a message written for people already.
      return `${label}: ${issue.message}.`;
  }
}

/** Field words of the server model, shared by the server form and the fleet file import. */
export const SERVER_FIELDS: Readonly<Record<string, FieldWords>> = {
  id: { label: 'Id' },
  name: { label: 'Name' },
  url: { label: 'URL', example: 'https://10.0.0.53' },
  username: { label: 'Username' },
  passwordEnv: { label: 'Password variable' },
  stack: { label: 'Stack' },
  legacyTypes: { label: 'Legacy sockets' },
  pollSeconds: { label: 'Poll interval', unit: 'seconds' },
  watchdogSeconds: { label: 'Watchdog window', unit: 'seconds' },
  fingerprint256: { label: 'Certificate fingerprint' },
  caFile: { label: 'CA file' },
  group: { label: 'Group' },
  tags: { label: 'Tags' },
  enabled: { label: 'Enabled' },
  dnsHost: { label: 'DNS address' },
  dnsPort: { label: 'DNS port' },
  dns: { label: 'DNS probes' },
};

/** The words for one field of the server model, looked up as an own property (keys come from the validator). */
export function serverField(key: string): FieldWords {
  return Object.prototype.hasOwnProperty.call(SERVER_FIELDS, key) ? SERVER_FIELDS[key]! : { label: key };
}

/** "Server 2 (dns-hq-2): URL must look like https://10.0.0.53." for an issue in a fleet file. */
export function fleetIssueWords(issue: SchemaIssue, servers: unknown): string {
  const [top, index, ...rest] = issue.path;
  if (issue.path.length === 0 || (top === 'servers' && index === undefined)) return 'The file is not a fleet file (it needs a "servers" list).';
  if (top !== 'servers' || typeof index !== 'number') return `The fleet file is not valid at ${issue.path.map(String).join('.')}.`;
  const key = String(rest[0] === 'tls' ? rest[1] : (rest[0] ?? ''));
  const entry = Array.isArray(servers) ? (servers[index] as { id?: unknown } | undefined) : undefined;
  const id = typeof entry?.id === 'string' ? ` (${entry.id.slice(0, 64)})` : '';
  return `Server ${index + 1}${id}: ${issueWords(issue, serverField(key))}`;
}
