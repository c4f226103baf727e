import Canvas
import Foundation
import OTP
import Runtime
import Token2
import TokenCrypto
import Wizard

/// Runs each effect's work at once, on the loop's thread: its result is the next event.
struct InlineExecutor: EffectExecutor {
  func execute(_ work: @escaping @Sendable () -> Void) { work() }
}

/// Signals raised by the test instead of the process's.
final class FakeSignals: SignalPort, @unchecked Sendable {
  private let lock = NSLock()
  private var queue: EventQueue?
  private var pending: Int32?
  private(set) var installs = 0
  private(set) var uninstalls = 0

  func install(waking queue: EventQueue) {
    lock.withLock {
      self.queue = queue
      installs += 1
    }
  }

  func uninstall() {
    lock.withLock {
      queue = nil
      uninstalls += 1
    }
  }

  func take() -> Int32? {
    lock.withLock {
      defer { pending = nil }
      return pending
    }
  }

  /// Delivers `signal` as the handler would: noted, and the loop woken.
  func raise(_ signal: Int32) {
    let queue = lock.withLock {
      pending = signal
      return self.queue
    }
    queue?.wake()
  }
}

/// A host with no files, no printer and the system's random bytes.
struct FakeHost: HostPort {
  func recentImages() -> [String] { [] }
  func completions(of prefix: String) -> [String] { [] }
  func expandTilde(_ path: String) -> String { path }
  func generateSecret(count: Int) -> Result<Secret, DriverFailure> {
    .failure(.randomSourceFailed("no random source in this test"))
  }
  func save(_ text: String, fileName: String) -> Result<String, DriverFailure> {
    .failure(.saveFailed("no files in this test"))
  }
  func printSheet(_ text: String) -> Result<String, DriverFailure> {
    .failure(.printerNotStarted)
  }
  func serial(inImageAt path: String) -> Result<String, DriverFailure> {
    .failure(.serialNotFound("no images in this test"))
  }
}

/// A registry in memory: records what it is asked to, and fails `record` when told to.
final class FakeRegistry: RegistryPort, @unchecked Sendable {
  private let lock = NSLock()
  private var orders: [BurnRecordOrder] = []
  private var issued: [Int64] = []
  /// The sentence `record` fails with, if it should.
  let recordFailure: String?

  init(recordFailure: String? = nil) { self.recordFailure = recordFailure }

  var recordedOrders: [BurnRecordOrder] { lock.withLock { orders } }
  var issuedFor: [Int64] { lock.withLock { issued } }

  func record(_ order: BurnRecordOrder) -> Result<RecordedEnrollment, DriverFailure> {
    if let recordFailure { return .failure(.registryBusy(recordFailure)) }
    let id = lock.withLock {
      orders.append(order)
      return Int64(orders.count)
    }
    return .success(RecordedEnrollment(id: id, summary: "enrollment #\(id) created"))
  }

  func auditFailure(user: String, failure: Token2Failure) {}

  func issueCodes(enrollmentID: Int64, count: Int) -> Result<[BackupCode], DriverFailure> {
    lock.withLock { issued.append(enrollmentID) }
    do {
      return .success(try BackupCode.generate(count: count, using: SystemRandom()))
    } catch {
      return .failure(.backupCodesNotMade("\(error)"))
    }
  }

  func verify(_ code: BackupCode, user: String) -> Result<BackupCodeVerdict, DriverFailure> {
    .success(.refused(attemptsLeft: 4))
  }
  func tokenToReplace(user: String, service: String?) -> Result<
    TokenToReplace, ReplaceLookupFailure
  > { .failure(.unknownUser) }
  func markLost(_ id: Int64, reason: String) -> Result<TokenToReplace, DriverFailure> {
    .failure(.registryRefused("nothing to mark"))
  }
  func sheetText(_ sheet: BackupSheet) -> String { sheet.lines.joined(separator: "\n") }
  func vaultAvailability() -> VaultAvailability { .absent }
  func unlockVault(_ passphrase: Secret) -> Result<Unlocked, VaultFailure> {
    .failure(.locked)
  }
  func takeVaultKey(enrollmentID: Int64, passphrase: Secret?) -> Result<VaultedKey, VaultFailure> {
    .failure(.locked)
  }
  func factorySeed(serial: String, passphrase: Secret?) -> Result<VaultedKey, VaultFailure> {
    .failure(.locked)
  }
  func registerFactoryToken(_ registration: FactoryRegistration) -> Result<
    RecordedEnrollment, DriverFailure
  > { .failure(.vaultLockedBeforeRegistration) }
  func lockVault() {}
}
