/** `servers import`: the preview of what a fleet file would change, and the question before applying it. */
import { createInterface } from 'node:readline';
import type { ImportChange } from '../../core/fleetConfig/importPreview';
import { terminalText as t } from './terminalText';

const MARK = { add: '+', update: '~', unchanged: '=' } as const;

/** One block per server that changes; unchanged servers are counted, not listed. */
export function renderPreview(changes: readonly ImportChange[]): string {
  const pending = changes.filter((c) => c.kind !== 'unchanged');
  if (pending.length === 0) return '';
  const lines = [`This file would change ${pending.length} server(s):`];
  for (const c of pending) {
    lines.push(`  ${MARK[c.kind]} ${t(c.id)}${c.kind === 'add' ? '  (new)' : ''}`);
    for (const f of c.changes) lines.push(c.kind === 'add' ? `      ${f.field}: ${t(f.to)}` : `      ${f.field}: ${t(f.from)} -> ${t(f.to)}`);
    if (c.forgetsPassword) lines.push('      ! URL or username changed: the stored password is forgotten and must be entered again');
  }
  const unchanged = changes.length - pending.length;
  if (unchanged > 0) lines.push(`  (${unchanged} unchanged)`);
  return lines.join('\n') + '\n';
}

/** Asks on the terminal; anything but y/yes is a no. */
export function askYesNo(io: { stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream }, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
    io.stderr.write(question);
    rl.once('line', (answer) => {
      rl.close();
      resolve(/^\s*y(es)?\s*$/i.test(answer));
    });
    rl.once('close', () => resolve(false));
  });
}
