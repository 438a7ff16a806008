import fs from 'node:fs';
import path from 'node:path';
import { mendHome } from '../platform/config.js';

/** Mend's version, from the package.json of the installation the CLI runs from. */
export function mendVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(mendHome(), 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}
