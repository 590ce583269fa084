/** The schema lives in shared/ (the Settings page reads its bounds and defaults from it too). */
export { DEFAULT_PROBE_SETTINGS, ProbeSettingsSchema, type ProbeSettings } from '../../../shared/domain/probeSettings';
