import GRDB
import OTP
import SeedFiles
import TokenCrypto

extension Registry {
  /// Puts vendor seeds into the vault in one transaction: every seed goes in, or (on any
  /// failure) none. A serial that is already in the vault, or repeated in `seeds`, is skipped
  /// and reported, never overwritten.
  ///
  /// - Parameter source: the file name, kept with each row for `seeds list`.
  /// - Returns: the serials stored, and those skipped with the reason.
  public func importFactorySeeds(
    _ seeds: [SeedFileEntry], key: VaultKey, source: String, at: Int64, operatorName: String,
    random: any RandomSource = SystemRandom()
  ) throws(VaultError) -> (imported: [String], skipped: [SkippedSeed]) {
    for seed in seeds { try seed.validate() }
    return try vaultWrite { db in
      var imported: [String] = []
      var skipped: [SkippedSeed] = []
      for seed in seeds {
        let exists =
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM vault_secret WHERE kind = 'factory_seed' AND serial = ?",
            arguments: [seed.serial]) ?? 0
        guard exists == 0 else {
          skipped.append(SkippedSeed(serial: seed.serial, reason: "already in the vault"))
          continue
        }
        let ad = Self.factorySeedAD(
          serial: seed.serial, type: seed.type, algorithm: seed.algorithm, digits: seed.digits,
          period: seed.period)
        let sealed = try VaultCrypto.sealSecret(
          seed.secret, key: key, associatedData: ad, random: random)
        try db.execute(
          sql: """
            INSERT INTO vault_secret (kind, serial, otp_type, algorithm, digits, period, manufacturer,
              assigned_user, source, nonce, sealed, created_at, format)
            VALUES ('factory_seed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)
            """,
          arguments: [
            seed.serial, seed.type, seed.algorithm, seed.digits, seed.period, seed.manufacturer,
            seed.user, source, sealed.nonce, sealed.sealed, at,
          ])
        imported.append(seed.serial)
      }
      try Self.upgradeLegacyRows(
        key: key, at: at, operatorName: operatorName, random: random, in: db)
      try Self.audit(
        AuditEvent(
          action: .seedsImported, outcome: .success,
          detail: "\(imported.count) factory seeds imported from \(source)"
            + (skipped.isEmpty ? "" : "; \(skipped.count) skipped (already in the vault)")),
        at: at, operatorName: operatorName, in: db)
      return (imported, skipped)
    }
  }

  /// Imported factory seeds, by serial: parameters and registration, never the secrets.
  public func factorySeeds() throws(VaultError) -> [FactorySeedInfo] {
    try vaultRead { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT v.*, (SELECT e.id FROM enrollment e WHERE e.serial = v.serial AND e.status = 'active'
            ORDER BY e.id DESC LIMIT 1) AS active_enrollment
          FROM vault_secret v WHERE v.kind = 'factory_seed' ORDER BY v.serial
          """
      ).map { row in
        FactorySeedInfo(
          serial: row["serial"], type: row["otp_type"], algorithm: row["algorithm"],
          digits: row["digits"],
          period: row["period"], manufacturer: row["manufacturer"],
          assignedUser: row["assigned_user"],
          source: row["source"], importedAt: row["created_at"],
          enrollmentId: row["active_enrollment"])
      }
    }
  }

  /// Decrypts the imported seed of a factory token, with an audit row saying it was read.
  ///
  /// - Throws: `.noFactorySeed`, `.damaged`.
  public func factorySeed(serial: String, key: VaultKey, at: Int64, operatorName: String)
    throws(VaultError) -> SeedFileEntry
  {
    try vaultWrite { db in
      let seed = try Self.factorySeed(serial: serial, key: key, in: db)
      try Self.upgradeLegacyRows(key: key, at: at, operatorName: operatorName, in: db)
      try Self.audit(
        AuditEvent(
          action: .seedRead, serial: serial, outcome: .success,
          detail: "the factory seed of token \(serial) was read from the vault"),
        at: at, operatorName: operatorName, in: db)
      return seed
    }
  }

  /// Registers a non-programmable token from its imported seed: records the enrollment (with
  /// the seed's fingerprint and settings; a lost token of the same user and service is
  /// replaced, as with a burn) and its audit row in one transaction, and returns the seed so
  /// the caller can show the key once for the services.
  ///
  /// - Throws: `.noFactorySeed`, `.damaged`, `.unsupported` for HOTP or SHA-512 seeds.
  public func registerFactoryToken(
    serial: String, user: String, service: String?, account: String?, key: VaultKey, at: Int64,
    operatorName: String
  ) throws(VaultError) -> (enrollment: Enrollment, outcome: BurnRecordOutcome, seed: SeedFileEntry)
  {
    try vaultWrite { db in
      let seed = try Self.factorySeed(serial: serial, key: key, in: db)
      guard seed.type == "totp" else {
        throw VaultError.unsupported(
          "token \(serial) counts events (HOTP); tokenburner registers time-based (TOTP) tokens only"
        )
      }
      guard ["sha1", "sha256"].contains(seed.algorithm) else {
        throw VaultError.unsupported(
          "token \(serial) uses \(seed.algorithm), which the registry does not record")
      }
      let record = BurnRecord(
        user: user, service: service, account: account, serial: serial, model: seed.manufacturer,
        algorithm: seed.algorithm, digits: seed.digits, period: seed.period,
        secretFingerprint: SecretFingerprint.of(seed.secret), clockDriftBefore: 0)
      let (enrollment, outcome) = try Self.recordBurn(
        record, at: at, operatorName: operatorName, action: .register, in: db)
      try Self.upgradeLegacyRows(key: key, at: at, operatorName: operatorName, in: db)
      return (enrollment, outcome, seed)
    }
  }

  static func factorySeed(serial: String, key: VaultKey, in db: Database) throws -> SeedFileEntry {
    guard
      let row = try Row.fetchOne(
        db, sql: secretRowsSQL + " WHERE v.kind = 'factory_seed' AND v.serial = ?",
        arguments: [serial])
    else { throw VaultError.noFactorySeed(serial: serial) }
    return SeedFileEntry(
      serial: serial, secret: try openRow(row, key: key), type: row["otp_type"],
      algorithm: row["algorithm"],
      digits: row["digits"], period: row["period"], manufacturer: row["manufacturer"],
      user: row["assigned_user"])
  }
}
