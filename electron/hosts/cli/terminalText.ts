/**
 * Server and file strings on their way to a terminal. A compromised server can put escape
 * sequences in a zone name or an event type: OSC 0 retitles the window, OSC 52 writes the
 * clipboard, ESC[2J clears the screen, and a newline forges a whole `STATE` line of another
 * server. Human output shows every such character as a visible escape instead; --json output
 * is already safe (JSON escapes control characters).
 */

/** C0 (newline and tab included), DEL, C1, and the bidi controls that reorder what is shown. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of plain text: every control character becomes `\xNN` (or `\uNNNN`). */
export function terminalText(value: unknown): string {
  return String(value ?? '').replace(UNSAFE, escapeOne);
}
