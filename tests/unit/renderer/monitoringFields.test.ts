import { describe, expect, it } from 'vitest';
import { MonitoringSettingsSchema } from '../../../shared/domain/monitoringSettings';
import { draftProblems, draftValues, MONITORING_FIELDS, toDraft } from '../../../renderer/src/lib/monitoringFields';

const defaults = MonitoringSettingsSchema.parse({ probes: {}, analytics: {} });

describe('the Settings page probe and analytics fields', () => {
  it('has a field for every probe and analytics setting the core has', () => {
    expect(MONITORING_FIELDS.probes.map((f) => f.key).sort()).toEqual(Object.keys(MonitoringSettingsSchema.shape.probes.shape).sort());
    expect(MONITORING_FIELDS.analytics.map((f) => f.key).sort()).toEqual(Object.keys(MonitoringSettingsSchema.shape.analytics.shape).sort());
  });

  it('refuses exactly what the core schema refuses, at each bound, in words', () => {
    for (const section of ['probes', 'analytics'] as const) {
      for (const f of MONITORING_FIELDS[section]) {
        if (f.kind !== 'number') continue;
        for (const v of [f.bounds.min - 1, f.bounds.min, f.bounds.max, f.bounds.max + 1]) {
          const draft = { ...toDraft(defaults[section]), [f.key]: v };
          const coreTakes = MonitoringSettingsSchema.shape[section].safeParse({ ...defaults[section], [f.key]: v }).success;
          expect(draftProblems(section, draft)[f.key] === undefined, `${section}.${f.key} = ${v}`).toBe(coreTakes);
          expect(draftValues(section, draft) !== null).toBe(coreTakes);
        }
      }
    }
    expect(draftProblems('probes', { ...toDraft(defaults.probes), intervalSeconds: 0 })).toEqual({ intervalSeconds: 'Must be from 1 to 3600 seconds' });
    expect(draftProblems('analytics', { ...toDraft(defaults.analytics), qpsBandPercent: '' })).toEqual({ qpsBandPercent: 'Enter a number from 5 to 95 percent' });
    expect(draftProblems('probes', { ...toDraft(defaults.probes), publicName: ' ' })).toEqual({ publicName: 'Enter a name' });
  });

  it('hands the core numbers, never the typed text', () => {
    expect(draftValues('analytics', { ...toDraft(defaults.analytics), qpsMinQps: '2.5', qpsBandPercent: 55 })).toEqual({ ...defaults.analytics, qpsMinQps: 2.5, qpsBandPercent: 55 });
  });
});
