import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './http/paths.js';

export interface BuildInfo {
  /** package.json's version. */
  version: string;
  /** The git commit the build was made from, or the time of the build when it was not a checkout. */
  build: string;
}

let known: BuildInfo | null = null;

/**
 * Which Mend is running: recorded by `npm run build` (scripts/build-info.mjs); without a build
 * (tsx in development) the version alone, and "unbuilt".
 */
export function buildInfo(): BuildInfo {
  if (known) return known;
  const root = projectRoot();
  try {
    const recorded = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'build-info.json'), 'utf8')) as Partial<BuildInfo>;
    if (typeof recorded.version === 'string' && typeof recorded.build === 'string') {
      return (known = { version: recorded.version, build: recorded.build });
    }
  } catch {
    // Not built: read the version from package.json below.
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return (known = { version: typeof pkg.version === 'string' ? pkg.version : 'unknown', build: 'unbuilt' });
}
