/** The schema lives in shared/ (the Settings page reads its bounds and defaults from it too). */
export { AnalyticsSettingsSchema, type AnalyticsSettings } from '../../../shared/domain/analyticsSettings';
