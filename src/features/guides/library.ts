import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { guideFile, parseGuide, type GuideId } from '../../core/guides/index.js';
import { markdownToHtml } from '../../platform/web/markdown.js';
import type { SafeHtml } from '../../platform/web/html.js';

/**
 * The guide files, read once and kept. They ship with the build: `npm run build` copies
 * `content/guides/` to `dist/content/guides/` (scripts/build-web.mjs), and the container image
 * copies dist/. So the folder is found by walking up from this module: the bundled server in
 * dist/ finds dist/content, and the sources run by tsx find the repository's content/.
 */
export interface LoadedGuide {
  readonly title: string;
  readonly body: SafeHtml;
}

let root: string | null = null;

export function guidesFolder(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'content', 'guides');
    if (fs.existsSync(candidate)) return (root = candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('The guides folder content/guides was not found next to the server (run npm run build).');
    dir = parent;
  }
}

const cache = new Map<string, LoadedGuide>();

export async function loadGuide(id: GuideId): Promise<LoadedGuide> {
  const file = guideFile(id);
  const known = cache.get(file);
  if (known) return known;
  const markdown = await fs.promises.readFile(path.join(guidesFolder(), file), 'utf8');
  const guide = { title: parseGuide(markdown).title, body: markdownToHtml(markdown) };
  cache.set(file, guide);
  return guide;
}
