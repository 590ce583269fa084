import { PassThrough } from 'node:stream';
import type { ServersIo } from '../../../electron/hosts/cli/servers';

export interface CapturedIo extends ServersIo {
  out: () => string;
  err: () => string;
}

/** stdin holding `input` (ended), stdout and stderr captured. */
export function captureIo(input = '', tty?: FakeTty): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = tty ?? new PassThrough();
  if (!tty) (stdin as PassThrough).end(input);
  return { stdin, stdout, stderr, isTTY: Boolean(tty), out: () => out, err: () => err };
}

/** A terminal for the hidden prompt: records raw mode, and "types" once the prompt is in raw mode. */
export class FakeTty extends PassThrough {
  rawModes: boolean[] = [];
  constructor(private readonly keys: string) {
    super();
  }
  setRawMode(on: boolean): this {
    this.rawModes.push(on);
    if (on) queueMicrotask(() => this.write(this.keys));
    return this;
  }
}
