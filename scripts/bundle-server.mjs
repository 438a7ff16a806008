// Bundles the server into dist/server/main.js (replacing tsc's entry file there) so that starting
// Mend reads and compiles a few files instead of several hundred small modules: about half of the
// start-up time was Node resolving and loading modules one by one (docs/performance.md, Start-up).
// Native addons stay outside the bundle and load from node_modules. What the server imports with
// import() (password dictionaries, the mailer) stays in the file but is only run on first use, so
// it costs little more than reading it. The rest of dist/ (the CLI, the modules tests import) is
// tsc's output, unchanged.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

await build({
  entryPoints: [path.join(root, 'src', 'server', 'main.ts')],
  outfile: path.join(root, 'dist', 'server', 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Addons with compiled parts find their binaries relative to their own package; pg-native is
  // pg's optional native driver, which Mend does not use.
  external: ['better-sqlite3', 'argon2', 'pg-native'],
  // CommonJS dependencies call require() for Node's built-ins; an ES module has to be given one.
  banner: { js: "import { createRequire as __mendCreateRequire } from 'node:module'; const require = __mendCreateRequire(import.meta.url);" },
  // Plain names in stack traces and error classes (main.ts tells errors apart by class and name).
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});
