import Foundation
import GRDB
import OTP
import Registry
import SeedFiles
import Testing
import TokenCrypto

/// The vault on real SQLite files: passphrase checks that change nothing, re-wrapping, blobs
/// bound to their row, factory seeds, audit rows without secrets.
@Suite struct VaultTests {
  /// Cheap scrypt costs: the tests check behaviour, not cost.
  static let cheap = VaultParameters(n: 16, r: 1, p: 1)
  static let passphrase = Secret(Array("violet anchor mirrors quietly".utf8))

  /// The database and its WAL, the bytes a passphrase check must leave alone.
  static func storedBytes(_ file: RegistryFile) -> Data {
    var data = Data()
    for suffix in ["", "-wal"] {
      if let chunk = FileManager.default.contents(atPath: file.path + suffix) { data.append(chunk) }
    }
    return data
  }

  static func makeVault(_ file: RegistryFile) throws -> (Registry, VaultKey) {
    let registry = try file.open()
    let key = try registry.initialiseVault(
      passphrase: passphrase, parameters: cheap, at: 100, operatorName: "op")
    return (registry, key)
  }

  @Test func aWrongPassphraseIsRefusedAndChangesNothing() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let secret = Secret(try SystemRandom().bytes(20))
    _ = try registry.recordBurn(
      burnRecord(secret: secret), keeping: secret, key: key, at: 101, operatorName: "op")
    let before = Self.storedBytes(file)
    let wrong = Secret(Array("violet anchor mirrors quietl".utf8))
    #expect(throws: VaultError.wrongPassphrase) { try registry.unlockVault(passphrase: wrong) }
    #expect(throws: VaultError.wrongPassphrase) {
      try registry.checkVault(passphrase: wrong, at: 102, operatorName: "op")
    }
    #expect(throws: VaultError.wrongPassphrase) {
      try registry.changeVaultPassphrase(
        from: wrong, to: Secret(Array("a brand new passphrase".utf8)), at: 103, operatorName: "op")
    }
    #expect(Self.storedBytes(file) == before)
    // The right one still works afterwards.
    #expect(try registry.checkVault(passphrase: Self.passphrase, at: 104, operatorName: "op") == 1)
  }

  @Test func initialisingTwiceIsRefused() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, _) = try Self.makeVault(file)
    #expect(throws: VaultError.alreadyInitialised) {
      try registry.initialiseVault(
        passphrase: Self.passphrase, parameters: Self.cheap, at: 1, operatorName: "op")
    }
    #expect(try registry.vaultStatus()?.parameters == Self.cheap)
    let fresh = RegistryFile()
    defer { fresh.cleanUp() }
    #expect(try fresh.open().vaultStatus() == nil)
    #expect(throws: VaultError.notInitialised) {
      try fresh.open().unlockVault(passphrase: Self.passphrase)
    }
  }

  @Test func aKeptSecretComesBackAfterAPassphraseChangeAndIsNotOnDisk() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let bytes = try SystemRandom().bytes(20)
    let secret = Secret(bytes)
    let (enrollment, _) = try registry.recordBurn(
      burnRecord(secret: secret), keeping: secret, key: key, at: 101, operatorName: "op")
    #expect(try registry.hasVaultSecret(forEnrollment: enrollment.id))

    let newPassphrase = Secret(Array("another passphrase".utf8))
    let stronger = VaultParameters(n: 32, r: 2, p: 1)
    try registry.changeVaultPassphrase(
      from: Self.passphrase, to: newPassphrase, parameters: stronger, at: 102, operatorName: "op")
    #expect(throws: VaultError.wrongPassphrase) {
      try registry.unlockVault(passphrase: Self.passphrase)
    }
    let unlocked = try registry.unlockVault(passphrase: newPassphrase)
    #expect(unlocked.parameters == stronger)
    let kept = try registry.vaultSecret(
      forEnrollment: enrollment.id, key: unlocked, at: 103, operatorName: "op")
    #expect(kept.secret.revealedBytes() == bytes)

    _ = try registry.integrityCheck()
    let disk = Self.storedBytes(file)
    #expect(disk.range(of: Data(bytes)) == nil)
    #expect(disk.range(of: Data(Base32.encode(bytes).utf8)) == nil)
    #expect(disk.range(of: Data(bytes.map { String(format: "%02x", $0) }.joined().utf8)) == nil)
    let actions = try registry.history().map(\.action)
    #expect(
      actions == ["vault_init", "burn", "vault_keep", "vault_passphrase_changed", "vault_read"])
  }

  @Test func aTamperedBlobIsRefused() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let secret = Secret(try SystemRandom().bytes(20))
    let (enrollment, _) = try registry.recordBurn(
      burnRecord(secret: secret), keeping: secret, key: key, at: 101, operatorName: "op")
    try DatabaseQueue(path: file.path).write { db in
      let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM vault_secret")!
      var flipped = [UInt8](sealed)
      flipped[3] ^= 0x01
      try db.execute(sql: "UPDATE vault_secret SET sealed = ?", arguments: [Data(flipped)])
    }
    #expect(throws: VaultError.damaged("enrollment #\(enrollment.id)")) {
      try registry.vaultSecret(forEnrollment: enrollment.id, key: key, at: 102, operatorName: "op")
    }
    #expect(throws: VaultError.damaged("enrollment #\(enrollment.id)")) {
      try registry.checkVault(passphrase: Self.passphrase, at: 103, operatorName: "op")
    }
    // Altered settings are caught too: they are part of the associated data.
    let file2 = RegistryFile()
    defer { file2.cleanUp() }
    let (registry2, key2) = try Self.makeVault(file2)
    let (other, _) = try registry2.recordBurn(
      burnRecord(secret: secret), keeping: secret, key: key2, at: 101, operatorName: "op")
    try DatabaseQueue(path: file2.path).write { db in
      try db.execute(sql: "UPDATE vault_secret SET period = 60")
    }
    #expect(throws: VaultError.damaged("enrollment #\(other.id)")) {
      try registry2.vaultSecret(forEnrollment: other.id, key: key2, at: 102, operatorName: "op")
    }
  }

  @Test func blobsAreNotInterchangeableBetweenEnrollments() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let alice = Secret(try SystemRandom().bytes(20))
    let bob = Secret(try SystemRandom().bytes(20))
    let (a, _) = try registry.recordBurn(
      burnRecord(user: "alice", serial: "8659632000001", secret: alice), keeping: alice, key: key,
      at: 101, operatorName: "op")
    let (b, _) = try registry.recordBurn(
      burnRecord(user: "bob", serial: "8659632000002", secret: bob), keeping: bob, key: key,
      at: 102, operatorName: "op")
    // Copy alice's ciphertext onto bob's row: an attacker with write access wants bob's token
    // re-burned with alice's secret.
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(
        sql: """
          UPDATE vault_secret SET nonce = (SELECT nonce FROM vault_secret WHERE enrollment_id = ?),
            sealed = (SELECT sealed FROM vault_secret WHERE enrollment_id = ?) WHERE enrollment_id = ?
          """, arguments: [a.id, a.id, b.id])
    }
    #expect(throws: VaultError.damaged("enrollment #\(b.id)")) {
      try registry.vaultSecret(forEnrollment: b.id, key: key, at: 103, operatorName: "op")
    }
    #expect(
      try registry.vaultSecret(forEnrollment: a.id, key: key, at: 104, operatorName: "op").secret
        == alice)
    #expect(throws: VaultError.registry(.noSuchEnrollment(999))) {
      try registry.vaultSecret(forEnrollment: 999, key: key, at: 105, operatorName: "op")
    }
    let (plain, _) = try registry.recordBurn(
      burnRecord(user: "carol", serial: "8659632000003"), at: 106, operatorName: "op")
    #expect(try !registry.hasVaultSecret(forEnrollment: plain.id))
    #expect(throws: VaultError.noSecret(enrollment: plain.id)) {
      try registry.vaultSecret(forEnrollment: plain.id, key: key, at: 107, operatorName: "op")
    }
  }

  @Test func aLostTokensSecretIsOfferedForReburn() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let secret = Secret(try SystemRandom().bytes(20))
    let (first, _) = try registry.recordBurn(
      burnRecord(secret: secret), keeping: secret, key: key, at: 101, operatorName: "op")
    #expect(try registry.reburnCandidates(user: "alice", service: "Jira").isEmpty)
    _ = try registry.markLost(first.id, reason: "train", at: 102, operatorName: "op")
    #expect(try registry.reburnCandidates(user: "alice", service: "Jira").map(\.id) == [first.id])
    #expect(try registry.reburnCandidates(user: "alice", service: "Wiki").isEmpty)
    let taken = try registry.vaultSecret(
      forEnrollment: first.id, key: key, at: 103, operatorName: "op")
    let (second, outcome) = try registry.recordBurn(
      burnRecord(serial: "8659632000009", secret: taken.secret), keeping: taken.secret, key: key,
      at: 104, operatorName: "op")
    #expect(outcome == .replacedLost(first.id))
    #expect(second.secretFingerprint == first.secretFingerprint)
    #expect(
      try registry.vaultSecret(forEnrollment: second.id, key: key, at: 105, operatorName: "op")
        .secret == secret)
    // Keeping a different secret than the one recorded is refused.
    #expect(throws: VaultError.self) {
      try registry.recordBurn(
        burnRecord(secret: secret), keeping: Secret([1, 2, 3]), key: key, at: 106,
        operatorName: "op")
    }
  }

  @Test func factorySeedsImportListRegister() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let totpBytes = try SystemRandom().bytes(20)
    let seeds = [
      SeedFileEntry(
        serial: "60001", secret: Secret(totpBytes), type: "totp", algorithm: "sha1", digits: 6,
        period: 30, manufacturer: "Token2"),
      SeedFileEntry(
        serial: "60002", secret: Secret(try SystemRandom().bytes(20)), type: "hotp",
        algorithm: "sha1", digits: 6, period: 30),
    ]
    let first = try registry.importFactorySeeds(
      seeds, key: key, source: "batch.csv", at: 101, operatorName: "op")
    #expect(first.imported == ["60001", "60002"] && first.skipped.isEmpty)
    let again = try registry.importFactorySeeds(
      seeds, key: key, source: "batch.csv", at: 102, operatorName: "op")
    #expect(again.imported.isEmpty && again.skipped.map(\.serial) == ["60001", "60002"])
    #expect(try registry.factorySeeds().map(\.serial) == ["60001", "60002"])
    #expect(try registry.vaultStatus()?.factorySeeds == 2)

    let registered = try registry.registerFactoryToken(
      serial: "60001", user: "carol", service: "Confluence", account: nil, key: key, at: 103,
      operatorName: "op")
    #expect(registered.seed.secret.revealedBytes() == totpBytes)
    #expect(registered.enrollment.secretFingerprint == SecretFingerprint.of(Secret(totpBytes)))
    #expect(registered.enrollment.serial == "60001" && registered.outcome == .enrolled)
    #expect(try registry.factorySeeds().first?.enrollmentId == registered.enrollment.id)
    #expect(throws: VaultError.self) {
      try registry.registerFactoryToken(
        serial: "60002", user: "dave", service: nil, account: nil, key: key, at: 104,
        operatorName: "op")
    }
    #expect(throws: VaultError.noFactorySeed(serial: "99999")) {
      try registry.factorySeed(serial: "99999", key: key, at: 105, operatorName: "op")
    }
    // A seed's blob moved to another serial does not open.
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(sql: "UPDATE vault_secret SET serial = '60003' WHERE serial = '60002'")
    }
    #expect(throws: VaultError.damaged("factory token 60003")) {
      try registry.factorySeed(serial: "60003", key: key, at: 106, operatorName: "op")
    }
    let history = try registry.history()
    #expect(
      history.map(\.action) == ["vault_init", "seeds_imported", "seeds_imported", "register"])
    let everything =
      history.map(\.detail).joined() + String(decoding: Self.storedBytes(file), as: UTF8.self)
    #expect(!everything.contains(Base32.encode(totpBytes)))
  }

  @Test func exportDecryptsEverythingAndIsAudited() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    let secret = Secret(try SystemRandom().bytes(32))
    _ = try registry.recordBurn(
      burnRecord(secret: secret), keeping: secret, key: key, at: 101, operatorName: "op")
    _ = try registry.importFactorySeeds(
      [
        SeedFileEntry(
          serial: "70001", secret: Secret(try SystemRandom().bytes(20)), type: "totp",
          algorithm: "sha256", digits: 8, period: 60)
      ],
      key: key, source: "f.xml", at: 102, operatorName: "op")
    let entries = try registry.exportVault(key: key, at: 103, operatorName: "op")
    #expect(entries.map(\.kind) == ["enrollment", "factory_seed"])
    #expect(
      entries[0].secret == secret && entries[0].user == "alice"
        && entries[0].serial == "8659632000001")
    #expect(entries[1].algorithm == "sha256" && entries[1].digits == 8 && entries[1].period == 60)
    #expect(try registry.history().last?.action == "vault_export")
  }

  @Test func anEnrollmentAndItsVaultCopyCommitTogetherOrNotAtAll() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(
        sql:
          "CREATE TRIGGER fail_vault BEFORE INSERT ON vault_secret BEGIN SELECT RAISE(ABORT, 'injected'); END"
      )
    }
    let secret = Secret(try SystemRandom().bytes(20))
    #expect(throws: VaultError.self) {
      try registry.recordBurn(
        burnRecord(secret: secret), keeping: secret, key: key, at: 101, operatorName: "op")
    }
    #expect(try registry.enrollments().isEmpty)
    #expect(try registry.history().map(\.action) == ["vault_init"])
  }

  @Test func anImportIsAllOrNothing() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try Self.makeVault(file)
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(
        sql: """
          CREATE TRIGGER fail_third BEFORE INSERT ON vault_secret WHEN NEW.serial = '80003'
          BEGIN SELECT RAISE(ABORT, 'injected'); END
          """)
    }
    let seeds = (1...4).map { index in
      SeedFileEntry(
        serial: "8000\(index)", secret: Secret(Array(repeating: UInt8(index), count: 20)),
        type: "totp", algorithm: "sha1", digits: 6, period: 30)
    }
    #expect(throws: VaultError.self) {
      try registry.importFactorySeeds(seeds, key: key, source: "f.csv", at: 101, operatorName: "op")
    }
    #expect(try registry.factorySeeds().isEmpty)
    #expect(try registry.history().map(\.action) == ["vault_init"])
  }
}
