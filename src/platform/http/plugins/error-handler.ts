import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, MendError, type ErrorCode, type ErrorDetails } from '../../errors.js';
import { isDatabaseError, isDatabaseUnavailable } from '../../db/unavailable.js';
import { renderErrorPage } from '../../web/error-page.js';

/**
 * The Retry-After of a database outage: long enough not to hammer a server that is restarting,
 * short enough that a person retrying by hand is not held back (PostgreSQL's crash recovery took
 * 0.2–4.9 s in docs/reliability.md section 4).
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const isApiRequest = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Turns schema-validation issues into `{field: message}` a client or a person can act on. */
function validationDetails(issues: ValidationIssue[], context: string | undefined): ErrorDetails {
  const details: ErrorDetails = {};
  for (const issue of issues) {
    const missing = issue.params?.missingProperty;
    const extra = issue.params?.additionalProperty;
    const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const field = String(missing ?? extra ?? (path || context || 'body'));
    if (details[field]) continue;
    if (missing) details[field] = 'This is required.';
    else if (extra) details[field] = 'This field is not expected here.';
    else details[field] = issue.message ? `Must ${issue.message.replace(/^must /, '')}.` : 'This value is not valid.';
  }
  return details;
}

/**
 * Maps whatever was thrown to one of the registry's errors: a database outage is a 503 the caller
 * can retry; anything else unknown is a 500. A 4xx status Fastify already set wins over the outage
 * check: a client that hangs up mid-upload raises Node's "aborted" ECONNRESET, which Fastify marks
 * 400, and that is the client's doing, not the database's.
 */
export function toMendError(error: FastifyError | MendError | Error): MendError {
  if (error instanceof MendError) return error;
  const fe = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  const clientFault = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500;
  if (!clientFault && isDatabaseUnavailable(error))
    return new MendError('unavailable', undefined, undefined, UNAVAILABLE_RETRY_AFTER_SECONDS);
  if (fe.validation) return new MendError('invalid_input', validationDetails(fe.validation, fe.validationContext));
  const byCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_input',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
    FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
    FST_ERR_CTP_INVALID_TYPE: 'invalid_input',
    FST_CSRF_INVALID_TOKEN: 'csrf_failed',
    FST_CSRF_MISSING_SECRET: 'csrf_failed',
  };
  const mapped = fe.code ? byCode[fe.code] : undefined;
  if (mapped) return new MendError(mapped);
  if (error instanceof SyntaxError && fe.statusCode === 400) return new MendError('malformed_json');
  const status = fe.statusCode ?? 500;
  if (status === 413) return new MendError('body_too_large');
  if (status === 415) return new MendError('unsupported_media_type');
  if (status === 404) return new MendError('not_found');
  if (status === 405) return new MendError('method_not_allowed');
  if (status === 429) return new MendError('rate_limited');
  if (status >= 400 && status < 500) return new MendError('invalid_input');
  return new MendError('internal');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: MendError): FastifyReply {
  if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
  if (isApiRequest(request)) return reply.status(error.status).send(errorBody(error));
  if (error.code === 'unauthenticated' && request.method === 'GET') {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url.slice(0, 300))}`, 303);
  }
  reply.status(error.status);
  const page = renderErrorPage({
    error,
    quickExitUrl: request.server.mend.config.quickExitUrl,
    viewer: request.auth ? { displayName: request.auth.account.displayName } : null,
    formSent: request.method === 'POST',
  });
  return reply.type('text/html; charset=utf-8').send(page.toString());
}

export const errorHandling = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mend = toMendError(error);
    if (mend.code === 'unavailable') request.server.mend.metrics.databaseError('unavailable');
    else if (mend.status >= 500 && isDatabaseError(error)) request.server.mend.metrics.databaseError('failed');
    if (mend.status >= 500) {
      // Only the kind and place of the failure: messages can carry user data (SQL values, input).
      request.log.error(
        {
          errorType: error.name,
          errorCode: (error as FastifyError).code,
          mendCode: mend.code,
          stack: error.stack?.split('\n').slice(1, 8).join('\n'),
        },
        'request failed',
      );
    }
    return sendError(request, reply, mend);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new MendError('not_found')));
});
