import { ServerConfigSchema, type ServerConfig } from '../../../../shared/domain/serverConfig';
import type { ServerEntry } from '../../../../shared/ipc/schemas';
import { issueWords, serverField } from '../../lib/fieldErrors';

/** The form's editable values: strings for inputs, parsed into a ServerConfig on submit. */
export interface ServerFormValues {
  id: string;
  name: string;
  url: string;
  username: string;
  passwordEnv: string;
  stack: 'auto' | 'legacy' | 'unified';
  legacyTypes: 'admin' | 'health+system';
  pollSeconds: number;
  watchdogSeconds: number | '';
  fingerprint256: string;
  caFile: string;
  group: string;
  tags: string[];
  enabled: boolean;
  /** Where the probes ask DNS (empty: the URL's host, port 53); the rest of the dns block is carried through. */
  dnsHost: string;
  dnsPort: number | '';
  dns?: ServerConfig['dns'];
}

export function formValues(e: ServerEntry | null): ServerFormValues {
  return {
    id: e?.id ?? '',
    name: e?.name ?? '',
    url: e?.url ?? 'https://',
    username: e?.username ?? '',
    passwordEnv: e?.passwordEnv ?? '',
    stack: e?.stack ?? 'auto',
    legacyTypes: e?.legacyTypes ?? 'admin',
    pollSeconds: e?.pollSeconds ?? 60,
    watchdogSeconds: e?.watchdogSeconds ?? '',
    fingerprint256: e?.tls?.fingerprint256 ?? '',
    caFile: e?.tls?.caFile ?? '',
    group: e?.group ?? '',
    tags: e?.tags ?? [],
    enabled: e?.enabled ?? true,
    dnsHost: e?.dns?.host ?? '',
    dnsPort: e?.dns?.port ?? '',
    dns: e?.dns,
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** Validates with the shared schema; returns field errors keyed like the form. */
export function toConfig(v: ServerFormValues): { ok: true; config: ServerConfig } | { ok: false; errors: Record<string, string> } {
  const tls = opt(v.fingerprint256) || opt(v.caFile) ? { fingerprint256: opt(v.fingerprint256), caFile: opt(v.caFile) } : undefined;
  const parsed = ServerConfigSchema.safeParse({
    id: v.id.trim(),
    name: v.name.trim(),
    url: v.url.trim(),
    username: v.username.trim(),
    passwordEnv: opt(v.passwordEnv),
    stack: v.stack,
    legacyTypes: v.legacyTypes,
    pollSeconds: v.pollSeconds,
    watchdogSeconds: v.watchdogSeconds === '' ? undefined : v.watchdogSeconds,
    tls,
    group: opt(v.group),
    tags: v.tags,
    enabled: v.enabled,
    dns: dnsBlock(v),
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = fieldKey(issue.path);
    errors[key] ??= issueWords(issue, serverField(key));
  }
  return { ok: false, errors };
}

/** The dns block as the form leaves it: none unless the server had one or an address or port was typed. */
function dnsBlock(v: ServerFormValues): Record<string, unknown> | undefined {
  const host = opt(v.dnsHost);
  if (!v.dns && !host && v.dnsPort === '') return undefined;
  return { ...v.dns, host, port: v.dnsPort === '' ? 53 : v.dnsPort };
}

/** The form field an issue belongs to: tls.* and dns.host/port are fields of their own. */
function fieldKey(path: readonly PropertyKey[]): string {
  if (path[0] === 'tls') return String(path[1]);
  if (path[0] === 'dns' && (path[1] === 'host' || path[1] === 'port')) return path[1] === 'host' ? 'dnsHost' : 'dnsPort';
  return String(path[0]);
}
