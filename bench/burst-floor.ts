/**
 * The floor under bench/mixed.ts's burst: the same load — readers at 100 a second from a process
 * of their own (bench/burst-readers.ts), 400 PUTs from 30 connections as fast as they can — against
 * a bare Node HTTP server in a process of its own that answers a constant, and burns `--put-us`
 * microseconds of CPU for each PUT (default 1,500: about what a check-in costs Mend here). What
 * the readers see there is the least any one-loop Node server can give under that burst on this
 * machine, with the load generators on the same cores. Then the same 400 PUTs arriving at a steady
 * 200 a second, as mixed.ts's "steady" rows. Figures are printed, never asserted.
 *
 * `node --import tsx bench/burst-floor.ts [--put-us 1500] [--runs 3]`
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { latencyWithin, readersApart, spanOf } from './mixed.js';
import { freePort, HOST, stop } from './processes.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const putUs = arg('--put-us', 1500);
const runs = arg('--runs', 3);

const port = await freePort();
const server = spawn(
  process.execPath,
  [
    '-e',
    `require('node:http').createServer((req, res) => {
      if (req.method === 'PUT') { const t = performance.now(); while (performance.now() - t < ${putUs / 1000}); }
      req.resume();
      req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end('{"ok":true}'); });
    }).listen(${port}, '${HOST}', () => console.log('listening'));`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve) => server.stdout!.once('data', () => resolve()));
const base = `http://${HOST}:${port}`;
const people = [{ spaceId: 'floor', token: 'floor' }];
try {
  for (let run = 0; run < runs; run++) {
    for (const connect of ['warm', 'cold'] as const) {
      const readers = readersApart(base, 6, 20, 100, people, connect);
      await readers.underWay;
      const from = Date.now();
      const writes = await autocannon({ url: base, connections: 30, amount: 400, method: 'PUT', body: '{}', timeout: 10 });
      const to = Date.now();
      const during = latencyWithin((await readers.result).samples, from, to);
      console.log(
        `floor, PUT ${putUs} µs, readers ${connect}: reads during the writes p50 ${during.p50.toFixed(1)} ms, p99 ${during.p99.toFixed(1)} ms (${during.n}); PUTs p50 ${writes.latency.p50} ms, p99 ${writes.latency.p99} ms`,
      );
    }
    // The same 400 PUTs arriving one after another at 200 a second (mixed.ts's "steady" rows).
    const readers = readersApart(base, 6, 20, 100, people);
    await readers.underWay;
    const writes = await readersApart(base, 2, 30, 200, people, 'warm', 'write').result;
    const writing = spanOf(writes.samples);
    const during = latencyWithin((await readers.result).samples, writing.from, writing.to);
    const puts = latencyWithin(writes.samples, 0, Infinity);
    console.log(
      `floor, PUT ${putUs} µs, ${writes.total} PUTs at a steady 200/s: reads during the writes p50 ${during.p50.toFixed(1)} ms, p99 ${during.p99.toFixed(1)} ms (${during.n}); PUTs p50 ${puts.p50.toFixed(1)} ms, p99 ${puts.p99.toFixed(1)} ms`,
    );
  }
} finally {
  await stop(server);
}
