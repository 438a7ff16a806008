import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { namesOpenedBy, type NameOpener } from '../../platform/vault/opened-names.js';
import { BOUND } from '../../platform/vault/bound-fields.js';

export type { Account } from '../../core/accounts/account.js';
import type { Account } from '../../core/accounts/account.js';

export interface AccountWithHash extends Account {
  passwordHash: string;
  /** When the operator disabled it (`mend accounts disable`); null while it may sign in. */
  disabledAt: string | null;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
const emailIndex = (vault: Vault, email: string): string => vault.index('account-email', normaliseEmail(email));

type Row = Selectable<Database['accounts']>;

/** The columns an `Account` is made from (what a signed-in request reads with its session). */
export type AccountFacts = Pick<
  Row,
  'id' | 'email_enc' | 'display_name_enc' | 'timezone' | 'country' | 'checkin_numbers_shared' | 'quick_exit_signs_out' | 'created_at'
>;

const sharedFrom = (value: number | null): boolean | null => (value === null ? null : Boolean(value));

function lazyAccount(opener: NameOpener, row: AccountFacts): Account {
  let email: string | undefined;
  let displayName: string | undefined;
  return {
    id: row.id,
    get email() {
      return (email ??= opener.open(row.email_enc, BOUND.accountEmail.of(row)));
    },
    get displayName() {
      return (displayName ??= opener.open(row.display_name_enc, BOUND.accountDisplayName.of(row)));
    },
    timezone: row.timezone,
    country: row.country,
    checkinNumbersShared: sharedFrom(row.checkin_numbers_shared),
    quickExitSignsOut: Boolean(row.quick_exit_signs_out),
    createdAt: row.created_at,
  };
}

function toAccount(opener: NameOpener, row: Row): AccountWithHash {
  return {
    id: row.id,
    email: opener.open(row.email_enc, BOUND.accountEmail.of(row)),
    displayName: opener.open(row.display_name_enc, BOUND.accountDisplayName.of(row)),
    timezone: row.timezone,
    country: row.country,
    checkinNumbersShared: sharedFrom(row.checkin_numbers_shared),
    quickExitSignsOut: Boolean(row.quick_exit_signs_out),
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at,
  };
}

export function publicAccount(account: AccountWithHash | Account): Account {
  const { id, email, displayName, timezone, country, checkinNumbersShared, quickExitSignsOut, createdAt } = account;
  return { id, email, displayName, timezone, country, checkinNumbersShared, quickExitSignsOut, createdAt };
}

export class AccountStore {
  private readonly opener: NameOpener;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {
    this.opener = namesOpenedBy(vault);
  }

  /** The account of a signed-in request, from the columns read with its session; email and name opened on first use. */
  fromFacts(row: AccountFacts): Account {
    return lazyAccount(this.opener, row);
  }

  async insert(input: {
    id: string;
    email: string;
    displayName: string;
    timezone: string;
    country?: string | null;
    passwordHash: string;
    now: string;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('accounts')
      .values({
        id: input.id,
        email_index: emailIndex(this.vault, input.email),
        email_enc: this.vault.seal(input.email.trim(), BOUND.accountEmail.of(input)),
        display_name_enc: this.vault.seal(input.displayName, BOUND.accountDisplayName.of(input)),
        password_hash: input.passwordHash,
        timezone: input.timezone,
        country: input.country ?? null,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict((oc) => oc.column('email_index').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async byEmail(email: string): Promise<AccountWithHash | null> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('email_index', '=', emailIndex(this.vault, email))
      .executeTakeFirst();
    return row ? toAccount(this.opener, row) : null;
  }

  async byId(id: string): Promise<AccountWithHash | null> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAccount(this.opener, row) : null;
  }

  async displayNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('accounts').select(['id', 'display_name_enc']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, this.opener.open(r.display_name_enc, BOUND.accountDisplayName.of(r))]));
  }

  async updateSettings(
    id: string,
    settings: { displayName: string; timezone: string; country: string | null },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({
        display_name_enc: this.vault.seal(settings.displayName, BOUND.accountDisplayName.of({ id })),
        timezone: settings.timezone,
        country: settings.country,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    this.opener.forget([`accounts.display_name:${id}`]);
  }

  /** Changing it tells nobody (issue #14): no notification, no live event. */
  async setCheckinNumbersShared(id: string, shared: boolean, now: string): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ checkin_numbers_shared: shared ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async setQuickExitSignsOut(id: string, signsOut: boolean, now: string): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ quick_exit_signs_out: signsOut ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async updatePasswordHash(id: string, passwordHash: string, now: string): Promise<void> {
    await this.db.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute();
  }

  /**
   * Disables or enables the account (the operator's `mend accounts disable|enable`). Disabling
   * ends every session in the same transaction, so no open page or API token keeps working.
   * Answers false when there is no such account.
   */
  async setDisabled(id: string, disabledAt: string | null, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('accounts')
        .set({ disabled_at: disabledAt, updated_at: now })
        .where('id', '=', id)
        .where('stand_in_since', 'is', null)
        .executeTakeFirst();
      if (disabledAt !== null) await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('accounts').where('id', '=', id).execute();
    this.opener.forgetDeleted([`accounts.email:${id}`, `accounts.display_name:${id}`]);
  }
}
