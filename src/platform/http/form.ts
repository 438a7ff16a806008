import type { FastifyRequest } from 'fastify';

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
