import OTP
import Registry
import Testing
import TokenCrypto

/// What every `RegistryStore` promises, run against each store in `StoreKind`: enrollments
/// through their life, single-use backup codes with revocation and the rate limit, and the
/// append-only audit log. SQLite specifics (files, modes, WAL, migrations, locking) stay in
/// the SQLite suites.
@Suite struct RegistryStoreContractTests {
  @Test(arguments: StoreKind.allCases) func aBurnEnrollsWithItsFingerprintAndOneAuditRow(
    _ kind: StoreKind
  ) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let secret = Secret(Array("12345678901234567890".utf8))
    let (enrollment, outcome) = try store.recordBurn(
      burnRecord(secret: secret), at: 100, operatorName: "helpdesk1")
    #expect(outcome == .enrolled)
    #expect(enrollment.status == .active && enrollment.replacesId == nil)
    #expect(
      enrollment.operatorName == kind.recordedOperator("helpdesk1") && enrollment.createdAt == 100
        && enrollment.updatedAt == 100)
    #expect(enrollment.secretFingerprint == SecretFingerprint.of(secret))
    #expect(try store.enrollment(enrollment.id) == enrollment)
    let history = try store.history(user: nil, serial: "8659632000001")
    #expect(history.map(\.kind) == [.burn])
    #expect(history.map(\.result) == [.success])
    #expect(
      history[0].enrollmentId == enrollment.id && history[0].at == 100
        && history[0].operatorName == kind.recordedOperator("helpdesk1"))
    #expect(history[0].detail.contains("clock drift before: 3 s"))
  }

  @Test(arguments: StoreKind.allCases) func theSameSerialForTheSameUserIsAReburn(_ kind: StoreKind)
    throws
  {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let (first, _) = try store.recordBurn(burnRecord(), at: 100, operatorName: "op")
    var again = burnRecord(secret: Secret(Array(repeating: 9, count: 20)))
    again.algorithm = "sha256"
    again.period = 60
    again.account = nil
    let (second, outcome) = try store.recordBurn(again, at: 200, operatorName: "op")
    #expect(outcome == .reburned)
    #expect(second.id == first.id && second.createdAt == 100 && second.updatedAt == 200)
    #expect(
      second.algorithm == "sha256" && second.period == 60
        && second.secretFingerprint == again.secretFingerprint)
    // A re-burn that names no account keeps the one recorded.
    #expect(second.account == "alice@example.com")
    #expect(try store.enrollments(user: nil, status: nil) == [second])
    #expect(
      try store.history(user: "alice", serial: nil).last?.detail.hasPrefix(
        "re-burned enrollment #\(first.id)") == true)
  }

  @Test(arguments: StoreKind.allCases)
  func aLostTokenIsReplacedByTheNextBurnForTheSameUserAndService(_ kind: StoreKind) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let random = CountingRandomSource()
    let (old, _) = try store.recordBurn(burnRecord(), at: 100, operatorName: "op")
    _ = try store.issueBackupCodes(
      enrollmentID: old.id, hashes: try issuedCodes(3, random).hashes, at: 101, operatorName: "op")
    let lost = try store.markLost(old.id, reason: "left on a train", at: 200, operatorName: "op")
    #expect(lost.status == .lost && lost.lostReason == "left on a train" && lost.updatedAt == 200)
    let sets = try store.codeSets(user: "alice")
    #expect(
      sets.map(\.usableCount) == [0] && sets[0].revokedAt == 200
        && sets[0].revokedReason == "token lost")
    #expect(throws: RegistryError.notActive(id: old.id, status: .lost)) {
      _ = try store.markLost(old.id, reason: "again", at: 201, operatorName: "op")
    }
    let (new, outcome) = try store.recordBurn(
      burnRecord(serial: "8659622000077"), at: 300, operatorName: "op")
    #expect(outcome == .replacedLost(old.id))
    #expect(new.replacesId == old.id && new.status == .active)
    #expect(try store.enrollment(old.id).status == .replaced)
    #expect(try store.activeEnrollment(user: "alice", service: "Jira").id == new.id)
    #expect(
      try store.history(user: "alice", serial: nil).compactMap(\.kind) == [
        .burn, .codesIssued, .lost, .burn,
      ])
  }

  @Test(arguments: StoreKind.allCases) func aLostTokenOfAnotherServiceIsNotReplaced(
    _ kind: StoreKind
  ) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let (old, _) = try store.recordBurn(burnRecord(service: "Jira"), at: 100, operatorName: "op")
    _ = try store.markLost(old.id, reason: "broken", at: 200, operatorName: "op")
    let (new, outcome) = try store.recordBurn(
      burnRecord(service: "Wiki", serial: "8659622000078"), at: 300, operatorName: "op")
    #expect(outcome == .enrolled && new.replacesId == nil)
    #expect(try store.enrollment(old.id).status == .lost)
  }

  @Test(arguments: StoreKind.allCases)
  func aSerialTakenOverByAnotherUserEndsTheOldEnrollmentAndItsCodes(_ kind: StoreKind) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let (alice, _) = try store.recordBurn(burnRecord(user: "alice"), at: 100, operatorName: "op")
    _ = try store.issueBackupCodes(
      enrollmentID: alice.id, hashes: try issuedCodes(2, CountingRandomSource()).hashes, at: 101,
      operatorName: "op")
    let (bob, outcome) = try store.recordBurn(burnRecord(user: "bob"), at: 200, operatorName: "op")
    #expect(outcome == .reassigned(from: alice.id))
    #expect(try store.enrollment(alice.id).status == .replaced)
    #expect(bob.status == .active && bob.replacesId == nil)
    let sets = try store.codeSets(user: "alice")
    #expect(sets.map(\.usableCount) == [0] && sets[0].revokedReason == "token reassigned")
    #expect(try store.enrollments(user: nil, status: .active).map(\.id) == [bob.id])
  }

  @Test(arguments: StoreKind.allCases) func lookupsSayWhatIsMissingOrAmbiguous(_ kind: StoreKind)
    throws
  {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    #expect(throws: RegistryError.noActiveEnrollment(user: "carol", service: nil)) {
      _ = try store.activeEnrollment(user: "carol", service: nil)
    }
    #expect(throws: RegistryError.noSuchEnrollment(42)) { _ = try store.enrollment(42) }
    let (jira, _) = try store.recordBurn(
      burnRecord(user: "carol", service: "Jira", serial: "8659632000010"), at: 1, operatorName: "op"
    )
    let (wiki, _) = try store.recordBurn(
      burnRecord(user: "carol", service: "Confluence", serial: "8659632000011"), at: 2,
      operatorName: "op")
    let (dave, _) = try store.recordBurn(
      burnRecord(user: "dave", serial: "8659632000012"), at: 3, operatorName: "op")
    #expect(throws: RegistryError.ambiguousEnrollment(user: "carol", ids: [wiki.id, jira.id])) {
      _ = try store.activeEnrollment(user: "carol", service: nil)
    }
    #expect(try store.activeEnrollment(user: "carol", service: "Jira").id == jira.id)
    #expect(try store.enrollments(user: nil, status: nil).map(\.id) == [dave.id, wiki.id, jira.id])
    #expect(try store.enrollments(user: "carol", status: nil).map(\.id) == [wiki.id, jira.id])
    _ = try store.markLost(jira.id, reason: "lost", at: 4, operatorName: "op")
    #expect(try store.enrollments(user: "carol", status: .lost).map(\.id) == [jira.id])
    #expect(try store.enrollments(user: "carol", status: .active).map(\.id) == [wiki.id])
  }

  @Test(arguments: StoreKind.allCases) func aRefusedWriteChangesNothingAndWritesNoAuditRow(
    _ kind: StoreKind
  ) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    let (enrollment, _) = try store.recordBurn(burnRecord(), at: 1, operatorName: "op")
    _ = try store.markLost(enrollment.id, reason: "lost", at: 2, operatorName: "op")
    let before = try store.history(user: nil, serial: nil)
    let hashes = try issuedCodes(2, CountingRandomSource()).hashes
    #expect(throws: RegistryError.notActive(id: enrollment.id, status: .lost)) {
      _ = try store.issueBackupCodes(
        enrollmentID: enrollment.id, hashes: hashes, at: 3, operatorName: "op")
    }
    #expect(throws: RegistryError.noSuchEnrollment(99)) {
      _ = try store.issueBackupCodes(enrollmentID: 99, hashes: hashes, at: 3, operatorName: "op")
    }
    #expect(throws: RegistryError.noSuchEnrollment(99)) {
      _ = try store.markLost(99, reason: "x", at: 3, operatorName: "op")
    }
    #expect(try store.codeSets(user: "alice").isEmpty)
    #expect(try store.history(user: nil, serial: nil) == before)
  }

  @Test(arguments: StoreKind.allCases) func theAuditLogOnlyGrowsAndFiltersByUserAndSerial(
    _ kind: StoreKind
  ) throws {
    let (store, cleanUp) = try kind.make()
    defer { cleanUp() }
    try store.audit(
      AuditEvent(
        action: .burn, user: "alice", outcome: .failureLeaving("written"), detail: "the burn failed"
      ),
      at: 10, operatorName: "op")
    let after = try store.history(user: nil, serial: nil)
    _ = try store.recordBurn(
      burnRecord(user: "bob", serial: "8659632000020"), at: 11, operatorName: "op2")
    try store.audit(
      AuditEvent(action: .burn, outcome: .unknown, detail: "no answer"), at: 12, operatorName: "op")
    let all = try store.history(user: nil, serial: nil)
    #expect(Array(all.prefix(after.count)) == after)
    #expect(all.map(\.at) == [10, 11, 12])
    #expect(all.map(\.id) == all.map(\.id).sorted() && Set(all.map(\.id)).count == 3)
    #expect(all.map(\.outcome) == ["failure (written)", "success", "unknown"])
    #expect(
      all[0].user == "alice" && all[0].serial == nil && all[0].enrollmentId == nil
        && all[0].detail == "the burn failed")
    #expect(try store.history(user: "alice", serial: nil).map(\.at) == [10])
    #expect(
      try store.history(user: nil, serial: "8659632000020").map(\.operatorName) == [
        kind.recordedOperator("op2")
      ])
    #expect(try store.history(user: "alice", serial: "8659632000020").isEmpty)
  }
}
