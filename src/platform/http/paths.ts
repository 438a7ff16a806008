import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file whether it runs from `src/` (tsx) or `dist/`. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Mend project root (no package.json above this file).');
    dir = parent;
  }
  return dir;
}

/** Built browser assets (styles, islands) live in `dist/web/static`, made by `npm run build`. */
export function staticDir(): string {
  return path.join(projectRoot(), 'dist', 'web', 'static');
}
