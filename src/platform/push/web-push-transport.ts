import type { Agent } from 'node:https';
import type { VapidKeys } from './vapid.js';

/** Where one push goes: a browser's subscription (RFC 8030 endpoint, RFC 8291 keys). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * How a push went, by kind only — never the endpoint or the words: `gone` (404/410, the browser
 * dropped the subscription), `refused` (another 4xx: a bad request or VAPID token), `unavailable`
 * (429 or 5xx, the push service is busy), `unreachable` (no answer: the network, TLS, a timeout).
 */
export type PushResult = { kind: 'sent' } | { kind: 'gone' | 'refused' | 'unavailable'; status: number } | { kind: 'unreachable' };

export interface PushTransport {
  send(target: PushTarget, payload: string): Promise<PushResult>;
}

export interface WebPushOptions {
  vapid: VapidKeys & { subject: string };
  /** An https.Agent of its own (the tests' local push service trusts a throwaway certificate). */
  agent?: Agent;
  /** The longest wait for a push service's answer. */
  timeoutMs?: number;
}

/** How long a push service keeps a push for a device that is offline: a day. */
const TTL_SECONDS = 24 * 60 * 60;

/**
 * Sends with the `web-push` library (aes128gcm encryption, RFC 8291; VAPID, RFC 8292), loaded on
 * the first push so start-up does not read it. One attempt per push: a failure is reported, never
 * retried, so a push service that is down gets no storm of retries (the notification is in Mend).
 */
export function webPushTransport(options: WebPushOptions): PushTransport {
  let library: Promise<typeof import('web-push')> | null = null;
  return {
    async send(target, payload) {
      library ??= import('web-push').then(
        (m) => ((m as { default?: typeof import('web-push') }).default ?? m) as typeof import('web-push'),
      );
      const webPush = await library;
      const { vapid } = options;
      try {
        await webPush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
          vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          TTL: TTL_SECONDS,
          urgency: 'normal',
          // A push not yet delivered is replaced by the next: a phone that was offline gets one.
          topic: 'waiting',
          contentEncoding: 'aes128gcm',
          timeout: options.timeoutMs ?? 10_000,
          // Microsoft's service refuses a TTL without a cache policy that agrees with it.
          ...(new URL(target.endpoint).hostname.endsWith('.notify.windows.com') ? { headers: { 'X-WNS-Cache-Policy': 'cache' } } : {}),
          ...(options.agent ? { agent: options.agent } : {}),
        });
        return { kind: 'sent' };
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (typeof status !== 'number') return { kind: 'unreachable' };
        if (status === 404 || status === 410) return { kind: 'gone', status };
        if (status === 429 || status >= 500) return { kind: 'unavailable', status };
        return { kind: 'refused', status };
      }
    },
  };
}
