// Bundles the server into dist/main.js (replacing tsc's entry file there) so that starting
// Mend reads and compiles a few files instead of several hundred small modules: about half of the
// start-up time was Node resolving and loading modules one by one (docs/performance.md, Start-up).
// Native addons, and the large modules only needed on first use, stay outside the bundle and load
// from node_modules. The rest of dist/ (the CLI, the modules tests import) is tsc's output, unchanged.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [path.join(root, 'src', 'main.ts')],
  outfile: path.join(root, 'dist', 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Addons with compiled parts find their binaries relative to their own package; pg-native is
  // pg's optional native driver, which Mend does not use.
  external: [
    'better-sqlite3',
    'argon2',
    'pg-native',
    // Loaded on first use from node_modules, so their megabytes are not parsed at every start: the
    // password dictionaries, the mailer, and the schema compilers (lazy-schemas.ts loads Fastify's own).
    '@zxcvbn-ts/*',
    'nodemailer',
    // web-push and its JWT and ASN.1 helpers: loaded on the first push (platform/push/web-push-transport.ts).
    'web-push',
    // prom-client: loaded only when MEND_METRICS_TOKEN is set (platform/metrics/metrics.ts).
    'prom-client',
    '@fastify/ajv-compiler',
    '@fastify/fast-json-stringify-compiler',
    'ajv',
    'ajv-formats',
    'fast-json-stringify',
  ],
  // CommonJS dependencies call require() for Node's built-ins; an ES module has to be given one.
  banner: {
    js: "import { createRequire as __mendCreateRequire } from 'node:module'; const require = __mendCreateRequire(import.meta.url);",
  },
  // Less text to read and compile at start; names are kept (main.ts tells errors apart by class and
  // name, stack traces stay readable, and libraries that read constructor.name broke when bundling
  // renamed a clashing class).
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
});

// keepNames calls its __name helper each time a named function is made, and Fastify's request path
// makes about twenty on every request (hook runners' inner `next` and the like); each call was an
// Object.defineProperty that also changed the function's shape: about 4% of a request's CPU. Such
// a function already carries its own name, so the helper now leaves it as it is and sets only a
// name that differs (a renamed or anonymous function): the names that result are the same.
const bundle = path.join(root, 'dist', 'main.js');
const helper = '__name=(target,value)=>__defProp(target,"name",{value,configurable:!0})';
const source = fs.readFileSync(bundle, 'utf8');
if (!source.includes(helper))
  throw new Error(`esbuild's __name helper has changed: update scripts/bundle-server.mjs (looked for ${helper}).`);
fs.writeFileSync(
  bundle,
  source.replace(helper, '__name=(target,value)=>target.name===value?target:__defProp(target,"name",{value,configurable:!0})'),
);
