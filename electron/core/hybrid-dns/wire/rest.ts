/** Zod schemas of the REST responses the client reads (§1, §7.3). */
import { z } from 'zod';
import { ForwarderDetailSchema } from './frames';

const str = (max: number) => z.string().max(max);
const int = z.number().int();

export const LoginResponseSchema = z.looseObject({
  access_token: str(8192).nullable().optional(),
  refresh_token: str(8192).nullable().optional(),
  requires_2fa: z.boolean().catch(false).optional(),
});
export const RefreshResponseSchema = z.looseObject({ access_token: str(8192) });
export const UserInfoSchema = z.looseObject({ username: str(100), is_superuser: z.boolean().catch(false).optional() });
export const DetailSchema = z.looseObject({ detail: z.unknown().optional(), message: z.unknown().optional() });

export const WsStatsSchema = z.looseObject({
  feature_flags: z.looseObject({ migration_mode: str(40) }).optional(),
});

export const ForwarderHealthSnapshotSchema = z.looseObject({
  total_forwarders: int.catch(0).optional(),
  forwarder_details: z.array(ForwarderDetailSchema).max(5000),
});

export const DashboardAlertSchema = z.looseObject({
  id: str(200),
  level: str(40).catch('warning'),
  title: str(500).catch(''),
  message: str(2000).catch(''),
  timestamp: str(40).optional(),
  forwarder_id: int.optional().catch(undefined),
});
export const DashboardAlertsSchema = z.looseObject({ alerts: z.array(DashboardAlertSchema).max(5000) });
export type DashboardAlert = z.infer<typeof DashboardAlertSchema>;

export const BindStatusSchema = z.looseObject({ status: str(40) });
export const SystemBindStatusSchema = z.looseObject({ data: z.looseObject({ running: z.boolean() }) });

export const DashboardStatsSchema = z.looseObject({
  queries: z.looseObject({ total_today: z.number().catch(0), blocked_today: z.number().catch(0) }).optional(),
  forwarders: z.looseObject({ healthy: z.number().catch(0), total: z.number().catch(0) }).optional(),
  system: z
    .looseObject({ cpu_usage: z.number().optional().catch(undefined), memory_usage: z.number().optional().catch(undefined) })
    .optional(),
});

export const ZoneSchema = z.looseObject({
  id: int,
  name: str(300),
  serial: int.nullable().catch(null),
  is_active: z.boolean().catch(true),
  updated_at: str(40).nullable().optional().catch(null),
});
export type Zone = z.infer<typeof ZoneSchema>;
export const ZonesPageSchema = z.looseObject({ items: z.array(ZoneSchema).max(100_000), has_next: z.boolean().optional().catch(undefined) });

export const ThreatSchema = z.looseObject({
  timestamp: str(40).catch(''),
  client_ip: str(100).catch(''),
  domain: str(300).catch(''),
  category: str(100).catch(''),
  action: str(100).catch(''),
});
export type Threat = z.infer<typeof ThreatSchema>;
export const SecurityLiveSchema = z.looseObject({ recent_threats: z.array(ThreatSchema).max(10_000) });
