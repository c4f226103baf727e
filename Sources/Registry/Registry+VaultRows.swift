import Foundation
import GRDB
import OTP
import TokenCrypto

/// How a `vault_secret` row is sealed and opened: its associated data in format 1 (kind,
/// enrollment id or serial, settings) or format 2 (also the enrollment's user, service and
/// serial, read from the `enrollment` row the secret belongs to), and the re-sealing of
/// format 1 rows (ADR 0003, addendum).
extension Registry {
  /// Vault rows with what format 2 binds them to. Every read that opens a row uses it.
  static let secretRowsSQL = """
    SELECT v.*, e.user AS enrollment_user, e.service AS enrollment_service, e.serial AS enrollment_serial
    FROM vault_secret v LEFT JOIN enrollment e ON v.enrollment_id = e.id
    """

  /// Decrypts one row of `secretRowsSQL`, checking it belongs where it is.
  static func openRow(_ row: Row, key: VaultKey) throws(VaultError) -> Secret {
    let (what, ad) = describe(row, format: (row["format"] as Int?) ?? 1)
    guard let ad else { throw .damaged(what) }
    return try VaultCrypto.openSecret(
      nonce: row["nonce"], sealed: row["sealed"], key: key, associatedData: ad, what: what)
  }

  /// The row's name for messages and its associated data in `format` (`nil`: no such format).
  private static func describe(_ row: Row, format: Int) -> (what: String, ad: [UInt8]?) {
    let kind: String = row["kind"]
    let isEnrollment = kind == "enrollment"
    let binding =
      isEnrollment ? String(row["enrollment_id"] as Int64) : (row["serial"] as String? ?? "")
    let what = isEnrollment ? "enrollment #\(binding)" : "factory token \(binding)"
    switch format {
    case 1:
      return (
        what,
        VaultCrypto.secretAD(
          kind: kind, binding: binding, type: row["otp_type"], algorithm: row["algorithm"],
          digits: row["digits"], period: row["period"])
      )
    case 2:
      let user: String? = isEnrollment ? row["enrollment_user"] : nil
      let service: String? = isEnrollment ? row["enrollment_service"] : nil
      let serial: String? = isEnrollment ? row["enrollment_serial"] : row["serial"]
      return (
        what,
        VaultCrypto.secretADv2(
          kind: kind, binding: binding, user: user, service: service, serial: serial,
          type: row["otp_type"],
          algorithm: row["algorithm"], digits: row["digits"], period: row["period"])
      )
    default:
      return (what, nil)
    }
  }

  /// Format 2 associated data for a kept secret of `enrollment`.
  static func enrollmentAD(_ enrollment: Enrollment) -> [UInt8] {
    VaultCrypto.secretADv2(
      kind: "enrollment", binding: String(enrollment.id), user: enrollment.user,
      service: enrollment.service,
      serial: enrollment.serial, type: "totp", algorithm: enrollment.algorithm,
      digits: enrollment.digits,
      period: enrollment.period)
  }

  /// Format 2 associated data for a factory seed.
  static func factorySeedAD(
    serial: String, type: String, algorithm: String, digits: Int, period: Int
  ) -> [UInt8] {
    VaultCrypto.secretADv2(
      kind: "factory_seed", binding: serial, user: nil, service: nil, serial: serial, type: type,
      algorithm: algorithm, digits: digits, period: period)
  }

  /// Seals `secret` again for the row it came from, under `key`, in format 2.
  static func reseal(
    _ row: Row, secret: Secret, key: VaultKey, random: any RandomSource, in db: Database
  ) throws {
    guard let ad = describe(row, format: 2).ad else { return }
    let sealed = try VaultCrypto.sealSecret(secret, key: key, associatedData: ad, random: random)
    try db.execute(
      sql: "UPDATE vault_secret SET nonce = ?, sealed = ?, format = 2 WHERE id = ?",
      arguments: [sealed.nonce, sealed.sealed, row["id"] as Int64])
  }

  /// Re-seals every format 1 row in format 2, inside the caller's write with the unlocked key,
  /// with one audit row when there were any. A row that does not open stays as it is, to be
  /// reported as damaged when it is used. It binds the enrollment as it reads now: an edit made
  /// before the upgrade is what format 1 could not see, and stays unseen.
  static func upgradeLegacyRows(
    key: VaultKey, at: Int64, operatorName: String, random: any RandomSource = SystemRandom(),
    in db: Database
  ) throws {
    let rows = try Row.fetchAll(db, sql: secretRowsSQL + " WHERE v.format = 1 ORDER BY v.id")
    var upgraded = 0
    for row in rows {
      guard let secret = try? openRow(row, key: key) else { continue }
      try reseal(row, secret: secret, key: key, random: random, in: db)
      upgraded += 1
    }
    guard upgraded > 0 else { return }
    try audit(
      AuditEvent(
        action: .vaultUpgraded, outcome: .success,
        detail:
          "\(upgraded) vault entries re-sealed in format 2 (bound to their user, service and serial)"
      ),
      at: at, operatorName: operatorName, in: db)
  }
}
