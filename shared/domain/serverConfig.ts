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
  /** Active DNS probes of this server (electron/core/probes); absent: the URL's host on port 53 over UDP. */
  dns: z
    .object({
      enabled: z.boolean().default(true),
      /** Defaults to the URL's host. */
      host: z.string().min(1).max(253).optional(),
      port: z.number().int().min(1).max(65535).default(53),
      /** `tcp`: every probe over TCP (UDP falls back to TCP on truncation by itself). */
      transport: z.enum(['udp', 'tcp']).default('udp'),
      /** Probe over DNS-over-TLS on this port: only where the server offers it (stock Hybrid DNS Server does not). */
      dotPort: z.number().int().min(1).max(65535).optional(),
      internalName: z.string().max(253).optional(),
      publicName: z.string().max(253).optional(),
      blockedName: z.string().max(253).optional(),
      /** The RPZ's redirect target (IPv4 or name): an answer with it counts as blocked. */
      blockedRedirect: z.string().max(253).optional(),
    })
    .optional(),
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
