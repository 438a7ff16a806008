import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Below this a gzip header and trailer cost about what compressing saves. */
const WORTH_COMPRESSING_BYTES = 1024;

/**
 * A response body made once and sent many times (progress, kept per viewer and revision): its
 * bytes, its ETag, and the gzip form, compressed the first time a client that accepts it asks.
 * A year of progress is 17 KB of JSON and 2.3 KB gzipped: a phone on a slow connection waits for
 * a seventh of the bytes, and the server writes a seventh to the socket (docs/performance.md).
 */
export class KeptBody {
  readonly etag: string;
  private gzipped: Buffer | null = null;

  constructor(readonly identity: Buffer) {
    this.etag = createHash('sha256').update(identity).digest('base64url').slice(0, 32);
  }

  get gzip(): Buffer {
    // Level 9: made once per kept result (about 0.3 ms for 17 KB), sent many times.
    this.gzipped ??= gzipSync(this.identity, { level: 9 });
    return this.gzipped;
  }
}

/** Whether an If-None-Match header names the representation about to be sent (a list, weak forms, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** `gzip;q=0` refuses gzip even when a `*` in the same header would otherwise allow it. */
const GZIP_REFUSED = /(^|,)\s*gzip\s*;\s*q\s*=\s*0(\.0{0,3})?\s*(,|$)/i;

function acceptsGzip(header: string | undefined): boolean {
  if (!header || GZIP_REFUSED.test(header)) return false;
  return negotiate(header, ['gzip']) === 'gzip';
}

/**
 * Sends a kept body as JSON: gzipped when the client accepts gzip (and it is big enough to gain),
 * as it is otherwise; 304 when If-None-Match names it. Each encoding has its own strong ETag, as
 * HTTP asks, and a cache is told the answer varies with Accept-Encoding.
 */
export function sendKeptJson(request: FastifyRequest, reply: FastifyReply, kept: KeptBody): FastifyReply {
  const gzip = kept.identity.length >= WORTH_COMPRESSING_BYTES && acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? `"${kept.etag}-gzip"` : `"${kept.etag}"`;
  reply.header('Vary', 'Accept-Encoding');
  reply.header('ETag', etag);
  // Compared with the tag of the representation that would be sent (RFC 9110, 13.1.2): a 304
  // must name something the asking cache holds.
  // No payload at all: `send(null)` would serialize "null" and announce a Content-Length of 4 that
  // a 304 must not carry (RFC 9110, 8.6), and some clients then wait for those bytes.
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if (!gzip) return reply.send(kept.identity);
  return reply.header('Content-Encoding', 'gzip').send(kept.gzip);
}
