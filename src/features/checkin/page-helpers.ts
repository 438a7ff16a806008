import type { FastifyRequest } from 'fastify';
import { analyzeMessage } from '../../core/coach/index.js';
import { MendError } from '../../platform/errors.js';
import type { SafeHtml } from '../../platform/web/html.js';
import { coachFindingsHtml } from '../coach/index.js';

/** `?older=` of a history page's address (history-paging.ts). */
export const olderOf = (request: FastifyRequest): string | undefined => {
  const older = (request.query as { older?: unknown } | undefined)?.older;
  return typeof older === 'string' ? older : undefined;
};

/** Input errors re-render the form (400); everything else (404, 403, …) goes to the error page. */
export function inputErrors(error: unknown): Record<string, string> {
  if (error instanceof MendError && error.status === 400 && error.details) return error.details;
  throw error;
}

/** The coach's words on a harsh message just saved, shown on the page that saved it; null when kind. */
export const coachFor = (text: string | undefined): SafeHtml | null => {
  if (!text?.trim()) return null;
  const result = analyzeMessage(text);
  return result.harsh ? coachFindingsHtml(result, 'message') : null;
};

/** The scripts of a page with a coached text box. */
export const COACH_SCRIPTS = ['/static/coach.js'];
