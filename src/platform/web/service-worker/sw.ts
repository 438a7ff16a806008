/**
 * Mend's service worker, served as /sw.js (platform/http/install.ts) and registered only by the
 * push opt-in (islands/push-opt-in.ts). It does two things and nothing else:
 *
 * - On a push it shows fixed words, whatever the push carried: "Something is waiting for you in
 *   Mend." Never a name, never anything anyone wrote — the server sends nothing more, and this
 *   worker would not show it if it did.
 * - On a click it opens the notifications page.
 *
 * It caches nothing, not even the stylesheet: it has no fetch handler and opens no cache, so every
 * page and answer goes to the network as without it, under the server's `no-store`. A phone that is
 * shared, lost or taken keeps no page of Mend in a worker's cache after signing out or Quick exit
 * (docs/notifications.md, "Push"). Mend needs a connection anyway; offline pages would be stale
 * private data.
 *
 * The DOM library's types do not describe a worker's global scope: the little used here is declared.
 */
import { PUSH_BODY, PUSH_TITLE } from '../../../core/push/push-words.js';

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface NotificationClick extends ExtendableEvent {
  readonly notification: Notification;
}
interface WindowClient {
  readonly url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface WorkerScope {
  readonly location: Location;
  readonly registration: ServiceWorkerRegistration;
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate' | 'push', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationClick) => void): void;
}

const worker = self as unknown as WorkerScope;
const OPEN = '/notifications';

// A new worker takes over at once: there is no cache or page state an old one could be serving.
worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('push', (event) => {
  event.waitUntil(
    worker.registration.showNotification(PUSH_TITLE, {
      body: PUSH_BODY,
      icon: '/static/icon-192.png',
      // One notice at a time: a new push replaces the last, quietly, instead of piling up.
      tag: 'mend-waiting',
      lang: 'en',
    }),
  );
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const target = new URL(OPEN, worker.location.origin).href;
      for (const client of await worker.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
        if (new URL(client.url).origin !== worker.location.origin) continue;
        const focused = await client.focus();
        await focused.navigate(target).catch(() => null);
        return;
      }
      await worker.clients.openWindow(target);
    })(),
  );
});
