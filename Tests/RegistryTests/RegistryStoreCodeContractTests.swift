import OTP
import Registry
import Testing
import TokenCrypto

/// Backup codes under the `RegistryStore` contract, against each store: single use, one
/// user's codes only, a new set revoking the last, and the per-user rate limit.
@Suite struct RegistryStoreCodeContractTests {
  @Test(arguments: StoreKind.allCases) func aCodeWorksOnce(_ kind: StoreKind) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let random = CountingRandomSource()
    let (enrollment, _) = try store.recordBurn(burnRecord(), at: 100, operatorName: "op")
    let issued = try issuedCodes(10, random)
    #expect(Set(issued.codes).count == 10)
    let setID = try store.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: issued.hashes, at: 101, operatorName: "op")
    let first = try store.verifyBackupCode(
      issued.codes[3], user: "alice", at: 200, operatorName: "op")
    #expect(
      first == .accepted(enrollment: try store.enrollment(enrollment.id), position: 4, remaining: 9)
    )
    #expect(
      try store.verifyBackupCode(issued.codes[3], user: "alice", at: 201, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    let sets = try store.codeSets(user: "alice")
    #expect(
      sets.map(\.id) == [setID] && sets[0].enrollmentId == enrollment.id && sets[0].createdAt == 101
    )
    #expect(sets[0].slots.map(\.position) == Array(1...10))
    #expect(sets[0].slots.map(\.usedAt) == [nil, nil, nil, 200, nil, nil, nil, nil, nil, nil])
    #expect(
      try store.history(user: "alice", serial: nil).compactMap(\.kind) == [
        .burn, .codesIssued, .codeVerified, .codeRejected,
      ])
    #expect(
      try store.history(user: "alice", serial: nil).compactMap(\.result).suffix(2) == [
        .success, .failure,
      ])
  }

  @Test(arguments: StoreKind.allCases) func anotherUsersCodeIsRefused(_ kind: StoreKind) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let (alice, _) = try store.recordBurn(
      burnRecord(user: "alice", serial: "8659632000001"), at: 1, operatorName: "op")
    _ = try store.recordBurn(
      burnRecord(user: "bob", serial: "8659632000002"), at: 2, operatorName: "op")
    let issued = try issuedCodes(2, CountingRandomSource())
    _ = try store.issueBackupCodes(
      enrollmentID: alice.id, hashes: issued.hashes, at: 3, operatorName: "op")
    #expect(
      try store.verifyBackupCode(issued.codes[0], user: "bob", at: 4, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    #expect(try store.codeSets(user: "bob").isEmpty)
    guard
      case .accepted(_, 1, 1) = try store.verifyBackupCode(
        issued.codes[0], user: "alice", at: 5, operatorName: "op")
    else {
      Issue.record("alice's own code was refused")
      return
    }
  }

  @Test(arguments: StoreKind.allCases) func aNewSetRevokesTheOldOne(_ kind: StoreKind) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let random = CountingRandomSource()
    let (enrollment, _) = try store.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let old = try issuedCodes(3, random)
    _ = try store.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: old.hashes, at: 2, operatorName: "op")
    let new = try issuedCodes(3, random)
    _ = try store.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: new.hashes, at: 3, operatorName: "op")
    #expect(
      try store.verifyBackupCode(old.codes[0], user: "alice", at: 4, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    let sets = try store.codeSets(user: "alice")
    #expect(sets.map(\.usableCount) == [3, 0])
    #expect(
      sets[1].revokedAt == 3 && sets[1].revokedReason == "replaced by a new set"
        && sets[0].revokedAt == nil)
    #expect(
      try store.history(user: "alice", serial: nil).last { $0.kind == .codesIssued }?.detail
        .hasSuffix("; 3 unused codes of the previous set revoked") == true)
    guard
      case .accepted(_, 3, 2) = try store.verifyBackupCode(
        new.codes[2], user: "alice", at: 5, operatorName: "op")
    else {
      Issue.record("a code of the current set was refused")
      return
    }
  }

  @Test(arguments: StoreKind.allCases) func wrongCodesAreRateLimitedPerUser(_ kind: StoreKind)
    throws
  {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let (enrollment, _) = try store.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let issued = try issuedCodes(2, CountingRandomSource())
    _ = try store.issueBackupCodes(
      enrollmentID: enrollment.id, hashes: issued.hashes, at: 2, operatorName: "op")
    let wrong = try #require(BackupCode(typed: "22222-22222-22222"))
    for attempt in 0..<BackupCodePolicy.maximumFailures {
      let result = try store.verifyBackupCode(
        wrong, user: "alice", at: 1_000 + Int64(attempt), operatorName: "op")
      #expect(result == .rejected(attemptsLeft: BackupCodePolicy.maximumFailures - attempt - 1))
    }
    let rowsBefore = try store.history(user: "alice", serial: nil).count
    // Even the right code is not checked while the limit applies, and nothing is written.
    #expect(
      throws: RegistryError.rateLimited(
        user: "alice", retryAfter: BackupCodePolicy.failureWindow - 10)
    ) {
      _ = try store.verifyBackupCode(issued.codes[0], user: "alice", at: 1_010, operatorName: "op")
    }
    #expect(try store.codeSets(user: "alice").first?.usableCount == 2)
    #expect(try store.history(user: "alice", serial: nil).count == rowsBefore)
    // Another user is not affected; once the oldest failure leaves the window, alice may try.
    #expect(
      try store.verifyBackupCode(wrong, user: "bob", at: 1_011, operatorName: "op")
        == .rejected(attemptsLeft: 4))
    #expect(throws: RegistryError.rateLimited(user: "alice", retryAfter: 1)) {
      _ = try store.verifyBackupCode(
        issued.codes[0], user: "alice", at: 999 + BackupCodePolicy.failureWindow, operatorName: "op"
      )
    }
    let later = 1_000 + BackupCodePolicy.failureWindow
    guard
      case .accepted = try store.verifyBackupCode(
        issued.codes[0], user: "alice", at: later, operatorName: "op")
    else {
      Issue.record("the right code was refused after the window")
      return
    }
  }
}
