// Hostile input: the OpenAPI fuzzer's full run. Requests generated from the app's own OpenAPI
// document (random and boundary values, other people's ids, as eight different callers) against
// a world of three couples with canary texts, on SQLite and on PostgreSQL; fails on any 5xx, any
// answer outside the error shape, any canary reaching someone the visibility rules forbid, any
// success with another couple's ids, or any change to the couple that never sends a request.
// See docs/reliability.md, "Hostile input: OpenAPI fuzzer".
//
//   npm run reliability -- fuzz                           (10,000 requests on each database)
//   node --import tsx scripts/reliability/fuzz.ts --requests 10000 --seed 42 --db sqlite
//
// The fast form runs in `npm test` as test/reliability/openapi-fuzz.test.ts.
import { startTestApp } from '../../test/support/app.js';
import { skipReason, type Dialect } from '../../test/support/databases.js';
import { runFuzz, summarise } from '../../test/support/openapi-fuzz-run.js';
import { runAsScript } from './run-as-script.js';

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

export async function main(argv: string[]): Promise<boolean> {
  const requests = Number(option(argv, 'requests') ?? 10_000);
  const seed = Number(option(argv, 'seed') ?? Date.now() % 2 ** 31);
  const db = option(argv, 'db') ?? 'both';
  const dialects: Dialect[] = db === 'both' ? ['sqlite', 'postgres'] : [db as Dialect];
  if (
    !Number.isInteger(requests) ||
    requests < 1 ||
    !Number.isInteger(seed) ||
    !dialects.every((d) => d === 'sqlite' || d === 'postgres')
  ) {
    process.stderr.write('usage: fuzz.ts [--requests N] [--seed S] [--db sqlite|postgres|both]\n');
    return false;
  }
  let ok = true;
  for (const dialect of dialects) {
    const skip = await skipReason(dialect);
    if (skip) {
      process.stdout.write(`[${dialect}] skipped: ${skip}\n`);
      continue;
    }
    process.stdout.write(`[${dialect}] ${requests} requests, seed ${seed}\n`);
    const app = await startTestApp(dialect);
    try {
      const report = await runFuzz(app.app, { requests, seed, log: (line) => process.stdout.write(`[${dialect}] ${line}\n`) });
      process.stdout.write(`[${dialect}] ${summarise(report).replace(/\n/g, `\n[${dialect}] `)}\n`);
      if (report.failures.length > 0) ok = false;
    } finally {
      await app.close();
    }
  }
  return ok;
}

runAsScript(import.meta.url, main);
