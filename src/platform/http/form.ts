import type { FastifyReply, FastifyRequest } from 'fastify';
import { MendError } from '../errors.js';

/** A posted form's fields as strings (absent → ''), bounded so huge values cannot slip through. */
export function formFields(request: FastifyRequest, maxLength = 20_000): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first.slice(0, maxLength);
  }
  return out;
}

export function field(fields: Record<string, string>, name: string): string {
  return fields[name] ?? '';
}

/**
 * The one way a page draws its form again around a refusal: a refusal the person can act on
 * (below 500; with `fieldsOnly`, only one that names the fields at fault) comes back to be shown
 * on the form, its Retry-After set when it has one. Anything else is thrown on to the error page.
 */
export function formRefusal(error: unknown, reply: FastifyReply, o: { fieldsOnly?: boolean } = {}): MendError {
  if (!(error instanceof MendError) || error.status >= 500 || (o.fieldsOnly && !error.details)) throw error;
  if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
  return error;
}
