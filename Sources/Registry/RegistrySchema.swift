import GRDB

/// The registry's schema, one migration per version. Released migrations are never edited;
/// a change is a new migration (tests migrate from empty and from every earlier version).
/// `v4-vault` adds the encrypted vault (docs/vault.md), `v5-vault-format` the format of each
/// vault row's associated data (ADR 0003, addendum).
enum RegistrySchema {
  /// Migration names in order.
  static let versions = [
    "v1-enrollments-audit", "v2-backup-codes", "v3-code-attempts", "v4-vault", "v5-vault-format",
  ]

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration(versions[0]) { db in
      try db.execute(
        sql: """
          CREATE TABLE enrollment (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user TEXT NOT NULL,
            service TEXT,
            account TEXT,
            serial TEXT NOT NULL,
            model TEXT,
            algorithm TEXT NOT NULL CHECK (algorithm IN ('sha1', 'sha256')),
            digits INTEGER NOT NULL,
            period INTEGER NOT NULL,
            secret_fingerprint TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'lost', 'replaced')),
            replaces_id INTEGER REFERENCES enrollment(id),
            lost_reason TEXT,
            operator TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
          );
          CREATE INDEX enrollment_user ON enrollment(user, status);
          CREATE INDEX enrollment_serial ON enrollment(serial, status);

          CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            operator TEXT NOT NULL,
            action TEXT NOT NULL,
            user TEXT,
            serial TEXT,
            enrollment_id INTEGER REFERENCES enrollment(id),
            outcome TEXT NOT NULL,
            detail TEXT NOT NULL
          );
          CREATE INDEX audit_user ON audit(user);
          CREATE INDEX audit_serial ON audit(serial);
          CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
          CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
          """)
    }
    migrator.registerMigration(versions[1]) { db in
      try db.execute(
        sql: """
          CREATE TABLE backup_code_set (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            enrollment_id INTEGER NOT NULL REFERENCES enrollment(id),
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            revoked_reason TEXT
          );
          CREATE INDEX backup_code_set_enrollment ON backup_code_set(enrollment_id);
          CREATE TABLE backup_code (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            set_id INTEGER NOT NULL REFERENCES backup_code_set(id),
            position INTEGER NOT NULL,
            hash TEXT NOT NULL,
            used_at INTEGER,
            UNIQUE (set_id, position)
          );
          """)
    }
    migrator.registerMigration(versions[2]) { db in
      try db.execute(
        sql: """
          CREATE TABLE code_attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user TEXT NOT NULL,
            at INTEGER NOT NULL,
            success INTEGER NOT NULL
          );
          CREATE INDEX code_attempt_user ON code_attempt(user, at);
          """)
    }
    migrator.registerMigration(versions[3]) { db in
      try db.execute(sql: VaultSchema.v4)
    }
    migrator.registerMigration(versions[4]) { db in
      try db.execute(sql: VaultSchema.v5)
    }
    return migrator
  }
}
