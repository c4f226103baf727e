import Foundation
import OTP
import Registry
import Testing
import TokenCrypto

/// Backup codes in the registry: hashes only, single use, revocation, rate limiting.
@Suite struct BackupCodeRegistryTests {
  @Test func aCodeWorksOnceAndOnlyTheHashesAreStored() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (enrollment, _) = try registry.recordBurn(burnRecord(), at: 100, operatorName: "op")
    let codes = try BackupCode.generate(count: 10, using: SystemRandom())
    #expect(Set(codes).count == 10)
    _ = try registry.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: try hashes(of: codes), at: 101, operatorName: "op")

    let first = try registry.verifyBackupCode(codes[3], user: "alice", at: 200, operatorName: "op")
    #expect(
      first
        == .accepted(enrollment: try registry.enrollment(enrollment.id), position: 4, remaining: 9))
    #expect(
      try registry.verifyBackupCode(codes[3], user: "alice", at: 201, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    #expect(try registry.codeSets(user: "alice").first?.slots[3].usedAt == 200)

    let bytes = file.allBytes()
    for code in codes {
      #expect(bytes.range(of: Data(code.symbols.utf8)) == nil)
      #expect(bytes.range(of: Data(code.text.utf8)) == nil)
    }
  }

  @Test func anotherUsersCodeIsRefused() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (alice, _) = try registry.recordBurn(
      burnRecord(user: "alice", serial: "8659632000001"), at: 1, operatorName: "op")
    _ = try registry.recordBurn(
      burnRecord(user: "bob", serial: "8659632000002"), at: 2, operatorName: "op")
    let codes = try BackupCode.generate(count: 2, using: SystemRandom())
    _ = try registry.issueBackupCodes(
      enrollmentID: alice.id, hashes: try hashes(of: codes), at: 3, operatorName: "op")
    #expect(
      try registry.verifyBackupCode(codes[0], user: "bob", at: 4, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    if case .accepted = try registry.verifyBackupCode(
      codes[0], user: "alice", at: 5, operatorName: "op")
    {
    } else {
      Issue.record("alice's own code was refused")
    }
  }

  @Test func aNewSetRevokesTheOldOne() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (enrollment, _) = try registry.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let old = try BackupCode.generate(count: 3, using: SystemRandom())
    _ = try registry.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: try hashes(of: old), at: 2, operatorName: "op")
    let new = try BackupCode.generate(count: 3, using: SystemRandom())
    _ = try registry.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: try hashes(of: new), at: 3, operatorName: "op")
    #expect(
      try registry.verifyBackupCode(old[0], user: "alice", at: 4, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    let sets = try registry.codeSets(user: "alice")
    #expect(sets.map(\.usableCount) == [3, 0])
    #expect(sets[1].revokedReason == "replaced by a new set")
    if case .accepted(_, _, let remaining) = try registry.verifyBackupCode(
      new[2], user: "alice", at: 5, operatorName: "op")
    {
      #expect(remaining == 2)
    } else {
      Issue.record("a code of the current set was refused")
    }
  }

  @Test func wrongCodesAreRateLimitedPerUserAcrossConnections() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (enrollment, _) = try registry.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let codes = try BackupCode.generate(count: 2, using: SystemRandom())
    _ = try registry.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: try hashes(of: codes), at: 2, operatorName: "op")
    let wrong = try #require(BackupCode(typed: "22222-22222-22222"))
    for attempt in 0..<BackupCodePolicy.maximumFailures {
      // A second connection (another process would be the same) sees the same count.
      let connection = attempt % 2 == 0 ? registry : try file.open()
      let result = try connection.verifyBackupCode(
        wrong, user: "alice", at: 1_000 + Int64(attempt), operatorName: "op")
      #expect(result == .rejected(attemptsLeft: BackupCodePolicy.maximumFailures - attempt - 1))
    }
    // Even the right code is not checked while the limit applies.
    #expect(
      throws: RegistryError.rateLimited(
        user: "alice", retryAfter: BackupCodePolicy.failureWindow - 10)
    ) {
      _ = try registry.verifyBackupCode(codes[0], user: "alice", at: 1_010, operatorName: "op")
    }
    #expect(try registry.codeSets(user: "alice").first?.usableCount == 2)
    // Another user is not affected; once the window has moved on, alice may try again.
    _ = try registry.verifyBackupCode(wrong, user: "bob", at: 1_011, operatorName: "op")
    let later = 1_000 + BackupCodePolicy.failureWindow + 1
    if case .accepted = try registry.verifyBackupCode(
      codes[0], user: "alice", at: later, operatorName: "op")
    {
    } else {
      Issue.record("the right code was refused after the window")
    }
  }

  @Test func storedHashesRoundTripAndMatchOnlyTheirCode() throws {
    let codes = try BackupCode.generate(count: 2, using: SystemRandom())
    let hash = try BackupCodeHash.make(
      codes[0], salt: Array(repeating: 9, count: 16), parameters: testParameters)
    let decoded = try #require(BackupCodeHash(encoded: hash.encoded))
    #expect(decoded == hash)
    #expect(try decoded.matches(codes[0]))
    #expect(try !decoded.matches(codes[1]))
    #expect(hash.encoded.hasPrefix("scrypt$16$1$1$09090909"))
    #expect(BackupCodeHash(encoded: "pbkdf2$1$2$3$00$00") == nil)
    #expect(BackupCodeHash(encoded: "scrypt$16$1$1$0g$00") == nil)
  }

  @Test func theHashIsScryptOfTheSymbols() throws {
    // Independent oracle: RFC 7914-style scrypt computed directly from libcrypto over the
    // code's symbols, with the same salt and parameters.
    let code = try #require(BackupCode(typed: "k7qmx-4xtpr-9whzd"))
    let salt: [UInt8] = Array(0..<16)
    let expected = try KeyDerivation.scrypt(
      password: Array("K7QMX4XTPR9WHZD".utf8), salt: salt, n: 16, r: 1, p: 1, keyLength: 32)
    #expect(
      try BackupCodeHash.make(code, salt: salt, parameters: testParameters).digest == expected)
  }
}
