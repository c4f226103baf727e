import GRDB
import OTP
import TokenCrypto

extension Registry {
  /// Records a confirmed burn (as `recordBurn` does) and keeps its secret in the vault, bound to
  /// the resulting enrollment, in one transaction: the enrollment, its audit rows and the vault
  /// copy commit together or not at all. A re-burn replaces the enrollment's previous copy.
  public func recordBurn(
    _ burn: BurnRecord, keeping secret: Secret, key: VaultKey, at: Int64, operatorName: String,
    random: any RandomSource = SystemRandom()
  ) throws(VaultError) -> (Enrollment, BurnRecordOutcome) {
    guard SecretFingerprint.of(secret) == burn.secretFingerprint else {
      throw .invalidParameters("the secret to keep is not the one that was burned")
    }
    return try vaultWrite { db in
      guard try Row.fetchOne(db, sql: "SELECT id FROM vault WHERE id = 1") != nil else {
        throw VaultError.notInitialised
      }
      let recorded = try Self.recordBurn(
        burn, at: at, operatorName: operatorName, keepsSecret: true, in: db)
      try Self.keep(
        secret, for: recorded.0, key: key, at: at, operatorName: operatorName, random: random,
        in: db)
      try Self.upgradeLegacyRows(
        key: key, at: at, operatorName: operatorName, random: random, in: db)
      return recorded
    }
  }

  /// Whether the enrollment has a secret in the vault. Needs no passphrase: the wizard uses it
  /// to decide whether to offer "the same secret from the vault".
  public func hasVaultSecret(forEnrollment id: Int64) throws(VaultError) -> Bool {
    try vaultRead { db in
      try Int.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM vault_secret WHERE kind = 'enrollment' AND enrollment_id = ?",
        arguments: [id]) ?? 0 > 0
    }
  }

  /// The user's enrollments that are no longer active (lost or replaced) and have a secret in
  /// the vault, newest first, optionally for one service. Needs no passphrase.
  public func reburnCandidates(user: String, service: String?) throws(VaultError) -> [Enrollment] {
    try vaultRead { db in
      try Enrollment.fetchAll(
        db,
        sql: """
          SELECT e.* FROM enrollment e JOIN vault_secret v ON v.enrollment_id = e.id
          WHERE e.user = ? AND (? IS NULL OR e.service = ?) AND e.status != 'active'
          ORDER BY e.updated_at DESC, e.id DESC
          """, arguments: [user, service, service])
    }
  }

  /// Decrypts the secret kept for an enrollment and checks it against the enrollment's
  /// fingerprint, with an audit row saying it was read. A refusal writes nothing.
  ///
  /// - Throws: `.noSecret`, `.damaged` (altered or moved blob, or an edited enrollment),
  ///   `.mismatchedSecret` (the kept secret is not the one the enrollment recorded), registry
  ///   errors.
  public func vaultSecret(forEnrollment id: Int64, key: VaultKey, at: Int64, operatorName: String)
    throws(VaultError) -> VaultedSecret
  {
    try vaultWrite { db in
      let enrollment = try Self.enrollment(id, in: db)
      guard
        let row = try Row.fetchOne(
          db, sql: Self.secretRowsSQL + " WHERE v.kind = 'enrollment' AND v.enrollment_id = ?",
          arguments: [id])
      else { throw VaultError.noSecret(enrollment: id) }
      let secret = try Self.openRow(row, key: key)
      // Authentication says the blob belongs to this row; the fingerprint says it is the key
      // the enrollment was last burned with, so a stale copy is never burned.
      guard SecretFingerprint.of(secret) == enrollment.secretFingerprint else {
        throw VaultError.mismatchedSecret(enrollment: id)
      }
      try Self.upgradeLegacyRows(key: key, at: at, operatorName: operatorName, in: db)
      try Self.audit(
        AuditEvent(
          action: .vaultRead, user: enrollment.user, serial: enrollment.serial, enrollmentId: id,
          outcome: .success,
          detail: "the secret of enrollment #\(id) was taken from the vault to burn a token"),
        at: at, operatorName: operatorName, in: db)
      return VaultedSecret(enrollment: enrollment, secret: secret)
    }
  }

  /// Seals `secret` for `enrollment` (replacing an earlier copy) with an audit row.
  static func keep(
    _ secret: Secret, for enrollment: Enrollment, key: VaultKey, at: Int64, operatorName: String,
    random: any RandomSource, in db: Database
  ) throws {
    let sealed = try VaultCrypto.sealSecret(
      secret, key: key, associatedData: enrollmentAD(enrollment), random: random)
    try db.execute(
      sql: "DELETE FROM vault_secret WHERE kind = 'enrollment' AND enrollment_id = ?",
      arguments: [enrollment.id])
    try db.execute(
      sql: """
        INSERT INTO vault_secret (kind, enrollment_id, serial, otp_type, algorithm, digits, period,
          nonce, sealed, created_at, format) VALUES ('enrollment', ?, ?, 'totp', ?, ?, ?, ?, ?, ?, 2)
        """,
      arguments: [
        enrollment.id, enrollment.serial, enrollment.algorithm, enrollment.digits,
        enrollment.period,
        sealed.nonce, sealed.sealed, at,
      ])
    try audit(
      AuditEvent(
        action: .vaultKeep, user: enrollment.user, serial: enrollment.serial,
        enrollmentId: enrollment.id,
        outcome: .success, detail: "secret of enrollment #\(enrollment.id) kept in the vault"),
      at: at, operatorName: operatorName, in: db)
  }
}
