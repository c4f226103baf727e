import BackupSheets
import Foundation
import OTP
import Registry
import Synchronization
import Token2
import TokenCrypto
import Wizard

/// The registry as the wizard uses it: the enrollment of a burned token, its backup code
/// hashes, and audit rows for failed burns. Opened on first use, so a wizard that never burns
/// creates no file. Called from background threads (`Registry` is `Sendable`; SQLite
/// serialises writers, and a busy database waits, then fails with a sentence). Everything but
/// the vault goes through `store()`, the `RegistryStore` port.
final class RegistryDriver: Sendable {
  let path: String
  let operatorName: String
  /// Told of each enrollment the wizard records (burned or factory-seeded).
  let sink: any EnrollmentSink
  private let opened = Mutex<Registry?>(nil)
  /// The unlocked vault key, held from the passphrase until the enrollment that needs it is
  /// recorded (RegistryDriver+Vault.swift).
  let heldVaultKey = Mutex<VaultKey?>(nil)

  /// A driver for the registry at `path`, writing `operatorName` into the audit log.
  init(path: String, operatorName: String, sink: any EnrollmentSink = NoEnrollmentSink()) {
    self.path = path
    self.operatorName = operatorName
    self.sink = sink
  }

  /// The registry, opened once. With `create` false (the tasks that only read or check), a
  /// registry that does not exist yet is `RegistryError.noRegistry`, and no file is made.
  func registry(create: Bool = true) throws(RegistryError) -> Registry {
    try opened.withLock { (registry: inout Registry?) throws(RegistryError) -> Registry in
      if let registry { return registry }
      let fresh = try Registry(path: path, create: create)
      registry = fresh
      return fresh
    }
  }

  /// The registry as a store, for everything that is not the vault.
  func store(create: Bool = true) throws(RegistryError) -> any RegistryStore {
    try registry(create: create)
  }

  /// Records a confirmed burn as an enrollment (or a re-burn of one), never the secret; with
  /// `keepsSecret`, an encrypted copy goes into the vault under the held key, which is then
  /// forgotten.
  func record(_ order: BurnRecordOrder) -> Result<RecordedEnrollment, DriverFailure> {
    do {
      var vaultKey: VaultKey?
      if order.keepsSecret {
        guard let key = heldVaultKey.withLock({ $0 }) else {
          return .failure(.vaultLockedBeforeRecording)
        }
        vaultKey = key
      }
      let recorder = BurnRecorder(
        registry: try registry(), operatorName: operatorName, user: order.user,
        service: order.service.isEmpty ? nil : order.service, account: order.account,
        vaultKey: vaultKey,
        sink: sink)
      let (enrollment, outcome) = try recorder.recordSuccess(order.report, secret: order.secret)
      if order.keepsSecret { lockVault() }
      let kept = order.keepsSecret ? "; its key is kept in the vault" : ""
      return .success(
        RecordedEnrollment(id: enrollment.id, summary: outcome.summary(enrollment) + kept))
    } catch let error as OperatorError {
      return .failure(.registryRefused(error.message))
    } catch {
      return .failure(.registryRefused("\(error)"))
    }
  }

  /// Draws `count` codes and stores their salted scrypt hashes as the enrollment's new set.
  func issueCodes(enrollmentID: Int64, count: Int) -> Result<[BackupCode], DriverFailure> {
    do {
      let random = SystemRandom()
      let codes = try BackupCode.generate(count: count, using: random)
      let hashes = try codes.map { code throws(CryptoError) in
        try BackupCodeHash.make(code, salt: try random.bytes(BackupCodeHash.saltLength))
      }
      _ = try store().issueBackupCodes(
        enrollmentID: enrollmentID, hashes: hashes, at: unixNow(), operatorName: operatorName)
      return .success(codes)
    } catch let error as RegistryError {
      return .failure(Self.failure(error))
    } catch {
      return .failure(.backupCodesNotMade("\(error)"))
    }
  }

