import Foundation
import OTP
import Registry
import SeedFiles
import Synchronization
import Testing
import TokenCrypto

@testable import Token2
@testable import Wizard
@testable import tokenburner

/// The wizard's registry driver against real SQLite files: the vault is detected without
/// creating a file, unlocked once, its key held only until the enrollment is recorded, and
/// every failure says whether the vault is still open.
@Suite struct RegistryDriverVaultTests {
  static let passphrase = Secret(Array("correct horse battery".utf8))
  static let wrong = Secret(Array("wrong".utf8))
  /// The lowest costs the shipped program accepts: the driver opens the registry as it does.
  static let cheap = ScryptCost.vaultMinimum
  static let seed = Secret((1...20).map { UInt8($0) })

  /// A driver on a registry path in a fresh directory, with a vault (and `seeds` imported)
  /// unless `vault` is false.
  private func driver(vault: Bool = true, seeds: [SeedFileEntry] = []) throws -> (
    RegistryDriver, Registry?, String
  ) {
    let directory = NSTemporaryDirectory() + "tokenburner-driver-" + UUID().uuidString
    let path = directory + "/registry.sqlite"
    guard vault else { return (RegistryDriver(path: path, operatorName: "op"), nil, directory) }
    let registry = try Registry(path: path)
    let key = try registry.initialiseVault(
      passphrase: Self.passphrase, parameters: Self.cheap, at: 1, operatorName: "op")
    if !seeds.isEmpty {
      _ = try registry.importFactorySeeds(
        seeds, key: key, source: "batch.csv", at: 2, operatorName: "op")
    }
    return (RegistryDriver(path: path, operatorName: "op"), registry, directory)
  }

  private func seed(
    _ serial: String = "8651000042", type: String = "totp", algorithm: String = "sha1",
    digits: Int = 6
  ) -> SeedFileEntry {
    SeedFileEntry(
      serial: serial, secret: Self.seed, type: type, algorithm: algorithm, digits: digits,
      manufacturer: "Feitian")
  }

  private func report(serial: String) -> BurnReport {
    let identity = TokenIdentity(info: TokenInfo(serial: serial, tokenTime: 1_000), hostTime: 1_000)
    return BurnReport(
      before: identity, after: identity, algorithm: .sha1, period: .seconds30,
      displayTimeout: .seconds30,
      writtenTime: 1_000, apduCount: 6, recoveries: [])
  }

  private func heldKey(_ driver: RegistryDriver) -> Bool {
    driver.heldVaultKey.withLock { $0 } != nil
  }

  @Test func availabilityCreatesNoFileAndSeesTheVault() throws {
    let (absent, _, directory) = try driver(vault: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(absent.vaultAvailability() == .absent)
    #expect(!FileManager.default.fileExists(atPath: absent.path), "asking created no registry")
    let (present, _, other) = try driver()
    defer { try? FileManager.default.removeItem(atPath: other) }
    #expect(present.vaultAvailability() == .initialised)
  }

  @Test func aWrongPassphraseHoldsNoKeyAndTheRightOneDoes() throws {
    let (driver, _, directory) = try driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(
      driver.unlockVault(Self.wrong)
        == .failure(
          .notUnlocked("wrong vault passphrase; nothing was changed.")))
    #expect(!heldKey(driver))
    #expect(driver.unlockVault(Self.passphrase) == .success(Unlocked()))
    #expect(heldKey(driver))
    #expect(driver.unlockVault(Self.wrong).failure != nil)
    #expect(!heldKey(driver), "a failed unlock drops the key held before")
  }

  @Test func aFactorySeedIsFoundAndAMissingSerialKeepsTheVaultOpen() throws {
    let (driver, _, directory) = try driver(seeds: [seed(), seed("8651000043", digits: 8)])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(
      driver.factorySeed(serial: "8651000042", passphrase: nil)
        == .failure(
          .locked))
    let found = try driver.factorySeed(serial: "8651000042", passphrase: Self.passphrase).get()
    #expect(found.secret == Self.seed)
    #expect(found.parameters == TOTPParameters(algorithm: .sha1, digits: 6, period: 30))
    #expect(found.manufacturer == "Feitian")
    let missing = driver.factorySeed(serial: "8651000099", passphrase: nil)
    #expect(missing.failure?.isStillUnlocked == true)
    #expect(missing.failure?.message.contains("factory seed for token 8651000099") == true)
    #expect(
      try driver.factorySeed(serial: "8651000043", passphrase: nil).get().parameters.digits == 8)
  }

  @Test(arguments: [("hotp", "sha1", "counts events (HOTP)"), ("totp", "sha512", "uses sha512")])
  func seedsTheRegistryCannotRecordAreRefused(type: String, algorithm: String, reason: String)
    throws
  {
    let (driver, _, directory) = try driver(seeds: [seed(type: type, algorithm: algorithm)])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = driver.factorySeed(serial: "8651000042", passphrase: Self.passphrase)
    #expect(result.failure?.message.contains(reason) == true)
    #expect(result.failure?.isStillUnlocked == true)
  }

