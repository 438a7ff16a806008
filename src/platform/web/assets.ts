import fs from 'node:fs';
import path from 'node:path';
import { staticDir } from '../http/paths.js';

/**
 * The hashed names of the built browser assets (scripts/asset-hash.mjs writes `assets.json` beside
 * them): pages refer to `/static/mend.<hash>.css`, sent as immutable for a year, so a daily
 * visitor's browser loads the render-blocking stylesheet from its cache without asking the server
 * first (issue #24). Without a manifest (assets not built), the plain names are used as they are.
 */
const PREFIX = '/static/';
let manifest: ReadonlyMap<string, string> | null = null;

function names(): ReadonlyMap<string, string> {
  if (manifest === null) {
    try {
      const read = JSON.parse(fs.readFileSync(path.join(staticDir(), 'assets.json'), 'utf8')) as Record<string, string>;
      manifest = new Map(Object.entries(read));
    } catch {
      manifest = new Map();
    }
  }
  return manifest;
}

/** The address of a built asset under its hashed name: `/static/mend.css` → `/static/mend.3f2a9c01b4de.css`. */
export function assetUrl(url: string): string {
  if (!url.startsWith(PREFIX)) return url;
  const hashed = names().get(url.slice(PREFIX.length));
  return hashed === undefined ? url : `${PREFIX}${hashed}`;
}

const hashedFiles = (): ReadonlySet<string> => {
  hashedSet ??= new Set(names().values());
  return hashedSet;
};
let hashedSet: ReadonlySet<string> | null = null;

/** A year, and never asked again: a hashed name's content cannot change (RFC 8246 `immutable`). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A plain name's content changes with each release: an hour, then the browser asks again. */
export const SHORT = 'public, max-age=3600';

/** The Cache-Control of a file under /static: immutable for a hashed name the build made, short otherwise. */
export function staticCacheControl(filePath: string): string {
  return hashedFiles().has(path.basename(filePath)) ? IMMUTABLE : SHORT;
}
