import http from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Reads a server-sent event stream over a real HTTP connection, the way EventSource does: keeps
 * every event and comment in order and lets a test wait for the next one.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** Every byte received, to search for text that must never be there. */
  raw = '';
  /** The last `id:` field received, as EventSource keeps it for `Last-Event-ID`. */
  lastEventId: string | null = null;
  private buffer = '';
  private waiters: Array<() => void> = [];
  readonly ended: Promise<void>;
  private endedFlag = false;

  constructor(
    readonly status: number,
    readonly headers: http.IncomingHttpHeaders,
    private readonly response: http.IncomingMessage | null,
    readonly body: string = '',
  ) {
    this.ended = new Promise((resolve) => {
      if (!response) {
        this.endedFlag = true;
        return resolve();
      }
      response.on('close', () => {
        this.endedFlag = true;
        resolve();
        this.wake();
      });
    });
  }

  /** For a refused connection: the whole body. */
  static refused(status: number, headers: http.IncomingHttpHeaders, body: string): SseStream {
    const stream = new SseStream(status, headers, null, body);
    stream.raw = body;
    return stream;
  }

  feed(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    let at: number;
    while ((at = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      let event = 'message';
      const data: string[] = [];
      let isEvent = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('event:')) {
          event = line.slice(6).trim();
          isEvent = true;
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).trim());
          isEvent = true;
        } else if (line.startsWith('id:')) this.lastEventId = line.slice(3).trim();
      }
      if (isEvent) this.events.push({ event, data: data.join('\n') });
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `count` events have arrived; rejects if the stream ends first. */
  async waitForEvents(count: number): Promise<SseEvent[]> {
    while (this.events.length < count) {
      if (this.endedFlag) throw new Error(`the stream ended after ${this.events.length} event(s), expected ${count}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.events.slice(0, count);
  }

  /** Waits until at least `count` comments (heartbeats included) have arrived. */
  async waitForComments(count: number): Promise<void> {
    while (this.comments.length < count) {
      if (this.endedFlag) throw new Error('the stream ended');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.response?.destroy();
  }
}

/** Streams opened by this test process and not yet closed (see `closeOpenStreams`). */
const openStreams = new Set<SseStream>();

/**
 * Closes every stream a test left open. A test that fails half-way never reaches its own
 * `close()`, and an open stream would keep its file running; call it from `afterEach`.
 */
export function closeOpenStreams(): void {
  for (const stream of openStreams) stream.close();
  openStreams.clear();
}

/** The app's address, listening on a free loopback port (event streams need a real connection). */
export async function listening(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** Opens `url` as an event stream; a non-200 answer resolves with its status and body. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        let body = '';
        response.on('data', (c: string) => (body += c));
        response.on('end', () => resolve(SseStream.refused(status, response.headers, body)));
        return;
      }
      const stream = new SseStream(status, response.headers, response);
      openStreams.add(stream);
      response.on('close', () => openStreams.delete(stream));
      response.on('data', (c: string) => stream.feed(c));
      // Resolve once the greeting arrived, so the subscription is known to be in place.
      stream.waitForComments(1).then(() => resolve(stream), reject);
    });
    request.on('error', reject);
  });
}
