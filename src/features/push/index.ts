/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { PushService, type MayPushNow } from './service.js';
export { PushSubscriptionStore } from './store.js';
export { instanceVapidKeys } from './vapid-keys.js';
export { pushSection } from './views/push-section.js';
