import type { FastifyReply } from 'fastify';
import { MendError } from '../../platform/errors.js';

/**
 * What a page says beside a password field when the password was refused: not right (403), or
 * too many wrong tries for now (429, with Retry-After). Anything else is not a refusal and is
 * thrown on.
 */
export function passwordRefusal(error: unknown, reply: FastifyReply): { status: number; message: string } {
  if (!(error instanceof MendError) || error.status >= 500) throw error;
  if (error.code !== 'rate_limited') return { status: error.status, message: error.details?.password ?? 'That password is not right.' };
  if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
  return { status: 429, message: `That was too many tries for now. Please wait ${minutes(error.retryAfter)} and try again.` };
}

const minutes = (seconds = 60): string => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? 'a minute' : `${m} minutes`;
};
