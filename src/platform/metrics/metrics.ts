import { buildInfo } from '../build-info.js';

/** What a reminder came to: written in the app, or an email sent, tried again later, given up or no longer wanted. */
export type ReminderOutcome = 'sent' | 'retry' | 'failed' | 'dropped';
export type ReminderChannel = 'app' | 'email';

/**
 * What Mend counts for the operator (docs/deployment.md, Monitoring). Every label value comes from
 * a closed set in the code — a route's pattern, a method, a status, a kind — never from a request
 * or a database row: nothing here can name a person, an account, a space, or what anyone wrote.
 */
export interface Metrics {
  readonly on: boolean;
  /** One answered request, by its route pattern (`/spaces/:spaceId`), never its URL. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** One committed group-commit transaction and how many writes it carried (platform/db/group-commit.ts). */
  commitBatch(size: number): void;
  /** A database failure: an outage answered 503, or any other error of the database. */
  databaseError(kind: 'unavailable' | 'failed'): void;
  reminder(channel: ReminderChannel, kind: string, outcome: ReminderOutcome): void;
  /** A live stream opened (+1) or ended (-1). */
  liveStream(delta: 1 | -1): void;
  /** The exposition text for Prometheus. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

/** Metrics off (no MEND_METRICS_TOKEN): nothing counted, nothing kept, no cost on a request. */
export const noMetrics: Metrics = {
  on: false,
  request: () => undefined,
  commitBatch: () => undefined,
  databaseError: () => undefined,
  reminder: () => undefined,
  liveStream: () => undefined,
  exposition: () => Promise.reject(new Error('metrics are off')),
};

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const KINDS = new Set(['checkin_reminder', 'meeting_reminder', 'question_due', 'waiting', 'password_reset']);

/**
 * prom-client, with a registry of this server's own (tests run several in one process). Loaded only
 * when metrics are on.
 */
export async function createMetrics(): Promise<Metrics> {
  const prom = await import('prom-client');
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry, prefix: 'mend_' });
  const info = buildInfo();
  new prom.Gauge({
    name: 'mend_build_info',
    help: 'Which Mend is running (always 1).',
    labelNames: ['version', 'build'],
    registers: [registry],
  }).set({ version: info.version, build: info.build }, 1);
  const requests = new prom.Counter({
    name: 'mend_http_requests_total',
    help: 'Requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new prom.Histogram({
    name: 'mend_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method and route pattern.',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const batches = new prom.Histogram({
    name: 'mend_group_commit_batch_size',
    help: 'Writes carried by one group-commit transaction (SQLite batches; PostgreSQL is always 1).',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const databaseErrors = new prom.Counter({
    name: 'mend_database_errors_total',
    help: 'Database failures: "unavailable" (an outage, answered 503) or "failed" (any other database error).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const reminders = new prom.Counter({
    name: 'mend_reminders_total',
    help: 'Reminders and notification emails by channel (app, email), kind and outcome (sent, retry, failed, dropped).',
    labelNames: ['channel', 'kind', 'outcome'],
    registers: [registry],
  });
  const live = new prom.Gauge({
    name: 'mend_live_streams_open',
    help: 'Live-update streams (server-sent events) open on this server.',
    registers: [registry],
  });
  return {
    on: true,
    request(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : 'OTHER';
      requests.inc({ method: m, route, status: String(status) });
      duration.observe({ method: m, route }, seconds);
    },
    commitBatch: (size) => batches.observe(size),
    databaseError: (kind) => databaseErrors.inc({ kind }),
    reminder: (channel, kind, outcome) => reminders.inc({ channel, kind: KINDS.has(kind) ? kind : 'other', outcome }),
    liveStream: (delta) => live.inc(delta),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
