import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLibrary, type DailyLibrary } from '../../core/daily-question/library.js';

const FILE = path.join('content', 'daily-questions.json');

/**
 * Where the library is: the nearest `content/daily-questions.json` above this module. The bundled
 * server (dist/main.js) finds the copy the build puts in dist/content (scripts/copy-content.mjs);
 * the sources (tsx) find the one at the project's root.
 */
export function libraryPath(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Mend cannot find ${FILE}: the build copies it into dist/content.`);
  }
}

let loaded: DailyLibrary | null = null;

/** The library, read and checked once per process; a broken file stops the server at start. */
export function dailyLibrary(): DailyLibrary {
  loaded ??= parseLibrary(JSON.parse(fs.readFileSync(libraryPath(), 'utf8')));
  return loaded;
}
