#!/usr/bin/env node
// The `mend` operator command. Runs the compiled CLI (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('mend: the compiled code is missing. Run `npm run build` in the Mend folder first.\n');
  process.exit(2);
}
const { runCli } = await import(compiled.href);
process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
