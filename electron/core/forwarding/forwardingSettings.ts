/**
 * The `forwarding` section of settings.json: where alerts go besides this screen. Every key has a
 * default, so settings files written before it parse unchanged (no SETTINGS_VERSION bump).
 * A URL may carry credentials in its user-info part; those are refused here: secrets live in the keychain.
 */
import { z } from 'zod';
import { SeveritySchema } from '../../../shared/domain/fleetEvent';
import { WEBHOOK_FORMATS } from './webhookPayload';

export const HttpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'an http:// or https:// URL')
  .refine((u) => new URL(u).username === '' && new URL(u).password === '', 'no user name or password in the URL');

export const ForwardingSettingsSchema = z.object({
  /** Alerts below this severity stay on the desktop. */
  minSeverity: SeveritySchema.default('warning'),
  /** Prometheus Alertmanager's base URL (e.g. http://alertmanager:9093); alerts go to <url>/api/v2/alerts. */
  alertmanagerUrl: HttpUrl.nullable().default(null),
  /**
   * Generic webhooks. `signed`: each body carries x-dnsfleet-signature (HMAC-SHA256) with the secret
   * kept in the OS keychain under `webhook:<id>`, never here; so is a URL that is a secret (`url: null`).
   */
  webhooks: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, dot, dash and underscore'),
        /** null: the URL is itself a secret (Slack, Teams carry a token in the path), kept in the keychain under `webhook-url:<id>`. */
        url: HttpUrl.nullable(),
        format: z.enum(WEBHOOK_FORMATS).default('json'),
        signed: z.boolean().default(false),
      }),
    )
    .max(20)
    .default([])
    .refine((hooks) => new Set(hooks.map((h) => h.id)).size === hooks.length, 'webhook ids must be unique'),
});
export type ForwardingSettings = z.infer<typeof ForwardingSettingsSchema>;

/** The v2 endpoint under a base URL that may or may not end in a slash. */
export const alertmanagerEndpoint = (base: string): string => new URL('api/v2/alerts', base.endsWith('/') ? base : `${base}/`).toString();
