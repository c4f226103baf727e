import Foundation
import GRDB
import OTP
import TokenCrypto

extension Registry {
  /// The vault's settings and counts, or `nil` while it is not initialised. Needs no passphrase.
  public func vaultStatus() throws(VaultError) -> VaultStatus? {
    try vaultRead { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM vault WHERE id = 1") else {
        return nil
      }
      let kept =
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vault_secret WHERE kind = 'enrollment'")
        ?? 0
      let seeds =
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vault_secret WHERE kind = 'factory_seed'")
        ?? 0
      return VaultStatus(
        parameters: Self.parameters(of: row), createdAt: row["created_at"],
        updatedAt: row["updated_at"],
        enrollmentSecrets: kept, factorySeeds: seeds)
    }
  }

  /// Creates the vault: a random data key, wrapped under scrypt(passphrase), with an audit row.
  ///
  /// - Throws: `.alreadyInitialised` (nothing changed), `.weakPassphrase`, `.weakParameters`,
  ///   `.invalidParameters`, registry errors.
  @discardableResult
  public func initialiseVault(
    passphrase: Secret, parameters: VaultParameters = .vault, at: Int64, operatorName: String,
    random: any RandomSource = SystemRandom()
  ) throws(VaultError) -> VaultKey {
    try VaultPassphrasePolicy.check(passphrase)
    try checkVaultCosts(parameters)
    if try vaultStatus() != nil { throw .alreadyInitialised }
    var dataKey: [UInt8]
    do { dataKey = try random.bytes(AESGCM.keyLength) } catch { throw .crypto("random: \(error)") }
    defer { SecureBytes.zero(&dataKey) }
    let key = VaultKey(dataKey: Secret(dataKey), parameters: parameters)
    let wrapped = try wrap(key, passphrase: passphrase, parameters: parameters, random: random)
    try vaultWrite { db in
      guard try Row.fetchOne(db, sql: "SELECT id FROM vault WHERE id = 1") == nil else {
        throw VaultError.alreadyInitialised
      }
      try db.execute(
        sql: """
          INSERT INTO vault (id, kdf, scrypt_n, scrypt_r, scrypt_p, salt, key_nonce, wrapped_key,
            created_at, updated_at) VALUES (1, 'scrypt', ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          Int64(parameters.n), Int64(parameters.r), Int64(parameters.p), wrapped.salt,
          wrapped.nonce,
          wrapped.sealed, at, at,
        ])
      try Self.audit(
        AuditEvent(
          action: .vaultInit, outcome: .success,
          detail:
            "vault initialised (scrypt N = \(parameters.n), r = \(parameters.r), p = \(parameters.p))"
        ),
        at: at, operatorName: operatorName, in: db)
    }
    return key
  }

  /// Unwraps the data key with the passphrase. Writes nothing, so a wrong passphrase leaves the
  /// file byte for byte as it was.
  ///
  /// - Throws: `.notInitialised`, `.weakParameters` when the stored costs are below the minimum
  ///   (before scrypt runs), `.wrongPassphrase`.
  public func unlockVault(passphrase: Secret) throws(VaultError) -> VaultKey {
    let stored = try storedKey()
    guard weakVaultCostsAllowed || stored.parameters.isStrongEnoughForVault else {
      let costs = stored.parameters
      throw .weakParameters(
        "this vault's key derivation is too cheap (scrypt N = \(costs.n), r = \(costs.r), p = \(costs.p); at least "
          + "N = \(ScryptCost.vaultMinimum.n) and r = \(ScryptCost.vaultMinimum.r)): raise it with `tokenburner vault "
          + "change-passphrase --scrypt-n \(ScryptCost.vault.n) --scrypt-r \(ScryptCost.vault.r)`")
    }
    return try unwrap(stored, passphrase: passphrase)
  }

  /// Refuses scrypt costs that are not a valid choice or are below `ScryptCost.vaultMinimum`
  /// (unless a unit test opened this registry).
  public func checkVaultCosts(_ parameters: VaultParameters) throws(VaultError) {
    try parameters.validateForVault()
    guard weakVaultCostsAllowed || parameters.isStrongEnoughForVault else {
      throw .weakParameters(
        "scrypt N = \(parameters.n), r = \(parameters.r) is too cheap for the vault: at least N = "
          + "\(ScryptCost.vaultMinimum.n) and r = \(ScryptCost.vaultMinimum.r) (default N = \(ScryptCost.vault.n), "
          + "r = \(ScryptCost.vault.r)); nothing was changed")
    }
  }

  /// `vault unlock-check`: unlocks, then opens every stored blob to prove none was altered or
  /// moved, and records the check. Returns how many blobs verified.
  ///
  /// - Throws: `.wrongPassphrase` (nothing written), `.damaged` naming the first bad entry.
  public func checkVault(passphrase: Secret, at: Int64, operatorName: String) throws(VaultError)
    -> Int
  {
    let key = try unlockVault(passphrase: passphrase)
    let rows = try vaultRead { db in
      try Row.fetchAll(db, sql: Self.secretRowsSQL + " ORDER BY v.id")
    }
    for row in rows { _ = try Self.openRow(row, key: key) }
    try vaultWrite { db in
      try Self.upgradeLegacyRows(key: key, at: at, operatorName: operatorName, in: db)
      try Self.audit(
        AuditEvent(
          action: .vaultCheck, outcome: .success,
          detail: "passphrase accepted; \(rows.count) vault entries verified"),
        at: at, operatorName: operatorName, in: db)
    }
    return rows.count
  }

  /// Re-wraps the data key under a new passphrase (and optionally new scrypt costs): one row
  /// changes, in one transaction; the secrets are not touched.
  ///
  /// This protects against someone who learns the old passphrase later, with no copy of the
  /// database from before the change; it does not change the data key (`rekeyVault` does).
  ///
  /// - Throws: `.wrongPassphrase` for the old one (nothing changed), `.weakPassphrase`,
  ///   `.weakParameters`, `.invalidParameters`.
  public func changeVaultPassphrase(
    from old: Secret, to new: Secret, parameters: VaultParameters? = nil, at: Int64,
    operatorName: String, random: any RandomSource = SystemRandom()
  ) throws(VaultError) {
    try VaultPassphrasePolicy.check(new)
    let stored = try storedKey()
    let costs = parameters ?? stored.parameters
    // The new costs must be strong; stored costs below the minimum are opened here (and only
    // here and in `rekeyVault`) so that an old weak vault can be raised.
    try checkVaultCosts(costs)
    let key = try unwrap(stored, passphrase: old)
    let wrapped = try wrap(key, passphrase: new, parameters: costs, random: random)
    try vaultWrite { db in
      try Self.replaceKeyRow(
        with: wrapped, costs: costs, replacing: stored.sealed, at: at, changed: "passphrase",
        in: db)
      try Self.upgradeLegacyRows(key: key, at: at, operatorName: operatorName, in: db)
      try Self.audit(
        AuditEvent(
          action: .vaultPassphraseChanged, outcome: .success,
          detail: "vault passphrase changed (scrypt N = \(costs.n), r = \(costs.r), p = \(costs.p))"
        ),
        at: at, operatorName: operatorName, in: db)
    }
  }

  /// Every secret in the vault, decrypted, for `vault export`; records the export.
  public func exportVault(key: VaultKey, at: Int64, operatorName: String) throws(VaultError)
    -> [VaultExportEntry]
  {
    let rows = try vaultRead { db in
      try Row.fetchAll(db, sql: Self.secretRowsSQL + " ORDER BY v.id")
    }
    var entries: [VaultExportEntry] = []
    for row in rows {
      let secret = try Self.openRow(row, key: key)
      let kind: String = row["kind"]
      entries.append(
        VaultExportEntry(
          kind: kind,
          serial: (kind == "enrollment" ? row["enrollment_serial"] : row["serial"]) ?? "",
          enrollmentId: row["enrollment_id"], user: row["enrollment_user"] ?? row["assigned_user"],
          service: row["enrollment_service"], type: row["otp_type"], algorithm: row["algorithm"],
          digits: row["digits"], period: row["period"], manufacturer: row["manufacturer"],
          secret: secret))
    }
    try vaultWrite { db in
      try Self.upgradeLegacyRows(key: key, at: at, operatorName: operatorName, in: db)
      try Self.audit(
        AuditEvent(
          action: .vaultExport, outcome: .success, detail: "\(entries.count) vault entries exported"
        ),
        at: at, operatorName: operatorName, in: db)
    }
    return entries
  }

  // MARK: - Internals shared by the vault files

  /// Runs `body` in one `BEGIN IMMEDIATE` transaction, keeping vault errors as they are.
  func vaultWrite<T>(_ body: @escaping (Database) throws -> T) throws(VaultError) -> T {
    do {
      return try immediateTransaction(body)
    } catch {
      throw VaultError.wrap(error, path: path)
    }
  }

  func vaultRead<T>(_ body: (Database) throws -> T) throws(VaultError) -> T {
    do { return try pool.read(body) } catch { throw VaultError.wrap(error, path: path) }
  }

  private static func parameters(of row: Row) -> VaultParameters {
    VaultParameters(
      n: UInt64(row["scrypt_n"] as Int64), r: UInt64(row["scrypt_r"] as Int64),
      p: UInt64(row["scrypt_p"] as Int64))
  }

  /// The vault row: costs, salt and the sealed data key.
  func storedKey() throws(VaultError) -> (
    parameters: VaultParameters, salt: [UInt8], nonce: Data, sealed: Data
  ) {
    let row = try vaultRead { db in try Row.fetchOne(db, sql: "SELECT * FROM vault WHERE id = 1") }
    guard let row else { throw .notInitialised }
    return (
      Self.parameters(of: row), [UInt8](row["salt"] as Data), row["key_nonce"], row["wrapped_key"]
    )
  }

  /// Opens the sealed data key with the passphrase; nothing is written.
  func unwrap(
    _ stored: (parameters: VaultParameters, salt: [UInt8], nonce: Data, sealed: Data),
    passphrase: Secret
  ) throws(VaultError) -> VaultKey {
    var wrappingKey = try VaultCrypto.wrappingKey(
      passphrase: passphrase, salt: stored.salt, parameters: stored.parameters)
    defer { SecureBytes.zero(&wrappingKey) }
    guard
      var dataKey = VaultCrypto.open(
        nonce: stored.nonce, sealed: stored.sealed, key: wrappingKey,
        associatedData: VaultCrypto.keyAD(parameters: stored.parameters, salt: stored.salt))
    else { throw .wrongPassphrase }
    defer { SecureBytes.zero(&dataKey) }
    return VaultKey(dataKey: Secret(dataKey), parameters: stored.parameters)
  }

  /// Replaces the wrapped key row, but only if it still holds `replacing` (what this operator
  /// unwrapped): another operator's change in between refuses the write, naming what
  /// `changed` ("passphrase", "key"), and the caller's transaction changes nothing.
  static func replaceKeyRow(
    with wrapped: (salt: Data, nonce: Data, sealed: Data), costs: VaultParameters,
    replacing: Data, at: Int64, changed: String, in db: Database
  ) throws {
    try db.execute(
      sql: """
        UPDATE vault SET scrypt_n = ?, scrypt_r = ?, scrypt_p = ?, salt = ?, key_nonce = ?,
          wrapped_key = ?, updated_at = ? WHERE id = 1 AND wrapped_key = ?
        """,
      arguments: [
        Int64(costs.n), Int64(costs.r), Int64(costs.p), wrapped.salt, wrapped.nonce,
        wrapped.sealed, at, replacing,
      ])
    guard db.changesCount == 1 else {
      throw VaultError.invalidParameters(
        "another operator changed the vault \(changed) at the same time; nothing was changed, try again"
      )
    }
  }

  /// Seals the data key under scrypt(passphrase) with a fresh salt.
  func wrap(
    _ key: VaultKey, passphrase: Secret, parameters: VaultParameters, random: any RandomSource
  )
    throws(VaultError) -> (salt: Data, nonce: Data, sealed: Data)
  {
    let salt: [UInt8]
    do { salt = try random.bytes(VaultCrypto.saltLength) } catch {
      throw .crypto("random: \(error)")
    }
    var wrappingKey = try VaultCrypto.wrappingKey(
      passphrase: passphrase, salt: salt, parameters: parameters)
    defer { SecureBytes.zero(&wrappingKey) }
    var dataKey = key.dataKey.revealedBytes()
    defer { SecureBytes.zero(&dataKey) }
    let sealed = try VaultCrypto.seal(
      dataKey, key: wrappingKey,
      associatedData: VaultCrypto.keyAD(parameters: parameters, salt: salt),
      random: random)
    return (Data(salt), sealed.nonce, sealed.sealed)
  }
}
