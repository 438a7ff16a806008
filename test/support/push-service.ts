import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * A push service on this machine, for testing Mend's sending end to end: HTTPS (web-push sends
 * only over https.request) with a throwaway self-signed certificate made by openssl for this run,
 * which the app trusts through the https.Agent it is given. It records each push as it arrived,
 * and answers each endpoint as told (201 by default; 410 for a subscription that is gone; or it
 * holds the answer until released). Nothing here uses web-push's own code.
 */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface LocalPushService {
  origin: string;
  /** An https.Agent that trusts only this service's certificate. */
  agent: https.Agent;
  endpoint(name: string): string;
  /** Every push received so far, in order. */
  received: ReceivedPush[];
  /** How the endpoint answers from now on. */
  answer(name: string, status: number): void;
  /** Holds the next push to `name`: resolves when it arrives, with a function that answers it. */
  hold(name: string): Promise<{ push: ReceivedPush; release: (status?: number) => void }>;
  close(): Promise<void>;
}

function throwawayCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-push-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startLocalPushService(): Promise<LocalPushService> {
  const { key, cert } = throwawayCertificate();
  const received: ReceivedPush[] = [];
  const statuses = new Map<string, number>();
  const holds = new Map<string, (push: ReceivedPush, respond: (status: number) => void) => void>();
  const server = https.createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const push = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
      received.push(push);
      const name = push.path.replace(/^\/push\//, '');
      const respond = (status: number) => response.writeHead(status).end();
      const held = holds.get(name);
      if (held) {
        holds.delete(name);
        held(push, respond);
        return;
      }
      respond(statuses.get(name) ?? 201);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new https.Agent({ ca: cert, keepAlive: false });
  return {
    origin,
    agent,
    endpoint: (name) => `${origin}/push/${name}`,
    received,
    answer: (name, status) => void statuses.set(name, status),
    hold: (name) =>
      new Promise((resolve) => holds.set(name, (push, respond) => resolve({ push, release: (status = 201) => respond(status) }))),
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a browser keeps for one subscription: its ECDH key pair and auth secret (RFC 8291). */
export interface BrowserKeys {
  ecdh: crypto.ECDH;
  /** As PushSubscription.toJSON() gives them: base64url. */
  p256dh: string;
  auth: string;
}

export function browserKeys(): BrowserKeys {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, p256dh: ecdh.getPublicKey().toString('base64url'), auth: crypto.randomBytes(16).toString('base64url') };
}

const hmac = (key: Buffer, ...data: Buffer[]): Buffer => {
  const h = crypto.createHmac('sha256', key);
  for (const d of data) h.update(d);
  return h.digest();
};

/**
 * Decrypts a push body as a browser does (RFC 8291 over RFC 8188 "aes128gcm"): the header gives
 * the salt, the record size and the sender's ephemeral public key; the browser's private key and
 * auth secret give the content key and nonce; one record, padded with a 0x02 delimiter.
 */
export function decryptPush(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65 || senderPublic[0] !== 4) throw new Error('the key id is not an uncompressed P-256 point');
  if (records.length > recordSize) throw new Error('more than one record: a push this small is one');

  const receiverPublic = keys.ecdh.getPublicKey();
  const shared = keys.ecdh.computeSecret(senderPublic);
  // IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0x00 || ua_public || as_public, 32)
  const prkKey = hmac(Buffer.from(keys.auth, 'base64url'), shared);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic]);
  const ikm = hmac(prkKey, keyInfo, Buffer.from([1]));
  // CEK and NONCE from HKDF(salt, IKM, "Content-Encoding: …" || 0x00)
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);

  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('the last record does not end with the 0x02 delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/**
 * Checks a VAPID Authorization header (RFC 8292: `vapid t=<JWT>, k=<public key>`): the key is
 * `publicKey`, the JWT is ES256-signed by it, its audience is the push service's origin, and it
 * expires within a day. Returns the claims.
 */
export function verifyVapid(authorization: string, publicKey: string, audience: string): { aud: string; exp: number; sub: string } {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw new Error(`not a VAPID Authorization header: ${authorization.slice(0, 20)}…`);
  const [, token, k] = match;
  if (k !== publicKey) throw new Error("the VAPID key is not the instance's");
  const [header, claims, signature] = token!.split('.') as [string, string, string];
  const point = Buffer.from(publicKey, 'base64url');
  const key = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const signed = crypto.verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw new Error('the VAPID token is not signed by the instance key');
  const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg: string };
  if (head.alg !== 'ES256') throw new Error(`the VAPID token is signed with ${head.alg}`);
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  if (body.aud !== audience) throw new Error(`the VAPID audience is ${body.aud}, not ${audience}`);
  const now = Date.now() / 1000;
  if (!(body.exp > now && body.exp <= now + 24 * 60 * 60)) throw new Error('the VAPID token does not expire within a day');
  return body;
}
