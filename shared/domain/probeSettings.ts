/**
 * settings.json `probes`: how often and how hard the monitor asks each server's DNS port. Every field
 * defaults, so files written before it parse unchanged. Per-server overrides are in ServerConfig.dns.
 */
import { z } from 'zod';

export const ProbeSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** One probe set per server this often (jittered by up to 10%). */
  intervalSeconds: z.number().int().min(1).max(3600).default(30),
  /** One query's budget; a truncated UDP answer's TCP retry shares it. */
  timeoutMs: z.number().int().min(100).max(30_000).default(2000),
  /** Queries in flight at once across the fleet. */
  maxConcurrent: z.number().int().min(1).max(1000).default(32),
  /** A name every resolver should resolve (through the public forwarder). */
  publicName: z.string().min(1).max(253).default('example.com'),
  /** A name behind an internal forwarder; none: the internal probe says "not configured". */
  internalName: z.string().max(253).default(''),
  /** A name the RPZ should block (answered NXDOMAIN, NODATA or the configured redirect). */
  blockedName: z.string().max(253).default('malware.testcategory.com'),
  /** A secondary may lag the highest serial of a zone this long before it is an incident. */
  driftGraceSeconds: z.number().int().min(0).max(7 * 86_400).default(600),
});
export type ProbeSettings = z.infer<typeof ProbeSettingsSchema>;
export const DEFAULT_PROBE_SETTINGS: ProbeSettings = ProbeSettingsSchema.parse({});