  /// Checks a backup code for `user` (a good one is used up); the rate limit is a verdict, a
  /// busy or unreadable registry a failure. The code never appears in the result.
  func verify(_ code: BackupCode, user: String) -> Result<BackupCodeVerdict, DriverFailure> {
    do {
      let verification = try store(create: false).verifyBackupCode(
        code, user: user, at: unixNow(), operatorName: operatorName)
      switch verification {
      case .accepted(let enrollment, let position, let remaining):
        return .success(
          .accepted(position: position, remaining: remaining, serial: enrollment.serial))
      case .rejected(let attemptsLeft):
        return .success(.refused(attemptsLeft: attemptsLeft))
      }
    } catch {
      if case .rateLimited(_, let retryAfter) = error {
        return .success(.rateLimited(retryAfter: retryAfter))
      }
      return .failure(Self.failure(error))
    }
  }

  /// The user's one active token (for `service` when given), or why there is not one.
  func tokenToReplace(user: String, service: String?) -> Result<
    TokenToReplace, ReplaceLookupFailure
  > {
    do {
      let store = try store(create: false)
      guard !(try store.enrollments(user: user, status: nil)).isEmpty else {
        return .failure(.unknownUser)
      }
      let found = try store.activeEnrollment(user: user, service: service)
      let kept = (try? registry(create: false).hasVaultSecret(forEnrollment: found.id)) ?? false
      return .success(
        TokenToReplace(
          enrollmentID: found.id, serial: found.serial, service: found.service, hasVaultKey: kept))
    } catch {
      switch error {
      case .noActiveEnrollment: return .failure(.noActiveToken)
      case .noRegistry: return .failure(.unknownUser)
      case .ambiguousEnrollment:
        let active = (try? store().enrollments(user: user, status: .active)) ?? []
        return .failure(
          .severalTokens(services: active.map { "\($0.service ?? "no service") #\($0.id)" }))
      default: return .failure(.registry(error.description))
      }
    }
  }

  /// Marks the enrollment lost with `reason`; its unused backup codes are revoked.
  func markLost(_ id: Int64, reason: String) -> Result<TokenToReplace, DriverFailure> {
    do {
      let lost = try store().markLost(id, reason: reason, at: unixNow(), operatorName: operatorName)
      let kept = (try? registry().hasVaultSecret(forEnrollment: lost.id)) ?? false
      return .success(
        TokenToReplace(
          enrollmentID: lost.id, serial: lost.serial, service: lost.service, hasVaultKey: kept))
    } catch {
      return .failure(Self.failure(error))
    }
  }

  /// The sheet as `tokenburner codes generate` prints it (enrollment, operator, "used" boxes);
  /// the wizard's own plain layout when the enrollment cannot be read.
  func sheetText(_ sheet: BackupSheet) -> String {
    guard let id = sheet.enrollmentID, let enrollment = try? store().enrollment(id) else {
      return sheet.lines.joined(separator: "\n") + "\n"
    }
    return BackupCodeSheet(
      enrollment: enrollment, codes: sheet.codes, issuedAt: sheet.issuedAt,
      operatorName: operatorName, serviceRecoveryKey: nil
    ).text
  }

  /// Appends an audit row for a burn that did not confirm the seed. A registry failure here
  /// only loses the row: the screen already tells the operator what happened.
  func auditFailure(user: String, failure: Token2Failure) {
    try? store().audit(
      BurnRecorder.failedBurn(
        user: user.isEmpty ? nil : user, leaving: failure.state, detail: failure.description),
      at: unixNow(), operatorName: operatorName)
  }

  /// A registry error as the wizard's failure: busy, rate-limited, unreadable, or refused,
  /// with the registry's sentence.
  static func failure(_ error: RegistryError) -> DriverFailure {
    switch error {
    case .busy: .registryBusy(error.description)
    case .rateLimited: .registryRateLimited(error.description)
    case .cannotOpen, .notARegistry, .unsafe, .noRegistry, .untrusted:
      .registryUnreadable(error.description)
    case .noSuchEnrollment, .noActiveEnrollment, .ambiguousEnrollment, .notActive, .refused,
      .enrolledConcurrently, .database:
      .registryRefused(error.description)
    }
  }
}
