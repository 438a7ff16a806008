/** What encryption at rest keeps in the database besides the values themselves (migration 0011). */

/** Every key values in this database were written with (docs/encryption.md, "Keys"). */
export interface EncryptionKeyTable {
  key_id: string;
  recorded_at: string;
}

/** Upgrades of stored data that run at start-up because they need the key, once finished. */
export interface DataUpgradeTable {
  name: string;
  finished_at: string;
}

export interface EncryptionTables {
  encryption_keys: EncryptionKeyTable;
  data_upgrades: DataUpgradeTable;
}
