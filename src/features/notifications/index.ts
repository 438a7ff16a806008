/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { NotificationService } from './service.js';
export { NOTIFICATION_KEY, NotificationStore } from './store.js';
export { notificationsPage } from './views/notifications-page.js';
/**
 * Quiet hours (issue #18): a person's local times when Mend sends nothing outside the app. Email
 * asks this before every send; push should too — `withinQuietHours({ quietHours, timezone }, instant)`
 * with the person's `quietHours` from `ctx.rhythm.reminders.preferences(accountId)`, or simply
 * `await ctx.rhythm.reminders.inQuietHours(accountId)`.
 */
export { DEFAULT_QUIET_HOURS, withinQuietHours, type QuietHours } from '../../core/notifications/quiet-hours.js';
export type { ReminderPreferences } from './store.js';
