import { loadConfig } from '../../platform/config.js';
import { createContext, type AppContext } from '../../context.js';
import { isEmailShaped } from '../../features/accounts/service.js';
import type { Account } from '../../features/accounts/store.js';
import type { CliIo } from '../io.js';

/** A date and time in UTC to the minute, as the operator's commands print them ("—" for none). */
export const when = (iso: string | null | undefined): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/**
 * Runs `work` with Mend's context (the same configuration, data folder and keys as the server),
 * closing it afterwards. The operator's commands print emails, counts and dates only: never a
 * name, a title or anything else a person wrote, and never the email they were given back when it
 * matches nothing (it may be mistyped into someone else's).
 */
export async function withContext(work: (ctx: AppContext) => Promise<number>): Promise<number> {
  const ctx = await createContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

/** Refuses a missing or malformed email before anything is opened; answers whether it may go on. */
export function emailArgument(command: string, email: string | undefined, io: CliIo): email is string {
  if (!email) {
    io.stderr.write(`Usage: mend ${command} <email>\n`);
    return false;
  }
  if (!isEmailShaped(email)) {
    io.stderr.write(`mend ${command}: that is not an email address (like name@example.org). Nothing was changed.\n`);
    return false;
  }
  return true;
}

/** The account with this email, or a clear refusal that does not repeat what was typed. */
export async function accountOrRefusal(ctx: AppContext, command: string, email: string, io: CliIo): Promise<Account | null> {
  const account = await ctx.accounts.byEmailForOperator(email);
  if (!account) io.stderr.write(`mend ${command}: there is no account with that email. Nothing was changed.\n`);
  return account;
}
