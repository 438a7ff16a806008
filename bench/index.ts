/**
 * `npm run bench`: every benchmark Mend has, one after another, printed as a table. Figures are
 * recorded in the docs by hand; tests never assert timings. Options for the HTTP benchmark:
 * `npm run bench -- --couples 200 --seconds 5 --connections 50` (expects `npm run build` done).
 */
import { runCoachBench } from './coach.js';
import { runPersonalKeysBench } from './personal-keys.js';
import { describeMachine, parseHttpBenchArgs, runHttpBench } from './http.js';
import { printWritesBench, runWritesBench } from './writes.js';
import { runStartupBench } from './startup.js';
import { runAndPrintPagesBench } from './pages.js';
import { runAndPrintPhoneBench } from './phone.js';
import { runAndPrintHistoryPagesBench } from './history-pages.js';
import { parseMetricsBenchArgs, printMetricsBench, runMetricsBench } from './metrics.js';
import { runProgressColdBench } from './progress-cold.js';
import { runMixedBench } from './mixed.js';

console.log(`Machine: ${describeMachine()}\n`);

const coach = runCoachBench();
console.log('Gentle-language coach, 1 KB texts, analyses per second on one core:');
console.table(coach);

console.log('\nPersonal keys (issue #23), on one core:');
console.table(runPersonalKeysBench());

const options = parseHttpBenchArgs(process.argv.slice(2));
const http = await runHttpBench(options);
console.log(
  `\nHTTP (${http.database}, ${http.couples} seeded couples with a year of data, ${http.seedSeconds === null ? 'seeded earlier' : `seeded in ${http.seedSeconds} s`}; ` +
    `${options.seconds} s per route at ${options.connections} connections, 127.0.0.1):`,
);
console.table(http.rows);
console.log(`Start-up to the first answered /readyz: ${http.startupMs} ms`);
console.log(`Mend's resident memory (RSS) after the load: ${http.rssMiBAfterLoad} MiB`);
if (http.progressVsFloor) console.log(`Progress API (gzip, kept) against the floor server: ${http.progressVsFloor} (target ≥ 0.6×)`);

const coldOptions = { rounds: 60, days: [30, 365, 1095] };
console.log('\nProgress right after a check-in (the cold path), in-process on SQLite, one couple per history:');
console.table(await runProgressColdBench(coldOptions));

const mixedOptions = {
  couples: options.couples,
  days: 365,
  seconds: 60,
  burstSeconds: 10,
  connections: options.connections,
  logLevels: ['warn', 'info'],
};
console.log(
  `\nMixed load (60 s) and a burst of check-ins, ${mixedOptions.couples} one-year couples on SQLite, at log levels warn and info (the default):`,
);
console.table(await runMixedBench(mixedOptions));

const writesOptions = { seconds: options.seconds, writers: options.connections };
printWritesBench(await runWritesBench(writesOptions), writesOptions);

console.log('\nStart-up on an existing SQLite database (5 seeded couples), median of 5 starts:');
console.table(await runStartupBench(5));

await runAndPrintPagesBench();
await runAndPrintPhoneBench();
await runAndPrintHistoryPagesBench();

const metricsOptions = parseMetricsBenchArgs(process.argv.slice(2));
printMetricsBench(await runMetricsBench(metricsOptions), metricsOptions);
