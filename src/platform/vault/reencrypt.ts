import { sql, type Kysely } from 'kysely';
import { DecryptionError, type FieldBinding } from './index.js';
import { AUTHOR_ONLY_FIELDS, BOUND_FIELDS, placeContext } from './bound-fields.js';

export interface ReencryptProgress {
  table: string;
  column: string;
  checked: number;
  rewritten: number;
}

/** A value that could not be re-encrypted: where it is and why (never what it says). */
export interface UnreadableValue {
  table: string;
  column: string;
  id: string;
  reason: string;
}

/**
 * `rewrite` gets a stored value, the binding it belongs under and the place-only context of the
 * old format, and returns the new stored value or null to leave it.
 */
export type Rewrite = (stored: string, binding: FieldBinding, placeContext: string) => string | null;

export interface ReencryptOptions {
  onProgress?: (p: ReencryptProgress) => void;
  /** Only values in the old, place-only format (`v1.`): the re-binding step. */
  onlyFormatV1?: boolean;
  /**
   * Only one person's texts that can be theirs alone, still under the server's key: the walk that
   * seals them again under that person's new personal key (AUTHOR_ONLY_FIELDS).
   */
  authoredBy?: string;
  batchSize?: number;
}

/**
 * Re-encrypts every encrypted column (platform/vault/bound-fields.ts), one column at a time, in batches
 * of `batchSize` rows read in id order — never all rows at once. Each batch is one transaction,
 * and each row is written only if it still holds the value that was read, so an interrupted run
 * (or two at once) loses and doubles nothing: run it again and it carries on. A value that fails
 * its check is left as it is and reported; the others are still done. Used by `mend rotate-key`
 * and by the start-up step that binds old values (bind-ciphertexts.ts).
 */
export async function reencryptAll(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema's tables
  db: Kysely<any>,
  rewrite: Rewrite,
  options: ReencryptOptions = {},
): Promise<{ checked: number; rewritten: number; unreadable: UnreadableValue[] }> {
  const batchSize = options.batchSize ?? 500;
  let checked = 0;
  let rewritten = 0;
  const unreadable: UnreadableValue[] = [];
  const fields = options.authoredBy === undefined ? BOUND_FIELDS.map((field) => ({ field, author: null })) : AUTHOR_ONLY_FIELDS;
  for (const { field, author } of fields) {
    const { table } = field;
    const column = `${field.column}_enc`;
    const reads = [...new Set(['id', ...field.reads])];
    const value = sql.ref(`t.${column}`);
    // A text sealed under its author's personal key is not under any server key: never the server's to rewrite.
    const legacyOnly = options.onlyFormatV1
      ? sql`and substr(${value}, 1, 3) = 'v1.'`
      : author !== null
        ? sql`and substr(${value}, 1, 3) = 'v2.' and ${sql.ref(`t.${author}`)} = ${options.authoredBy}`
        : sql`and substr(${value}, 1, 3) <> 'p1.'`;
    // A text kept under a journey is bound to the journey's space as well (bound-fields.ts).
    const journey = field.journeyColumn
      ? { select: sql`, j.space_id as journey_space_id`, join: sql`left join journeys j on j.id = ${sql.ref(`t.${field.journeyColumn}`)}` }
      : { select: sql``, join: sql`` };
    let lastId = '';
    const progress = { table, column, checked: 0, rewritten: 0 };
    for (;;) {
      const { rows } = await sql<Record<string, string | null> & { id: string; mend_value: string | null }>`
        select ${sql.join(reads.map((c) => sql.ref(`t.${c}`)))}, ${value} as mend_value ${journey.select}
        from ${sql.table(table)} as t ${journey.join}
        where t.id > ${lastId} and ${value} is not null ${legacyOnly}
        order by t.id limit ${batchSize}`.execute(db);
      if (rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          progress.checked += 1;
          const stored = row.mend_value;
          if (stored === null) continue;
          let next: string | null;
          try {
            next = rewrite(stored, field.of(row as never), placeContext(table, field.column, row.id));
          } catch (error) {
            if (!(error instanceof DecryptionError)) throw error;
            unreadable.push({ table, column, id: row.id, reason: error.code });
            continue;
          }
          if (next === null) continue;
          const result =
            await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next} where id = ${row.id} and ${sql.ref(column)} = ${stored}`.execute(
              trx,
            );
          if (Number(result.numAffectedRows ?? 0n) === 1) progress.rewritten += 1;
        }
      });
      lastId = rows[rows.length - 1]!.id;
      options.onProgress?.({ ...progress });
    }
    checked += progress.checked;
    rewritten += progress.rewritten;
  }
  return { checked, rewritten, unreadable };
}
