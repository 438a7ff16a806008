import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

interface LoggedRequest {
  method?: string;
  routeOptions?: { url?: string };
  id?: string;
}

/**
 * Structured logs with no user text, emails, tokens or invitation codes: a request is logged by
 * its route pattern (`/join/:code`), never its raw URL, and no headers or bodies are logged.
 */
export function loggerOptions(level: Config['logLevel'], stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, route: req.routeOptions?.url ?? '(no route)' }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'req.body', 'req.url', 'email', 'password', 'token'], remove: true },
  };
}

/** An email that could not be sent is logged by its error code alone: the message may name the recipient. */
export function reportUndelivered(log: FastifyBaseLogger, delivery: Promise<void>): void {
  delivery.catch((error: unknown) => log.warn({ code: (error as { code?: unknown }).code ?? 'unknown' }, 'An email could not be sent.'));
}
