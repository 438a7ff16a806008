import { sql } from 'kysely';
import type { Store } from '../../platform/db/database.js';

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
 * afterwards: only into a database with no people and no rows in those tables, where nothing
 * but the seed can be relying on them (a server writing check-ins meanwhile could break the
 * unique constraint that is briefly gone).
 *
 * Why: rows arrive couple by couple while those indexes are keyed by space or account ids, which
 * are random, so every insert lands on some half-full page of every index. Built afterwards from
 * sorted input, the same indexes are packed, written once and made in a fraction of the time. At
 * 96,012 couples the indexes filled as they went took about 45 of the database's 74 GB
 * (docs/performance.md, "PostgreSQL at 100,000 couples"); that is what ran the disk out.
 */
export async function shouldDeferIndexes(store: Store): Promise<boolean> {
  if (store.dialect !== 'postgres') return false;
  for (const table of ['accounts', ...BULK_TABLES] as const) {
    const row = await store.db
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst();
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

const isConstraint = (index: DeferredIndex) => /^alter table /i.test(index.create);

/**
 * Whether a list read back from a run's record (on `--resume`) is one this module wrote: a bulk
 * table's index or unique constraint definition, one statement each. The statements are run as
 * they are, so anything else in the file is refused rather than run.
 */
export function isDeferredIndexList(value: unknown): value is DeferredIndex[] {
  return (
    Array.isArray(value) &&
    value.every((v: Partial<DeferredIndex> | null) => {
      if (!v || typeof v.table !== 'string' || typeof v.name !== 'string' || typeof v.create !== 'string') return false;
      if (!(BULK_TABLES as readonly string[]).includes(v.table) || !/^[a-z_][a-z0-9_]{0,62}$/.test(v.name) || v.create.includes(';'))
        return false;
      const index = new RegExp(`^CREATE (UNIQUE )?INDEX ${v.name} ON (public\\.)?${v.table} USING btree \\(`);
      const constraint = new RegExp(`^alter table ${v.table} add constraint ${v.name} UNIQUE \\(`);
      return index.test(v.create) || constraint.test(v.create);
    })
  );
}

/** Drops them; the caller keeps the list (in the run's record) to build them again. */
export async function dropIndexes(store: Store, indexes: DeferredIndex[]): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (const index of indexes) {
      if (isConstraint(index)) await sql`alter table ${sql.table(index.table)} drop constraint ${sql.id(index.name)}`.execute(trx);
      else await sql`drop index ${sql.id(index.name)}`.execute(trx);
    }
  });
}

/**
 * Builds every listed index that does not exist yet, one at a time, each in its own transaction
 * (a run stopped half-way picks up at the next one). Sorting gets more memory than the server's
 * default for this session only.
 */
export async function buildIndexes(
  store: Store,
  indexes: DeferredIndex[],
  onIndex?: (index: DeferredIndex, seconds: number) => void,
): Promise<number> {
  let built = 0;
  for (const index of indexes) {
    // By name in this schema's catalogue (a constraint's index has the constraint's name).
    const exists = await sql<{ found: number }>`
      select 1 as found from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relname = ${index.name} and n.nspname = current_schema()`.execute(store.db);
    if (exists.rows.length > 0) continue;
    const started = performance.now();
    await store.db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
      await sql.raw(index.create).execute(trx);
    });
    built++;
    onIndex?.(index, (performance.now() - started) / 1000);
  }
  return built;
}
