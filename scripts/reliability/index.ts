// `npm run reliability [-- <run> ...] [options]`: the full forms of the scripted reliability runs
// (docs/reliability.md). With no run named, all of them, one after another:
//
//   crash            SIGKILL the Mend server on SQLite 20 times under write load
//   crash-postgres   SIGKILL a private PostgreSQL cluster 20 times under write load
//   two-servers      two Mend servers on one private PostgreSQL, one SIGKILLed 12 times under load
//   clock            the server's wall clock stepped backwards 8 times under write load
//   rotate-key       `mend rotate-key` SIGKILLed 6 times, resumed with --reencrypt-only
//   backup           online backup during write load, restored and checked (SQLite and pg_dump)
//   load             200 couples × 60 s, 3 runs against one server: errors and memory
//   fuzz             10,000 requests from the OpenAPI document on SQLite and PostgreSQL (hostile input)
//
// Options after the run's name go to that run, e.g. `npm run reliability -- crash --kills 5`.
import { main as backup } from './backup-under-load.js';
import { main as crash } from './crash.js';
import { main as clock } from './clock-step.js';
import { main as crashPostgres } from './crash-postgres.js';
import { main as fuzz } from './fuzz.js';
import { main as load } from './load.js';
import { main as rotateKey } from './rotate-key-resume.js';
import { main as twoServers } from './two-servers.js';
import { privateClusterUnavailable } from './postgres-cluster.js';
import { runAsScript } from './run-as-script.js';

/** A run that needs a private PostgreSQL cluster: skipped where none can be made, unless required. */
const withCluster =
  (name: string, run: (argv: string[]) => Promise<boolean>) =>
  async (argv: string[]): Promise<boolean> => {
    const reason = privateClusterUnavailable();
    if (!reason) return run(argv);
    process.stdout.write(`SKIPPED ${name}: ${reason}\n`);
    return process.env.MEND_REQUIRE_POSTGRES !== '1';
  };

const RUNS: Record<string, (argv: string[]) => Promise<boolean>> = {
  crash,
  'crash-postgres': withCluster('crash-postgres', crashPostgres),
  'two-servers': withCluster('two-servers', twoServers),
  clock,
  'rotate-key': rotateKey,
  backup,
  load,
  fuzz,
};

async function run(argv: string[]): Promise<boolean> {
  const named = argv[0] && !argv[0].startsWith('--') ? argv[0] : null;
  if (named && !RUNS[named]) {
    process.stderr.write(`Unknown run "${named}". Runs: ${Object.keys(RUNS).join(', ')}\n`);
    return false;
  }
  const chosen = named ? [named] : Object.keys(RUNS);
  const options = named ? argv.slice(1) : argv;
  const results: [string, boolean][] = [];
  for (const name of chosen) {
    process.stdout.write(`\n=== ${name} ===\n`);
    results.push([name, await RUNS[name]!(options)]);
  }
  process.stdout.write(`\n${results.map(([name, ok]) => `${ok ? 'PASS' : 'FAIL'}  ${name}`).join('\n')}\n`);
  return results.every(([, ok]) => ok);
}

runAsScript(import.meta.url, run);
