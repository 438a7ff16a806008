/** What a push carries: only that something is waiting. Never a name, never anything anyone wrote. */
export const PUSH_PAYLOAD = '{"kind":"waiting"}';

/** The words the service worker shows for every push, whatever arrives (platform/web/service-worker/sw.ts). */
export const PUSH_TITLE = 'Mend';
export const PUSH_BODY = 'Something is waiting for you in Mend.';
