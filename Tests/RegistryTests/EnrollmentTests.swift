import Foundation
import OTP
import Registry
import Testing
import TokenCrypto

/// Enrollments through their life: enrolled, re-burned, lost, replaced, reassigned.
@Suite struct EnrollmentTests {
  @Test func aBurnEnrollsWithAFingerprintNotTheSecret() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let secret = Secret(Array("12345678901234567890".utf8))
    let (enrollment, outcome) = try registry.recordBurn(
      burnRecord(secret: secret), at: 100, operatorName: "helpdesk1")
    #expect(outcome == .enrolled)
    #expect(enrollment.status == .active)
    #expect(enrollment.operatorName == "helpdesk1")
    #expect(enrollment.secretFingerprint.count == 16)
    #expect(enrollment.secretFingerprint == SecretFingerprint.of(secret))
    #expect(
      enrollment.secretFingerprint
        != SecretFingerprint.of(Secret(Array("12345678901234567891".utf8))))
    let history = try registry.history(serial: "8659632000001")
    #expect(history.count == 1)
    #expect(history[0].enrollmentId == enrollment.id)
    #expect(history[0].outcome == "success")
    #expect(history[0].at == 100)
    let bytes = file.allBytes()
    #expect(bytes.range(of: Data("12345678901234567890".utf8)) == nil)
    #expect(bytes.range(of: Data("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".utf8)) == nil)
  }

  @Test func theSameSerialForTheSameUserIsAReburn() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (first, _) = try registry.recordBurn(burnRecord(), at: 100, operatorName: "op")
    var again = burnRecord()
    again.algorithm = "sha256"
    again.period = 60
    let (second, outcome) = try registry.recordBurn(again, at: 200, operatorName: "op")
    #expect(outcome == .reburned)
    #expect(second.id == first.id)
    #expect(second.algorithm == "sha256" && second.period == 60 && second.updatedAt == 200)
    #expect(try registry.enrollments().count == 1)
    #expect(try registry.history(user: "alice").map(\.detail).last?.contains("re-burned") == true)
  }

  @Test func aLostTokenIsReplacedByTheNextBurnForTheSameUserAndService() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (old, _) = try registry.recordBurn(burnRecord(), at: 100, operatorName: "op")
    let codes = try BackupCode.generate(count: 3, using: SystemRandom())
    _ = try registry.issueBackupCodes(
      enrollmentID: old.id, hashes: try hashes(of: codes), at: 101, operatorName: "op")
    let lost = try registry.markLost(old.id, reason: "left on a train", at: 200, operatorName: "op")
    #expect(lost.status == .lost && lost.lostReason == "left on a train")
    #expect(try registry.codeSets(user: "alice").first?.usableCount == 0)
    #expect(throws: RegistryError.notActive(id: old.id, status: .lost)) {
      _ = try registry.markLost(old.id, reason: "again", at: 201, operatorName: "op")
    }
    let (new, outcome) = try registry.recordBurn(
      burnRecord(serial: "8659622000077"), at: 300, operatorName: "op")
    #expect(outcome == .replacedLost(old.id))
    #expect(new.replacesId == old.id)
    #expect(try registry.enrollment(old.id).status == .replaced)
    #expect(try registry.activeEnrollment(user: "alice", service: "Jira").id == new.id)
    #expect(
      try registry.history(user: "alice").map(\.action) == ["burn", "codes_issued", "lost", "burn"])
  }

  @Test func aSerialTakenOverByAnotherUserEndsTheOldEnrollment() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    let (alice, _) = try registry.recordBurn(burnRecord(user: "alice"), at: 100, operatorName: "op")
    let (bob, outcome) = try registry.recordBurn(
      burnRecord(user: "bob"), at: 200, operatorName: "op")
    #expect(outcome == .reassigned(from: alice.id))
    #expect(try registry.enrollment(alice.id).status == .replaced)
    #expect(bob.status == .active && bob.replacesId == nil)
  }

  @Test func activeEnrollmentLookupSaysWhatIsMissingOrAmbiguous() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    #expect(throws: RegistryError.noActiveEnrollment(user: "carol", service: nil)) {
      _ = try registry.activeEnrollment(user: "carol", service: nil)
    }
    let (jira, _) = try registry.recordBurn(
      burnRecord(user: "carol", service: "Jira", serial: "8659632000010"), at: 1, operatorName: "op"
    )
    let (wiki, _) = try registry.recordBurn(
      burnRecord(user: "carol", service: "Confluence", serial: "8659632000011"), at: 2,
      operatorName: "op")
    #expect(throws: RegistryError.ambiguousEnrollment(user: "carol", ids: [wiki.id, jira.id])) {
      _ = try registry.activeEnrollment(user: "carol", service: nil)
    }
    #expect(try registry.activeEnrollment(user: "carol", service: "Jira").id == jira.id)
  }
}
