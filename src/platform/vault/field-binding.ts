/**
 * What an encrypted value is bound to: not only where it lives (table, column, row) but whose
 * words they are, who may read them and what they belong to. All of it goes into the associated
 * data, so someone who can write to the database but has no key cannot make a private text
 * readable by editing the row's owner, visibility or parent: the value then fails its integrity
 * check and is shown to nobody (docs/encryption.md, "Bound to who and what").
 */
export interface FieldBinding {
  readonly table: string;
  /** The column's name without its `_enc` suffix. */
  readonly column: string;
  readonly rowId: string;
  /** The account whose words these are; null for a record that has no author (a space's name). */
  readonly owner: string | null;
  /** Who may read it, as the row says (`private`, `shared`, `sealed`, `draft`…); null when the row has no such column. */
  readonly visibility: string | null;
  /** The rows it belongs to and anything else that decides who reads it, by name: `{ space, journey, prompt }`. */
  readonly parents: Readonly<Record<string, string | null>>;
}

const NAME = /^[a-z_][a-z0-9_]*$/i;

/**
 * The associated data of a bound value: one canonical string (a JSON array, parents sorted by
 * name), so two different bindings never give the same bytes. It starts differently from the
 * place-only context older values were written with, so neither can stand in for the other.
 */
export function boundAad(binding: FieldBinding): string {
  const { table, column, rowId, owner, visibility, parents } = binding;
  if (!NAME.test(table) || !NAME.test(column)) {
    throw new TypeError(`A field binding needs identifier names, got "${table}" and "${column}".`);
  }
  const named = Object.keys(parents)
    .sort()
    .map((name) => [name, parents[name] ?? null]);
  return `bound/1 ${JSON.stringify([table, column, rowId, owner, visibility, named])}`;
}