  @Test func registrationNeedsTheHeldKeyAndForgetsIt() throws {
    let (driver, registry, directory) = try driver(seeds: [seed()])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let order = FactoryRegistration(serial: "8651000042", user: "carol", service: "Jira")
    #expect(
      driver.registerFactoryToken(order).failure?.message.contains("the vault is locked") == true)
    _ = driver.factorySeed(serial: "8651000042", passphrase: Self.passphrase)
    let recorded = try driver.registerFactoryToken(order).get()
    #expect(recorded.summary == "enrollment #\(recorded.id) created")
    #expect(!heldKey(driver), "the key is forgotten once recorded")
    let enrollment = try #require(try registry?.enrollment(recorded.id))
    #expect(enrollment.serial == "8651000042")
    #expect(enrollment.user == "carol")
    #expect(enrollment.secretFingerprint == SecretFingerprint.of(Self.seed))
  }

  @Test func aBurnKeptInTheVaultIsTakenOutForTheReplacement() throws {
    let (driver, registry, directory) = try driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let secret = Secret((0..<20).map { UInt8(200 - $0) })
    let order = BurnRecordOrder(
      user: "ann", service: "Jira", account: "ann@example.com",
      report: report(serial: "8659632000001"),
      secret: secret, keepsSecret: true)
    #expect(driver.record(order).failure?.message.contains("the vault is locked") == true)
    #expect(
      try registry?.enrollments(user: "ann").isEmpty == true, "nothing recorded without the key")
    _ = driver.unlockVault(Self.passphrase)
    let recorded = try driver.record(order).get()
    #expect(recorded.summary.hasSuffix("; its key is kept in the vault"))
    #expect(!heldKey(driver))
    let token = try driver.tokenToReplace(user: "ann", service: nil).get()
    #expect(token.hasVaultKey)
    let lost = try driver.markLost(token.enrollmentID, reason: "left on a train").get()
    #expect(lost.hasVaultKey)
    #expect(
      driver.takeVaultKey(enrollmentID: lost.enrollmentID, passphrase: Self.wrong).failure?
        .isStillUnlocked == false)
    let taken = try driver.takeVaultKey(
      enrollmentID: lost.enrollmentID, passphrase: Self.passphrase
    ).get()
    #expect(taken.secret == secret)
    #expect(taken.account == "ann@example.com")
    #expect(taken.parameters == .standard)
  }

  /// The wizard's "same key from the vault" obeys the same rules as `burn --from-vault`: an
  /// enrollment edited to name another user, or one whose fingerprint is not the kept key's,
  /// gives nothing out (and the vault stays open); a re-burn with another key leaves none kept.
  @Test func anEditedOrStaleKeptKeyIsNotTakenOut() throws {
    let (driver, registry, directory) = try driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = driver.unlockVault(Self.passphrase)
    let order = BurnRecordOrder(
      user: "ann", service: "Jira", account: nil, report: report(serial: "8659632000001"),
      secret: Self.seed,
      keepsSecret: true)
    let id = try driver.record(order).get().id
    try sqlite3(driver.path, "UPDATE enrollment SET user = 'mallory' WHERE id = \(id)")
    let edited = driver.takeVaultKey(enrollmentID: id, passphrase: Self.passphrase).failure
    #expect(edited?.message.contains("enrollment #\(id) failed its integrity check") == true)
    #expect(edited?.isStillUnlocked == true)
    try sqlite3(
      driver.path,
      "UPDATE enrollment SET user = 'ann', secret_fingerprint = '00ff00ff00ff00ff' WHERE id = \(id)"
    )
    let mismatched = driver.takeVaultKey(enrollmentID: id, passphrase: nil).failure
    #expect(mismatched?.message.contains("does not match its record") == true)
    try sqlite3(
      driver.path,
      "UPDATE enrollment SET secret_fingerprint = '\(SecretFingerprint.of(Self.seed))' WHERE id = \(id)"
    )
    let reburn = BurnRecordOrder(
      user: "ann", service: "Jira", account: nil, report: report(serial: "8659632000001"),
      secret: Secret(Array(repeating: 9, count: 20)), keepsSecret: false)
    #expect(try driver.record(reburn).get().summary.hasSuffix("re-burned"))
    #expect(try registry?.hasVaultSecret(forEnrollment: id) == false)
  }

  @Test func aBurnNotKeptNeedsNoVault() throws {
    let (driver, _, directory) = try driver(vault: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let order = BurnRecordOrder(
      user: "bob", service: "Acme", account: nil, report: report(serial: "8659632000002"),
      secret: Self.seed, keepsSecret: false)
    #expect(try driver.record(order).get().summary.hasSuffix("created"))
    #expect(try driver.tokenToReplace(user: "bob", service: nil).get().hasVaultKey == false)
  }
}

/// Runs one statement with the `sqlite3` tool, as someone with write access to the file would.
private func sqlite3(_ path: String, _ sql: String) throws {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = [path, sql]
  try process.run()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
}

extension Result {
  /// The failure, if this is one.
  var failure: Failure? {
    if case .failure(let failure) = self { failure } else { nil }
  }
}
