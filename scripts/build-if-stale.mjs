// `npm start`'s prestart: builds only when the compiled server is missing or older than its
// sources, so an installed, built checkout starts at once (`npm install`/`npm ci` build through
// `prepare`). It never writes to a code folder it may not write to: a read-only or another user's
// checkout starts what is built and says how to rebuild. Cheap: it reads file times, nothing more.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'main.js');
const inputs = [
  'src',
  'content',
  'scripts/build-web.mjs',
  'scripts/asset-hash.mjs',
  'scripts/bundle-server.mjs',
  'scripts/copy-content.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];

/** The newest modification time under `file` (a file or a folder), in ms; 0 when absent. */
function newest(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, name)));
  return latest;
}

function writable(folder) {
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...inputs.map((name) => newest(path.join(root, name))));
if (builtAt > 0 && sourcesAt <= builtAt) process.exit(0);

const distFolder = path.join(root, 'dist');
const canWrite = fs.existsSync(distFolder) ? writable(distFolder) && writable(root) : writable(root);
const hasCompiler = fs.existsSync(path.join(root, 'node_modules', 'typescript'));
if (!canWrite || !hasCompiler) {
  const why = !canWrite ? `${root} is not writable by this user` : 'the build tools (dev dependencies) are not installed';
  if (builtAt === 0) {
    process.stderr.write(`Mend is not built and cannot be built here: ${why}. Run \`npm ci\` (it builds) as the folder's owner.\n`);
    process.exit(1);
  }
  process.stderr.write(`Mend: the sources are newer than dist/, but ${why}; starting the built server as it is.\n`);
  process.exit(0);
}
process.stderr.write(
  builtAt === 0 ? 'Mend is not built yet: building …\n' : 'Mend: the sources changed since the last build: building …\n',
);
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
