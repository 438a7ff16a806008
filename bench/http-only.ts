/** Only the HTTP benchmark (e.g. against a PostgreSQL database seeded earlier): `node --import tsx bench/http-only.ts --database-url … --data-dir … --no-seed`. */
import { describeMachine, parseHttpBenchArgs, runHttpBench } from './http.js';

const options = parseHttpBenchArgs(process.argv.slice(2));
console.log(`Machine: ${describeMachine()}\n`);
const http = await runHttpBench(options);
console.log(`HTTP (${http.database}, ${http.couples} couples; ${options.seconds} s per route at ${options.connections} connections):`);
console.table(http.rows);
console.log(`Start-up to the first answered /readyz: ${http.startupMs} ms; RSS after the load: ${http.rssMiBAfterLoad} MiB`);
if (http.progressVsFloor) console.log(`Progress API (gzip, kept) against the floor server: ${http.progressVsFloor} (target ≥ 0.6×)`);
