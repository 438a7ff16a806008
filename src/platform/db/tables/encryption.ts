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

/** A person's own key, only ever stored wrapped (migration 0024, docs/encryption.md "Private to its author"). */
export interface PersonalKeyTable {
  account_id: string;
  key_id: string;
  /** The key wrapped under argon2id(password, password_salt) with `password_cost` ("m,t,p"). */
  by_password: string;
  password_salt: string;
  password_cost: string;
  by_recovery: string;
  /** The recovery code sealed under the personal key itself: shown again only to its owner. */
  recovery_code_sealed: string;
  created_at: string;
  updated_at: string;
  /** When the person's older private texts were all sealed again under the key; null until then. */
  resealed_at: string | null;
  /** When the owner said they kept the recovery code; null: it is still shown to them without their password. */
  recovery_shown_at: string | null;
}

export interface EncryptionTables {
  encryption_keys: EncryptionKeyTable;
  personal_keys: PersonalKeyTable;
  data_upgrades: DataUpgradeTable;
}
