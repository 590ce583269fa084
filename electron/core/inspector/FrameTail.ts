/**
 * The raw frame tail of one server: the last 500 frames as received, redacted (tokens, registered
 * passwords) when recorded. Off by default; it holds memory only between enable() and disable(),
 * which the InspectorService ties to someone having the Frames view open.
 */
import { TAIL_CAPACITY, TAIL_TEXT_MAX, type TailFrame } from '../../../shared/domain/inspector';
import { redactString } from '../util/redact';

export class FrameTail {
  private ring: TailFrame[] = [];
  private next = 0;
  private seq = 0;
  private fresh: TailFrame[] = [];
  enabled = false;

  enable(): void {
    this.enabled = true;
  }

  /** Drops everything held: the memory goes with the last viewer. */
  disable(): void {
    this.enabled = false;
    this.ring = [];
    this.fresh = [];
    this.next = 0;
  }

  get held(): number {
    return this.ring.length;
  }

  record(at: number, socket: string, stack: TailFrame['stack'], type: string, raw: string): void {
    if (!this.enabled) return;
    // Masked before it is cut: a secret cut in half is no longer recognised.
    const masked = redactString(raw.length > TAIL_TEXT_MAX * 2 ? raw.slice(0, TAIL_TEXT_MAX * 2) : raw);
    const text = masked.length > TAIL_TEXT_MAX ? masked.slice(0, TAIL_TEXT_MAX) : masked;
    const frame: TailFrame = { seq: ++this.seq, at: new Date(at).toISOString(), socket, stack, type, length: raw.length, text, truncated: text.length < masked.length || raw.length > TAIL_TEXT_MAX * 2 };
    if (this.ring.length < TAIL_CAPACITY) this.ring.push(frame);
    else this.ring[this.next] = frame;
    this.next = (this.next + 1) % TAIL_CAPACITY;
    this.fresh.push(frame);
    if (this.fresh.length > TAIL_CAPACITY) this.fresh.splice(0, this.fresh.length - TAIL_CAPACITY);
  }

  /** Everything held, oldest first. */
  frames(): TailFrame[] {
    return this.ring.length < TAIL_CAPACITY ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  /** Frames recorded since the last call (for the once-a-second push). */
  takeFresh(): TailFrame[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}
