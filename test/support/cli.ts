import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

/**
 * Runs `mend <args>` in-process with in-memory streams and `env` added to process.env for the
 * duration; process.env is restored afterwards. Returns the exit code and what was written.
 */
export async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr });
    return { code, out, err };
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
