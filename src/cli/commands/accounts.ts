import readline from 'node:readline';
import { act } from '../../features/act.js';
import { deleteAccountByOperator, setAccountDisabled } from '../../features/accounts/actions.js';
import { OperatorOverview, type AccountCounts } from '../../features/accounts/operator-overview.js';
import type { AppContext } from '../../context.js';
import type { CliIo } from '../io.js';
import { accountOrRefusal, emailArgument, when, withContext } from './operator-context.js';

const USAGE = `Usage: mend accounts <list|show|disable|enable|delete> [email]

  list                   every account: email, created, last seen, disabled, spaces
  show <email>           one account's counts and dates (never what anyone wrote)
  disable <email>        the account can no longer sign in; its sessions end now
  enable <email>         the account may sign in again
  delete <email> --yes   delete the account as if the person did it themselves (asks first without --yes)
`;

/** `mend accounts …`: find, look at, disable, enable or delete an account by its email. */
export async function runAccounts(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const flags = rest.filter((a) => a.startsWith('-'));
  const [email, ...extra] = rest.filter((a) => !a.startsWith('-'));
  const allowedFlags = sub === 'delete' ? ['--yes'] : [];
  const known = ['list', 'show', 'disable', 'enable', 'delete'];
  if (!sub || !known.includes(sub) || extra.length > 0 || flags.some((f) => !allowedFlags.includes(f))) {
    io.stderr.write(sub && !known.includes(sub) ? `mend accounts: unknown subcommand "${sub}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  if (sub === 'list') {
    if (email !== undefined) {
      io.stderr.write(USAGE);
      return 2;
    }
    return withContext((ctx) => list(ctx, io));
  }
  if (!emailArgument(`accounts ${sub}`, email, io)) return 2;
  if (sub === 'delete' && !flags.includes('--yes') && !(await confirmed(email, io))) return 2;
  return withContext(async (ctx) => {
    const account = await accountOrRefusal(ctx, `accounts ${sub}`, email, io);
    if (!account) return 1;
    switch (sub) {
      case 'show':
        return show(ctx, account.id, io);
      case 'disable':
      case 'enable': {
        await act(ctx, setAccountDisabled(ctx, account.id, sub === 'disable'));
        io.stdout.write(
          sub === 'disable'
            ? 'Disabled. The account can no longer sign in, and every session it had has ended. Nothing it wrote was changed;\n' +
                'its partner is not told and sees what they saw before. `mend accounts enable` undoes this.\n'
            : 'Enabled. The account may sign in again.\n',
        );
        return 0;
      }
      default: {
        await act(ctx, deleteAccountByOperator(ctx, account.id));
        io.stdout.write(
          'Deleted the account and everything it wrote. In each space it shared, its partner keeps the space and finds the same note\n' +
            'as when a person deletes their own account.\n',
        );
        return 0;
      }
    }
  });
}

async function list(ctx: AppContext, io: CliIo): Promise<number> {
  const lines = await new OperatorOverview(ctx.store.db, ctx.vault).list();
  const rows = [
    ['EMAIL', 'CREATED', 'LAST SEEN', 'DISABLED', 'SPACES'],
    ...lines.map((l) => [l.email, when(l.createdAt), when(l.lastSeenAt), l.disabledAt ? when(l.disabledAt) : 'no', String(l.spaces)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    io.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  io.stdout.write(`${lines.length} account${lines.length === 1 ? '' : 's'}.\n`);
  return 0;
}

async function show(ctx: AppContext, accountId: string, io: CliIo): Promise<number> {
  const overview = new OperatorOverview(ctx.store.db, ctx.vault);
  const [line] = await overview.list(accountId);
  const c: AccountCounts = await overview.counts(accountId);
  const out = [
    `Email:                  ${line?.email ?? '—'}`,
    `Created:                ${when(line?.createdAt)}`,
    `Last seen:              ${when(line?.lastSeenAt)}`,
    `Disabled:               ${line?.disabledAt ? when(line.disabledAt) : 'no'}`,
    `Spaces as a partner:    ${c.spaces.partner}`,
    `Spaces as a therapist:  ${c.spaces.therapist} (${c.spaces.pendingTherapist} waiting for consent)`,
    `Check-ins:              ${c.checkins} (last on ${c.lastCheckinOn ?? '—'})`,
    `Journey entries:        ${c.journeyEntries}`,
    `Apologies:              ${c.apologies}`,
    `Agreements proposed:    ${c.agreementsProposed}`,
    `Agreement log entries:  ${c.agreementLogEntries}`,
    `Reassurance requests:   ${c.reassuranceRequests}`,
    `Notifications:          ${c.notifications.total} (${c.notifications.unread} unread)`,
    `Sessions:               ${c.sessions}`,
    `Devices with push:      ${c.pushDevices}`,
    `Drafts:                 ${c.drafts}`,
  ];
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** Without --yes, deleting asks the operator to type the email again, at a terminal only. */
async function confirmed(email: string, io: CliIo): Promise<boolean> {
  if (!(io.stdin as NodeJS.ReadStream).isTTY) {
    io.stderr.write(
      'mend accounts delete: this deletes the account and everything it wrote, and cannot be undone.\n' +
        'Run it at a terminal to be asked, or add --yes. Nothing was changed.\n',
    );
    return false;
  }
  const rl = readline.createInterface({ input: io.stdin, output: io.stderr });
  const answer = await new Promise<string>((resolve) =>
    rl.question('This deletes the account and everything it wrote, and cannot be undone.\nType the email again to delete it: ', resolve),
  );
  rl.close();
  if (answer.trim().toLowerCase() === email.trim().toLowerCase()) return true;
  io.stderr.write('That is not the same email. Nothing was changed.\n');
  return false;
}
