import { z } from 'zod';

/** A server's id as the user chose it in fleet.json or settings (slug-like). */
export const ServerIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
  .brand<'ServerId'>();
export type ServerId = z.infer<typeof ServerIdSchema>;
export const asServerId = (id: string): ServerId => ServerIdSchema.parse(id);

/** Local id of a stored event (a ULID-like sortable string made by the core). */
export type EventId = string & { readonly __brand: 'EventId' };
export type AlertId = string & { readonly __brand: 'AlertId' };

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
