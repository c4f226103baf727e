import Foundation
import GRDB
import OTP
import SeedFiles
import Testing
import TokenCrypto

@testable import Registry

/// What the vault guarantees beyond encryption: costs and passphrases worth scrypt, a data key
/// that can be replaced, no stale key kept after a re-burn, and kept keys bound to who they
/// belong to.
@Suite struct VaultGuaranteesTests {
  static let cheap = VaultTests.cheap
  static let passphrase = VaultTests.passphrase

  private func keep(
    _ registry: Registry, _ key: VaultKey, user: String = "alice", serial: String = "8659632000001"
  )
    throws -> (Enrollment, Secret)
  {
    let secret = Secret(try SystemRandom().bytes(20))
    let (enrollment, _) = try registry.recordBurn(
      burnRecord(user: user, serial: serial, secret: secret), keeping: secret, key: key, at: 101,
      operatorName: "op")
    return (enrollment, secret)
  }

  private func edit(_ file: RegistryFile, _ sql: String) throws {
    try DatabaseQueue(path: file.path).write { db in try db.execute(sql: sql) }
  }

  // MARK: - Item 8: costs and passphrases

  @Test func costsBelowTheMinimumAreRefusedOutsideUnitTests() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let shipped = try Registry(path: file.path)
    for weak in [
      VaultParameters(n: 2, r: 1, p: 1), VaultParameters(n: 1 << 14, r: 8, p: 1),
      VaultParameters(n: 1 << 17, r: 4, p: 1),
    ] {
      #expect(throws: VaultError.self) {
        try shipped.initialiseVault(
          passphrase: Self.passphrase, parameters: weak, at: 1, operatorName: "op")
      }
    }
    #expect(try shipped.vaultStatus() == nil, "nothing was written")
    // A header that says N = 16 (written where weak costs are allowed) is refused as weak by the
    // registry the program opens, before scrypt runs, and can be raised with a passphrase change.
    _ = try file.open().initialiseVault(
      passphrase: Self.passphrase, parameters: Self.cheap, at: 1, operatorName: "op")
    #expect {
      try shipped.unlockVault(passphrase: Self.passphrase)
    } throws: { error in
      guard case .weakParameters(let why) = error as? VaultError else { return false }
      return why.contains("N = 16") && why.contains("change-passphrase")
    }
    let newPassphrase = Secret(Array("seven quiet lanterns drift".utf8))
    #expect(throws: VaultError.self) {
      try shipped.changeVaultPassphrase(
        from: Self.passphrase, to: newPassphrase, at: 2, operatorName: "op")
    }
    try shipped.changeVaultPassphrase(
      from: Self.passphrase, to: newPassphrase, parameters: .vaultMinimum, at: 3, operatorName: "op"
    )
    #expect(try shipped.unlockVault(passphrase: newPassphrase).parameters == .vaultMinimum)
  }

  @Test(arguments: [
    "password123", "P@ssw0rd2024!", "Password 2024", "qwertyuiop", "1234567890", "0987654321",
    "aaaaaaaaaaaa",
    "abababababab", "abcabcabcabc", "correct horse battery staple", "Correct-Horse-Battery-Staple",
    "Summer2024!!",
    "iloveyou1234", "letmein12345", "1qaz2wsx3edc", "asdfghjkl;'", "!!!football!!!", "tr0ub4dor&3",
    "Tokenburner2026",
    "short",
  ])
  func commonPassphrasesAreRefused(_ text: String) throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    #expect {
      try registry.initialiseVault(
        passphrase: Secret(Array(text.utf8)), parameters: Self.cheap, at: 1, operatorName: "op")
    } throws: { error in
      guard case .weakPassphrase(let why) = error as? VaultError else { return false }
      return !why.lowercased().contains(text.lowercased())
    }
    #expect(try registry.vaultStatus() == nil)
  }

  @Test(arguments: [
    "violet anchor mirrors quietly", "seven quiet lanterns drift", "k3v9-TQ2m-x8Lp-4wRz",
  ])
  func unusualPassphrasesAreAccepted(_ text: String) throws {
    #expect(throws: Never.self) { try VaultPassphrasePolicy.check(Secret(Array(text.utf8))) }
    #expect(throws: Never.self) {
      try VaultPassphrasePolicy.check(Secret(try SystemRandom().bytes(12).map { 0x61 + $0 % 26 }))
    }
  }

  // MARK: - Item 7: rekey

  @Test func rekeyMakesAnOldCopyOfTheKeyRowUseless() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try VaultTests.makeVault(file)
    let (enrollment, secret) = try keep(registry, key)
    let seed = Secret(try SystemRandom().bytes(20))
    _ = try registry.importFactorySeeds(
      [
        SeedFileEntry(
          serial: "60001", secret: seed, type: "totp", algorithm: "sha1", digits: 6, period: 30)
      ],
      key: key, source: "f.csv", at: 102, operatorName: "op")
    let oldRow = try DatabaseQueue(path: file.path).read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM vault")!
    }
    let later = Secret(Array("a later passphrase here".utf8))
    try registry.changeVaultPassphrase(
      from: Self.passphrase, to: later, at: 103, operatorName: "op")

    // A wrong passphrase changes no byte.
    let before = VaultTests.storedBytes(file)
    #expect(throws: VaultError.wrongPassphrase) {
      try registry.rekeyVault(passphrase: Self.passphrase, at: 104, operatorName: "op")
    }
    #expect(VaultTests.storedBytes(file) == before)

    #expect(try registry.rekeyVault(passphrase: later, at: 105, operatorName: "op") == 2)
    let rekeyed = try registry.unlockVault(passphrase: later)
    #expect(
      try registry.vaultSecret(
        forEnrollment: enrollment.id, key: rekeyed, at: 106, operatorName: "op"
      ).secret == secret)
    #expect(
      try registry.factorySeed(serial: "60001", key: rekeyed, at: 107, operatorName: "op").secret
        == seed)
    #expect(throws: VaultError.damaged("enrollment #\(enrollment.id)")) {
      try registry.vaultSecret(forEnrollment: enrollment.id, key: key, at: 108, operatorName: "op")
    }

    // Put the copied key row back: the old passphrase opens the old data key, which opens nothing.
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(
        sql:
          "UPDATE vault SET salt = ?, key_nonce = ?, wrapped_key = ?, scrypt_n = ?, scrypt_r = ?, scrypt_p = ?",
        arguments: StatementArguments(
          ["salt", "key_nonce", "wrapped_key", "scrypt_n", "scrypt_r", "scrypt_p"].map {
            oldRow[$0] as DatabaseValue
          }))
    }
    let stale = try registry.unlockVault(passphrase: Self.passphrase)
    #expect(throws: VaultError.damaged("enrollment #\(enrollment.id)")) {
      try registry.vaultSecret(
        forEnrollment: enrollment.id, key: stale, at: 109, operatorName: "op")
    }
    #expect(throws: VaultError.damaged("factory token 60001")) {
      try registry.factorySeed(serial: "60001", key: stale, at: 110, operatorName: "op")
    }
    #expect(
      try registry.history().map(\.action).filter { $0.hasPrefix("vault_") }.contains(
        "vault_rekeyed"))
  }

  @Test func aRekeyWithADamagedEntryChangesNothing() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try VaultTests.makeVault(file)
    _ = try keep(registry, key)
    let (second, _) = try keep(registry, key, user: "bob", serial: "8659632000002")
    try edit(file, "UPDATE vault_secret SET period = 60 WHERE enrollment_id = \(second.id)")
    let before = VaultTests.storedBytes(file)
    #expect(throws: VaultError.damaged("enrollment #\(second.id)")) {
      try registry.rekeyVault(passphrase: Self.passphrase, at: 104, operatorName: "op")
    }
    #expect(VaultTests.storedBytes(file) == before)
  }

  // MARK: - Item 9: no stale key, and the fingerprint checked

  @Test func aReburnWithAnotherSecretDeletesTheKeptOne() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try VaultTests.makeVault(file)
    let (enrollment, secret) = try keep(registry, key)
    // A resync with the same secret keeps the copy: it still matches the token.
    let (same, _) = try registry.recordBurn(burnRecord(secret: secret), at: 102, operatorName: "op")
    #expect(same.id == enrollment.id)
    #expect(try registry.hasVaultSecret(forEnrollment: enrollment.id))
    let other = Secret(try SystemRandom().bytes(20))
    let (reburned, outcome) = try registry.recordBurn(
      burnRecord(secret: other), at: 103, operatorName: "op")
    #expect(outcome == .reburned && reburned.id == enrollment.id)
    #expect(try !registry.hasVaultSecret(forEnrollment: enrollment.id))
    #expect(try registry.vaultStatus()?.enrollmentSecrets == 0)
    #expect(
      try registry.history().map(\.action) == [
        "vault_init", "burn", "vault_keep", "burn", "burn", "vault_discard",
      ])
  }

  @Test func aKeptSecretThatDoesNotMatchItsEnrollmentIsRefused() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try VaultTests.makeVault(file)
    let (enrollment, _) = try keep(registry, key)
    try edit(
      file,
      "UPDATE enrollment SET secret_fingerprint = '0011223344556677' WHERE id = \(enrollment.id)")
    let before = VaultTests.storedBytes(file)
    #expect(throws: VaultError.mismatchedSecret(enrollment: enrollment.id)) {
      try registry.vaultSecret(forEnrollment: enrollment.id, key: key, at: 102, operatorName: "op")
    }
    #expect(VaultTests.storedBytes(file) == before, "a refusal writes nothing")
    #expect(
      VaultError.mismatchedSecret(enrollment: 1).description.contains("does not match its record"))
  }

  // MARK: - Item 10: bound to user, service and serial

  @Test(arguments: [
    "UPDATE enrollment SET user = 'mallory'", "UPDATE enrollment SET service = 'Wiki'",
    "UPDATE enrollment SET service = NULL", "UPDATE enrollment SET serial = '8659632000999'",
  ])
  func anEditedEnrollmentNoLongerOpensItsKeptSecret(_ sql: String) throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let (registry, key) = try VaultTests.makeVault(file)
    let (enrollment, _) = try keep(registry, key)
    try edit(file, sql)
    #expect(throws: VaultError.damaged("enrollment #\(enrollment.id)")) {
      try registry.vaultSecret(forEnrollment: enrollment.id, key: key, at: 102, operatorName: "op")
    }
    #expect(throws: VaultError.damaged("enrollment #\(enrollment.id)")) {
      try registry.checkVault(passphrase: Self.passphrase, at: 103, operatorName: "op")
    }
  }

  @Test func aFormatOneRowStillOpensAndIsResealedOnTheNextWrite() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let secret = Secret(try SystemRandom().bytes(20))
    let enrollmentID: Int64
    do {
      // A registry left at v4 by the previous release, with a row sealed the way it sealed them.
      let old = try file.open(upTo: "v4-vault")
      let key = try old.initialiseVault(
        passphrase: Self.passphrase, parameters: Self.cheap, at: 100, operatorName: "op")
      let (enrollment, _) = try old.recordBurn(
        burnRecord(secret: secret), at: 101, operatorName: "op")
      enrollmentID = enrollment.id
      let ad = VaultCrypto.secretAD(
        kind: "enrollment", binding: String(enrollment.id), type: "totp", algorithm: "sha1",
        digits: 6, period: 30)
      let sealed = try VaultCrypto.sealSecret(
        secret, key: key, associatedData: ad, random: SystemRandom())
      try edit(
        file,
        """
        INSERT INTO vault_secret (kind, enrollment_id, serial, otp_type, algorithm, digits, period, nonce, sealed, created_at)
        VALUES ('enrollment', \(enrollment.id), '8659632000001', 'totp', 'sha1', 6, 30,
          X'\(sealed.nonce.map { String(format: "%02x", $0) }.joined())', X'\(sealed.sealed.map { String(format: "%02x", $0) }.joined())', 101)
        """)
    }
    let registry = try file.open()
    let format = {
      try DatabaseQueue(path: file.path).read {
        try Int.fetchOne($0, sql: "SELECT format FROM vault_secret")
      }
    }
    #expect(try format() == 1)
    let key = try registry.unlockVault(passphrase: Self.passphrase)
    #expect(
      try registry.vaultSecret(forEnrollment: enrollmentID, key: key, at: 102, operatorName: "op")
        .secret == secret)
    #expect(try format() == 2)
    #expect(try registry.history().map(\.action).suffix(2) == ["vault_upgraded", "vault_read"])
    // Now bound to alice: the same edit that format 1 could not see is caught.
    try edit(file, "UPDATE enrollment SET user = 'mallory'")
    #expect(throws: VaultError.damaged("enrollment #\(enrollmentID)")) {
      try registry.vaultSecret(forEnrollment: enrollmentID, key: key, at: 103, operatorName: "op")
    }
    // A format 2 blob labelled format 1 does not open either: the label cannot downgrade it.
    try edit(file, "UPDATE enrollment SET user = 'alice'; UPDATE vault_secret SET format = 1")
    #expect(throws: VaultError.damaged("enrollment #\(enrollmentID)")) {
      try registry.vaultSecret(forEnrollment: enrollmentID, key: key, at: 104, operatorName: "op")
    }
  }
}
