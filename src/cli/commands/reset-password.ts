import { loadConfig } from '../../platform/config.js';
import { createContext } from '../../context.js';
import { RESET_LINK_MINUTES } from '../../features/accounts/password-resets.js';
import type { CliIo } from '../io.js';

/**
 * `mend reset-password <email>`: for a Mend that sends no email, the operator makes a one-time
 * link and passes it to the person (in person, or however they trust). The link starts with
 * MEND_BASE_URL. Only its hash is stored; nothing is logged.
 */
export async function runResetPassword(args: string[], io: CliIo): Promise<number> {
  const [email, ...rest] = args;
  if (!email || rest.length > 0) {
    io.stderr.write('Usage: mend reset-password <email>\n');
    return 2;
  }
  const config = loadConfig();
  const ctx = await createContext(config);
  try {
    const link = await ctx.passwordResets.linkFor(email);
    io.stdout.write(
      `Give this link to the person whose account it is. It works once, for ${RESET_LINK_MINUTES} minutes, and signs them out everywhere:\n\n${link}\n\n` +
        `It starts with MEND_BASE_URL (${config.baseUrl.origin}); if people reach Mend at another address, set MEND_BASE_URL and run this again.\n\n` +
        'The page asks for their recovery code. What they kept private is locked with their own key: with the code it opens\n' +
        'again; without it, it cannot be opened by anyone, you included. What they shared is kept either way.\n',
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
