import { z } from 'zod';
import { ServerIdSchema } from './ids';

/**
 * The server model: what fleet.json and the app's settings hold for one server. No secret here,
 * ever: the password comes from `passwordEnv` (CLI) or the OS keychain.
 */
export const ServerConfigSchema = z.object({
  id: ServerIdSchema,
  name: z.string().min(1).max(120),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'url must start with http:// or https://'),
  username: z.string().min(3).max(50),
  passwordEnv: z.string().optional(),
  stack: z.enum(['auto', 'legacy', 'unified']).default('auto'),
  /** Legacy socket layout: `admin` (default) or `health+system` for accounts shared with humans. */
  legacyTypes: z.enum(['admin', 'health+system']).default('admin'),
  pollSeconds: z.number().int().min(15).max(3600).default(60),
  /** Watchdog window override in seconds (default 2.5 x the stream's interval). */
  watchdogSeconds: z.number().int().min(5).max(3600).optional(),
  tls: z
    .object({
      fingerprint256: z.string().optional(),
      caFile: z.string().optional(),
    })
    .optional(),
  group: z.string().max(60).optional(),
  tags: z.array(z.string().max(40)).max(20).default([]),
  enabled: z.boolean().default(true),
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;

export const FleetFileSchema = z.object({ servers: z.array(ServerConfigSchema) });
export type FleetFile = z.infer<typeof FleetFileSchema>;
