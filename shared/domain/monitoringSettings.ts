/**
 * The settings the Settings page edits as "DNS probes" and "Query analytics" (settings.json `probes`
 * and `analytics`), and the bounds of each number as the schema enforces them. The page reads bounds
 * and defaults from here, never a copy, so the form refuses exactly what the core would.
 */
import { z } from 'zod';
import { AnalyticsSettingsSchema } from './analyticsSettings';
import { ProbeSettingsSchema } from './probeSettings';

export const MonitoringSettingsSchema = z.object({ probes: ProbeSettingsSchema, analytics: AnalyticsSettingsSchema });
export type MonitoringSettings = z.infer<typeof MonitoringSettingsSchema>;

export interface NumberBounds {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  default: number;
}

type NumberKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];
type Shape = Record<string, z.ZodType>;

function boundsOf(shape: Shape, key: string): NumberBounds {
  const field = shape[key];
  const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
  if (!(inner instanceof z.ZodNumber)) throw new Error(`${key} is not a number setting`);
  const fallback = field instanceof z.ZodDefault ? (field.parse(undefined) as number) : 0;
  return { min: inner.minValue ?? -Infinity, max: inner.maxValue ?? Infinity, integer: inner.isInt, default: fallback };
}

export const probeBounds = (key: NumberKeys<MonitoringSettings['probes']>): NumberBounds => boundsOf(ProbeSettingsSchema.shape, key);
export const analyticsBounds = (key: NumberKeys<MonitoringSettings['analytics']>): NumberBounds => boundsOf(AnalyticsSettingsSchema.shape, key);

/** A text field's longest value, as the schema allows. */
export function probeTextMax(key: 'publicName' | 'internalName' | 'blockedName'): number {
  const field = ProbeSettingsSchema.shape[key].unwrap();
  return field.maxLength ?? Infinity;
}

/** A number's problem in words (null when the schema takes it): what the page shows under the field. */
export function numberProblem(value: number | null, b: NumberBounds, unit: string): string | null {
  const range = `from ${b.min} to ${b.max} ${unit}`;
  if (value === null || !Number.isFinite(value)) return `Enter a number ${range}`;
  if (b.integer && !Number.isInteger(value)) return `Enter a whole number ${range}`;
  if (value < b.min || value > b.max) return `Must be ${range}`;
  return null;
}
