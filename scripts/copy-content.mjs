// Copies the content files (content/: the guides and the daily questions, issue #25) into
// dist/content, so the built server carries them: `npm start` and the container image run dist/
// and never read content/ (src/features/guides/library.ts, src/features/daily-question).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'content');
const to = path.join(root, 'dist', 'content');
fs.rmSync(to, { recursive: true, force: true });
fs.cpSync(from, to, { recursive: true });
