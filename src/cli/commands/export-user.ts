import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../platform/config.js';
import { createContext, type AppContext } from '../../context.js';
import { asOperator } from '../../platform/vault/held-keys.js';
import { exportPieces } from '../../features/export/index.js';
import type { CliIo } from '../io.js';

export const CONSENT_FLAG = '--yes-i-have-their-consent';

const USAGE = `Usage: mend export-user <email> [file] ${CONSENT_FLAG}\n`;

const WHY_THE_FLAG =
  'This writes out what that person can see in Mend: what they wrote and shared, and what their partner shared\n' +
  'with them. What they kept private is locked with their own key and is not included: they can export it\n' +
  'themselves from their account page. Make it only when the person asked for it or agreed to it (or the law\n' +
  "requires it), and give it to them alone: it is theirs, not yours and not their partner's.\n" +
  `If that is the case, run the command again with ${CONSENT_FLAG}.\n`;

/** Where the access log of a couple records a therapist's export made by the operator. */
const ACCESS_LOG_WHAT = 'mend export-user (operator export)';

/**
 * `mend export-user <email> [file]`: the operator's copy of one account's JSON export, for a
 * person who cannot reach the export page themselves (SPEC section 8). It is the very export the
 * person gets from the page and the API (features/export): what they may see, nothing more. It
 * refuses without the consent flag and before touching the database. Nothing the person wrote is
 * printed anywhere but the export itself: messages name no one and quote nothing.
 */
export async function runExportUser(args: string[], io: CliIo): Promise<number> {
  const consented = args.includes(CONSENT_FLAG);
  const flags = args.filter((a) => a.startsWith('-'));
  const positional = args.filter((a) => !a.startsWith('-'));
  const [email, file, ...rest] = positional;
  if (!email || rest.length > 0 || flags.some((f) => f !== CONSENT_FLAG)) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (!consented) {
    io.stderr.write(`mend export-user: not without the person's consent.\n\n${WHY_THE_FLAG}`);
    return 2;
  }
  const destination = file ? path.resolve(file) : null;
  if (destination && fs.existsSync(destination)) {
    io.stderr.write(`${destination} already exists; choose a new file name so nothing is overwritten.\n`);
    return 1;
  }

  const ctx = await createContext(loadConfig());
  // As the operator: what the person kept private stays closed (held-keys.ts), whether or not it is
  // already under their own key.
  try {
    return await asOperator(() => exportAs(ctx, email, destination, io));
  } finally {
    await ctx.close();
  }
}

async function exportAs(ctx: AppContext, email: string, destination: string | null, io: CliIo): Promise<number> {
  {
    const account = await ctx.accounts.byEmailForOperator(email);
    if (!account) {
      io.stderr.write('mend export-user: there is no account with that email. Nothing was written.\n');
      return 1;
    }
    const pieces = await exportPieces(ctx, account, ACCESS_LOG_WHAT);
    if (!destination) {
      for await (const piece of pieces) await written(io.stdout, piece);
      await written(io.stdout, '\n');
      return 0;
    }
    await toFile(destination, pieces);
    io.stderr.write(
      `The export is in ${destination} (readable only by you). It holds what that person may see in Mend, without what\n` +
        'they kept private (locked with their own key; they can export it themselves from their account page).\n' +
        'Give it to them alone, the way you would hand over a password, then delete your copy.\n',
    );
    return 0;
  }
}

/** Writes a piece, waiting while the stream is full, so a large export never piles up in memory. */
function written(stream: NodeJS.WritableStream, piece: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(piece, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

/** The export into a new file only its owner may read; a file left half-written is removed. */
async function toFile(destination: string, pieces: AsyncGenerator<string>): Promise<void> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const handle = await fs.promises.open(destination, 'wx', 0o600);
  try {
    for await (const piece of pieces) await handle.write(piece);
    await handle.write('\n');
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    fs.rmSync(destination, { force: true });
    throw error;
  }
}
