/** The alerting policy lives in the core (applied in every host); the Electron notifier calls it from here. */
export { inQuietHours, notificationContent, notificationDecision, type NotificationPrefs } from '../core/alerts/notificationPolicy';
