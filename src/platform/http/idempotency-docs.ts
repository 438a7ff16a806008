import type { FastifySchema } from 'fastify';
import { errorShape } from './api-schemas.js';
import { KEY_IGNORED_ON } from './plugins/idempotency.js';

/** Signed-out POSTs: no account to keep a key for (docs/idempotency.md). */
const SIGNED_OUT = new Set(['/api/v1/accounts', '/api/v1/sessions', '/api/v1/password-resets', '/api/v1/password-resets/:token']);

const KEY_HEADER = {
  type: 'object',
  properties: {
    'Idempotency-Key': {
      type: 'string',
      maxLength: 257,
      description:
        'Optional (IETF httpapi draft "The Idempotency-Key HTTP Header Field"): a new unique value, such as a UUID, as a quoted string (`"…"`). Sent again with the same body within 24 hours, the request answers as the first time (status, body and Location; `Idempotent-Replayed: true`) without writing again. Keys are kept per account. See docs/idempotency.md.',
    },
  },
};

const Reused = errorShape({
  description:
    'This Idempotency-Key was already used by this account for a different request (code `idempotency_key_reused`). Use a new key.',
});
const InUse = errorShape({
  description:
    'The first request with this Idempotency-Key has no answer yet: it is still being handled, or it ended with an error after which Mend cannot tell whether it was saved (code `idempotency_key_in_use`). Read whether it was saved; if not, send it with a new key.',
});

/** The OpenAPI text of the Idempotency-Key header, its 409 and its 422, on every POST that honours it. */
export function documentIdempotency(schema: FastifySchema, url: string, method: string | string[]): FastifySchema {
  const methods = ([] as string[]).concat(method);
  if (!methods.includes('POST') || SIGNED_OUT.has(url) || KEY_IGNORED_ON.has(url)) return schema;
  const response = (schema.response ?? {}) as Record<string | number, unknown>;
  return {
    ...schema,
    headers: schema.headers ?? KEY_HEADER,
    response: { ...response, 409: response[409] ?? InUse, 422: Reused },
  };
}
