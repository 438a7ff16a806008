/**
 * Which push services Mend sends to (docs/notifications.md, "Push"). A browser hands the page an
 * endpoint on its maker's push service; the server later POSTs to that address. Only the services
 * browsers actually use are accepted, so an endpoint cannot be used to make the server send
 * requests anywhere else (a private address, another site): the one request Mend makes to a third
 * party goes to a company the person's own browser already talks to.
 */
export type PushServiceName = 'google' | 'mozilla' | 'apple' | 'microsoft';

/** Each service by its company's name, in the words the pages use. */
export const PUSH_SERVICE_NAMES: Readonly<Record<PushServiceName, string>> = {
  google: "Google's Firebase Cloud Messaging",
  mozilla: "Mozilla's push service",
  apple: "Apple's push service",
  microsoft: "Microsoft's Windows Push Notification Services",
};

/** Host rules: an exact name, or `.suffix` for any host under it. */
const HOSTS: ReadonlyArray<readonly [string, PushServiceName]> = [
  // Chrome, Chromium-based browsers and Android (web.dev, "Push notifications overview").
  ['fcm.googleapis.com', 'google'],
  // Firefox (Mozilla's autopush).
  ['updates.push.services.mozilla.com', 'mozilla'],
  // Safari on macOS 13+, and iOS/iPadOS 16.4+ for web apps on the Home Screen (Apple's
  // "Sending web push notifications in web apps and browsers": allow *.push.apple.com).
  ['.push.apple.com', 'apple'],
  // Edge on Windows (endpoints like wns2-….notify.windows.com).
  ['.notify.windows.com', 'microsoft'],
];

/** The longest endpoint accepted; the services' own are a few hundred characters. */
export const MAX_ENDPOINT_LENGTH = 2048;

/**
 * The push service an endpoint belongs to, or null when Mend does not send there: not `https:`,
 * a port or credentials in the address, or a host that is none of the known services.
 */
export function pushServiceOf(endpoint: string): PushServiceName | null {
  if (endpoint.length > MAX_ENDPOINT_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return null;
  const host = url.hostname.toLowerCase();
  for (const [rule, name] of HOSTS) {
    if (rule.startsWith('.') ? host.endsWith(rule) && host.length > rule.length : host === rule) return name;
  }
  return null;
}

/** Base64url without padding, as PushSubscription.toJSON() gives the keys. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function base64urlLength(text: string): number | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  return Math.floor((text.length * 3) / 4);
}

/**
 * Whether the subscription's keys have the shapes RFC 8291 needs: `p256dh` an uncompressed P-256
 * point (65 bytes), `auth` a 16-byte secret. Anything else could not be encrypted to.
 */
export function validPushKeys(keys: { p256dh: string; auth: string }): boolean {
  return base64urlLength(keys.p256dh) === 65 && base64urlLength(keys.auth) === 16;
}

export { PUSH_BODY, PUSH_PAYLOAD, PUSH_TITLE } from './push-words.js';
