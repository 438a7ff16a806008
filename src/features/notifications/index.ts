/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { NotificationService } from './service.js';
export { NOTIFICATION_KEY, NotificationStore } from './store.js';
export { notificationsPage } from './views/notifications-page.js';
