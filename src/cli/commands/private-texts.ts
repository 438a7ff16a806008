import { sql } from 'kysely';
import { AUTHOR_ONLY_FIELDS, isAuthorOnly } from '../../platform/vault/bound-fields.js';
import { reencryptAll } from '../../platform/vault/reencrypt.js';
import type { CliIo } from '../io.js';
import { withContext } from './operator-context.js';

/**
 * `mend private-texts`: how many texts only their author may read are locked with that author's
 * own key, and how many are still under the server's key because their author has not signed in
 * since the upgrade (issue #23, docs/encryption.md). Counts only: nothing is opened or changed.
 */
export async function runPrivateTexts(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write('Usage: mend private-texts\n');
    return 2;
  }
  return withContext(async (ctx) => {
    const db = ctx.store.db;
    let locked = 0;
    for (const { field } of AUTHOR_ONLY_FIELDS) {
      const column = sql.ref(`${field.column}_enc`);
      const { rows } = await sql<{
        n: string | number;
      }>`select count(*) as n from ${sql.table(field.table)} where substr(${column}, 1, 3) = 'p1.'`.execute(db);
      locked += Number(rows[0]?.n ?? 0);
    }
    // Walks the values still under the server's key, reading each row's binding, and writes nothing.
    let waiting = 0;
    const authors = new Set<string>();
    await reencryptAll(
      db,
      (_stored, binding) => {
        if (
          isAuthorOnly(binding) &&
          AUTHOR_ONLY_FIELDS.some(({ field }) => field.table === binding.table && field.column === binding.column)
        ) {
          waiting += 1;
          if (binding.owner) authors.add(binding.owner);
        }
        return null;
      },
      {},
    );
    const withoutKey = await db
      .selectFrom('accounts')
      .leftJoin('personal_keys', 'personal_keys.account_id', 'accounts.id')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('personal_keys.account_id', 'is', null)
      .executeTakeFirst();
    io.stdout.write(
      [
        `Locked with their author's own key:      ${locked}`,
        `Still under the server's key:            ${waiting} (by ${authors.size} ${authors.size === 1 ? 'person' : 'people'})`,
        `Accounts without a personal key yet:     ${Number(withoutKey?.n ?? 0)}`,
        waiting > 0
          ? "Each person's private texts are locked with their own key the first time they sign in after the upgrade."
          : 'Every private text is locked with its author’s own key.',
      ].join('\n') + '\n',
    );
    return 0;
  });
}
