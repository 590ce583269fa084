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

/**
 * The only environment variables a config may read a password from. A fleet file comes from anyone:
 * `passwordEnv: "HOME"` (or AWS_SECRET_ACCESS_KEY) would send that variable to the file's server.
 */
export const PASSWORD_ENV_PATTERN = /^DNSFLEET_[A-Z0-9_]{1,64}$/;
export const PASSWORD_ENV_RULE = 'passwordEnv must name a DNSFLEET_-prefixed variable (like DNSFLEET_HQ1_PASSWORD)';
export const isAllowedPasswordEnv = (name: string | undefined): name is string => typeof name === 'string' && PASSWORD_ENV_PATTERN.test(name);

export const FleetFileSchema = z.object({ servers: z.array(ServerConfigSchema) });
export type FleetFile = z.infer<typeof FleetFileSchema>;
