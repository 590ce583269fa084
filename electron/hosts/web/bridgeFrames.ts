/** The bridge's wire format between the page and the browser host (validated both ways). */
import { z } from 'zod';
import type { ApiResult } from '../../../shared/ipc/contract';

export const MAX_FRAME_BYTES = 1024 * 1024;

export const ClientFrameSchema = z.object({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().min(1).max(100),
  payload: z.unknown().optional(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame = { id: number | null; result: ApiResult<unknown> } | { push: string; payload: unknown };

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; id: number | null; message: string };

/** Parses one text frame; garbage becomes an error to answer (with the id when one is readable). */
export function parseClientFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'frame is not JSON' };
  }
  const parsed = ClientFrameSchema.safeParse(raw);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const id = (raw as { id?: unknown } | null)?.id;
  const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { ok: false, id: typeof id === 'number' && Number.isSafeInteger(id) ? id : null, message: `invalid frame: ${message}` };
}

export const invalidFrame = (id: number | null, message: string): ServerFrame => ({
  id,
  result: { ok: false, error: { code: 'invalid-request', message } },
});
