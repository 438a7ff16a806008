import { sql } from 'kysely';
import type { Store } from '../../store/database.js';

/**
 * The tables that hold 99% of a seeded data set (a year of check-ins and agreement-log entries
 * per couple). Their secondary indexes are what a bulk load spends its time and disk on.
 */
const BULK_TABLES = ['checkins', 'agreement_log_entries'] as const;

/** An index (or unique constraint) of a bulk table, as the database itself defines it. */
export interface DeferredIndex {
  table: string;
  name: string;
  /** The statement that makes it again, read from the catalogue (`pg_get_indexdef` / `pg_get_constraintdef`). */
  create: string;
}

/**
 * Whether a PostgreSQL seed run should load its rows first and build the bulk tables' indexes
 * afterwards: only into empty tables, where nothing but the seed can be relying on them.
 *
 * Why: rows arrive couple by couple while those indexes are keyed by space or account ids, which
 * are random, so every insert lands on some half-full page of every index. Built afterwards from
 * sorted input, the same indexes are packed, written once and made in a fraction of the time. At
 * 96,012 couples the indexes filled as they went took about 45 of the database's 74 GB
 * (docs/performance.md, "PostgreSQL at 100,000 couples"); that is what ran the disk out.
 */
export async function shouldDeferIndexes(store: Store): Promise<boolean> {
  if (store.dialect !== 'postgres') return false;
  for (const table of BULK_TABLES) {
    const row = await store.db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
    if (row) return false;
  }
  return true;
}

/** Reads the bulk tables' secondary indexes and unique constraints (never the primary keys). */
export async function readBulkIndexes(store: Store): Promise<DeferredIndex[]> {
  const { rows } = await sql<{ table: string; name: string; create: string; constraint: string | null }>`
    select t.relname as "table", i.relname as name, c.contype as "constraint",
           case when c.contype = 'u'
                then format('alter table %I add constraint %I %s', t.relname, i.relname, pg_get_constraintdef(c.oid))
                else pg_get_indexdef(i.oid) end as "create"
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
      left join pg_constraint c on c.conindid = i.oid
     where t.relname in (${sql.join(BULK_TABLES.map((table) => sql.lit(table)))})
       and not x.indisprimary
       and (c.oid is null or c.contype = 'u')
     order by t.relname, i.relname`.execute(store.db);
  return rows.map(({ table, name, create }) => ({ table, name, create }));
}

/** Drops them; the caller keeps the list (in the run's record) to build them again. */
export async function dropIndexes(store: Store, indexes: DeferredIndex[]): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (const index of indexes) {
      if (index.create.startsWith('alter table')) await sql`alter table ${sql.table(index.table)} drop constraint ${sql.id(index.name)}`.execute(trx);
      else await sql`drop index ${sql.id(index.name)}`.execute(trx);
    }
  });
}

/**
 * Builds every listed index that does not exist yet, one at a time, each in its own transaction
 * (a run stopped half-way picks up at the next one). Sorting gets more memory than the server's
 * default for this session only.
 */
export async function buildIndexes(store: Store, indexes: DeferredIndex[], onIndex?: (index: DeferredIndex, seconds: number) => void): Promise<void> {
  for (const index of indexes) {
    const exists = await sql<{ found: string | null }>`select to_regclass(${index.name})::text as found`.execute(store.db);
    if (exists.rows[0]?.found) continue;
    const started = performance.now();
    await store.db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
      await sql.raw(index.create).execute(trx);
    });
    onIndex?.(index, (performance.now() - started) / 1000);
  }
}
