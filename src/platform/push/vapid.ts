import { generateKeyPairSync } from 'node:crypto';

/** A VAPID key pair (RFC 8292) in the form browsers and web-push take: base64url, no padding. */
export interface VapidKeys {
  /** An uncompressed P-256 point, 65 bytes: the `applicationServerKey` a browser subscribes with. */
  publicKey: string;
  /** The private scalar, 32 bytes. */
  privateKey: string;
}

/** A new key pair from node:crypto (web-push is loaded only when a push is first sent). */
export function newVapidKeys(): VapidKeys {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y || !jwk.d) throw new Error('node:crypto gave a P-256 key without its coordinates');
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d };
}

/**
 * The `sub` of the VAPID token: how a push service can reach the operator. The instance's own
 * address when it is served over HTTPS, otherwise a mailto: of its mail address (Apple refuses a
 * subject with spaces or angle brackets, so only the bare address is used).
 */
export function vapidSubject(baseUrl: URL, mailFrom: string): string {
  if (baseUrl.protocol === 'https:') return baseUrl.origin;
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? (/^[^<>\s]+@[^<>\s]+$/.test(mailFrom.trim()) ? mailFrom.trim() : null);
  return `mailto:${address ?? `mend@${baseUrl.hostname}`}`;
}
