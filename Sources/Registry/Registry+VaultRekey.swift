import Foundation
import GRDB
import OTP
import TokenCrypto

extension Registry {
  /// `vault rekey`: a new random data key; every vault row (kept secrets and factory seeds)
  /// decrypted with the old key and sealed again under the new one (in format 2), and the new
  /// key wrapped under the same passphrase (with a fresh salt, and `parameters` if given), all in
  /// one transaction with an audit row.
  ///
  /// Unlike a passphrase change this protects against someone who kept an old copy of the key
  /// row and knows an old passphrase: the data key that copy unwraps opens no row any more.
  ///
  /// - Returns: how many rows were re-encrypted.
  /// - Throws: `.wrongPassphrase` (nothing changed), `.damaged` naming a row that does not open
  ///   (nothing changed), `.weakParameters`, `.invalidParameters` when another operator changed
  ///   the key at the same time.
  public func rekeyVault(
    passphrase: Secret, parameters: VaultParameters? = nil, at: Int64, operatorName: String,
    random: any RandomSource = SystemRandom()
  ) throws(VaultError) -> Int {
    let stored = try storedKey()
    let costs = parameters ?? stored.parameters
    try checkVaultCosts(costs)
    let old = try unwrap(stored, passphrase: passphrase)
    var fresh: [UInt8]
    do { fresh = try random.bytes(AESGCM.keyLength) } catch { throw .crypto("random: \(error)") }
    defer { SecureBytes.zero(&fresh) }
    let key = VaultKey(dataKey: Secret(fresh), parameters: costs)
    let wrapped = try wrap(key, passphrase: passphrase, parameters: costs, random: random)
    return try vaultWrite { db in
      try Self.replaceKeyRow(
        with: wrapped, costs: costs, replacing: stored.sealed, at: at, changed: "key", in: db)
      let rows = try Row.fetchAll(db, sql: Self.secretRowsSQL + " ORDER BY v.id")
      for row in rows {
        let secret = try Self.openRow(row, key: old)
        try Self.reseal(row, secret: secret, key: key, random: random, in: db)
      }
      try Self.audit(
        AuditEvent(
          action: .vaultRekeyed, outcome: .success,
          detail: "vault data key replaced; \(rows.count) vault entries re-encrypted "
            + "(scrypt N = \(costs.n), r = \(costs.r), p = \(costs.p))"),
        at: at, operatorName: operatorName, in: db)
      return rows.count
    }
  }
}
