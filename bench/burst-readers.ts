/**
 * The readers of bench/mixed.ts's burst, in a process of their own: GET the progress API of the
 * people given at a steady rate (one request every 1000/rate ms, whether or not the earlier ones
 * were answered: people do not wait for each other), for the time given, and print what they saw
 * as JSON on standard output. Apart from the writers' load generator, so the latency measured is
 * the server's, not the wait of a load generator's own event loop busy sending the burst's writes.
 * Plain `node:http` with kept-alive connections rather than autocannon: against a bare Node
 * server that answers a constant, autocannon's paced mode read p99 9–43 ms on this machine, which
 * is the size of what is measured here; this client reads p50 0.9 ms, p99 2.2–3.6 ms there.
 *
 * With `write` as the last argument it sends check-in PUTs instead (today or yesterday, random
 * scores) at the same steady pace: check-ins arriving one after another, as many people's evenings
 * do. autocannon's `overallRate` cannot stand in for that: each of its connections sends its share
 * of a second as fast as it can when the second begins, so "200 a second" arrives as a burst of 200
 * at every second's start.
 *
 * `node --import tsx bench/burst-readers.ts <base url> <seconds> <connections> <rate> <warm|cold> [read|write]`
 * with `[{ "spaceId", "token" }, …]` on standard input; says "readers under way" on standard error
 * a second after it starts. Prints `{ total, non2xx, errors, samples }`, with each answer's start
 * (ms since the epoch) and latency (ms).
 */
import http from 'node:http';

const [base, seconds, connections, rate, connect, kind = 'read'] = process.argv.slice(2);
if ((connect !== 'warm' && connect !== 'cold') || (kind !== 'read' && kind !== 'write')) {
  process.stderr.write(`bench/burst-readers.ts: expected warm|cold and read|write, got "${connect}" and "${kind}".\n`);
  process.exit(2);
}
let input = '';
for await (const chunk of process.stdin) input += chunk;
const people = JSON.parse(input) as Array<{ spaceId: string; token: string }>;
const pick = () => people[Math.floor(Math.random() * people.length)]!;
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const url = new URL(base!);
const dates = [0, 1].map((back) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10));
const score = () => Math.floor(Math.random() * 11);

const samples: Array<[number, number]> = [];
let non2xx = 0;
let errors = 0;
const pending = new Set<Promise<void>>();

/** One request of the kind asked for: a progress read, or a check-in written. */
function send(write: boolean): void {
  const p = pick();
  const startedAt = Date.now();
  const t0 = performance.now();
  const done = new Promise<void>((resolve) => {
    const body = write ? JSON.stringify({ safety: score(), trust: score(), closeness: score(), day: 'mixed', note: null }) : '';
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: write ? 'PUT' : 'GET',
        path: write
          ? `/api/v1/spaces/${p.spaceId}/checkins/${dates[Math.floor(Math.random() * dates.length)]}`
          : `/api/v1/spaces/${p.spaceId}/progress`,
        headers: write
          ? { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }
          : { authorization: `Bearer ${p.token}`, 'accept-encoding': 'gzip' },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          samples.push([startedAt, performance.now() - t0]);
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
  pending.add(done);
  void done.then(() => pending.delete(done));
}

// `warm`: every connection is opened before the timed requests, as a person's browser keeps one
// open while they use Mend. `cold`: connections are opened as the requests need them. Opened with
// reads even for the writer, so that it writes only the check-ins it times.
if (connect === 'warm') {
  for (let i = 0; i < Number(connections); i++) send(false);
  await Promise.all(pending);
  samples.length = 0;
  non2xx = 0;
  errors = 0;
}
setTimeout(() => process.stderr.write('readers under way\n'), 1000).unref();
const every = 1000 / Number(rate);
const until = performance.now() + Number(seconds) * 1000;
let next = performance.now();
while (next < until) {
  send(kind === 'write');
  next += every;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
await Promise.all(pending);
agent.destroy();
process.stdout.write(JSON.stringify({ total: samples.length, non2xx, errors, samples }));
