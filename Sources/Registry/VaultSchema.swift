/// The tables of migration `v4-vault` and the column of `v5-vault-format` (docs/vault.md). Released as part of the schema: never
/// edited afterwards; a change is a new migration.
enum VaultSchema {
  static let v4 = """
    CREATE TABLE vault (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      kdf TEXT NOT NULL CHECK (kdf = 'scrypt'),
      scrypt_n INTEGER NOT NULL,
      scrypt_r INTEGER NOT NULL,
      scrypt_p INTEGER NOT NULL,
      salt BLOB NOT NULL,
      key_nonce BLOB NOT NULL,
      wrapped_key BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE vault_secret (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('enrollment', 'factory_seed')),
      enrollment_id INTEGER UNIQUE REFERENCES enrollment(id),
      serial TEXT,
      otp_type TEXT NOT NULL CHECK (otp_type IN ('totp', 'hotp')),
      algorithm TEXT NOT NULL CHECK (algorithm IN ('sha1', 'sha256', 'sha512')),
      digits INTEGER NOT NULL,
      period INTEGER NOT NULL,
      manufacturer TEXT,
      assigned_user TEXT,
      source TEXT,
      nonce BLOB NOT NULL,
      sealed BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      CHECK ((kind = 'enrollment') = (enrollment_id IS NOT NULL)),
      CHECK (kind = 'enrollment' OR serial IS NOT NULL)
    );
    CREATE UNIQUE INDEX vault_secret_factory_serial ON vault_secret(serial) WHERE kind = 'factory_seed';
    """

  /// `format`: how a row's associated data was built. 1 (every row before v5) binds kind,
  /// enrollment id or serial and settings; 2 adds the enrollment's user, service and serial.
  /// Format 1 rows are re-sealed as 2 the next time the vault is unlocked for a write.
  static let v5 = """
    ALTER TABLE vault_secret ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
    """
}
