// Builds the browser assets into dist/web/static: copies styles and images, bundles each island.
import { build, transform } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashAssets } from './asset-hash.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'web', 'static');
fs.mkdirSync(out, { recursive: true });

const staticSrc = path.join(root, 'src', 'platform', 'web', 'static');
for (const name of fs.readdirSync(staticSrc)) fs.copyFileSync(path.join(staticSrc, name), path.join(out, name));

// One stylesheet for every page: each capability keeps its styles in its own file under styles/.
const stylesDir = path.join(root, 'src', 'platform', 'web', 'styles');
const css = fs
  .readdirSync(stylesDir)
  .filter((name) => name.endsWith('.css'))
  .sort()
  .map((name) => `/* ${name} */\n${fs.readFileSync(path.join(stylesDir, name), 'utf8')}`)
  .join('\n');
// Minified: every page loads this file, and it is about a quarter smaller without comments and spaces.
const { code: minifiedCss } = await transform(css, { loader: 'css', minify: true, logLevel: 'warning' });
fs.writeFileSync(path.join(out, 'mend.css'), minifiedCss);

const islandsDir = path.join(root, 'src', 'platform', 'web', 'islands');
const entryPoints = fs
  .readdirSync(islandsDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('_'))
  .map((name) => path.join(islandsDir, name));

await build({
  entryPoints,
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});

// Every file above also under a name that carries its content's hash (asset-hash.mjs): pages ask
// for those names, which are cached for a year without asking again.
hashAssets(out);

// The service worker is served from the site's root (/sw.js) so its scope is the whole site; it
// is built apart from the islands, which load on pages.
await build({
  entryPoints: [path.join(root, 'src', 'platform', 'web', 'service-worker', 'sw.ts')],
  outfile: path.join(root, 'dist', 'web', 'sw.js'),
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
