import Foundation
import OTP
import Registry
import SmartCard
import Testing
import TokenCrypto

@testable import Token2
@testable import Wizard
@testable import tokenburner

/// The wizard's registry driver against a real SQLite file, without the vault: the record of a
/// burn, backup codes issued and checked (used once, rate-limited), the token to replace and
/// every reason there is none, marking it lost, the sheet text, and failed burns audited.
@Suite struct RegistryDriverTests {
  /// A driver on a registry path in a fresh directory; the file is made on first use.
  private func driver() -> (RegistryDriver, String) {
    let directory = NSTemporaryDirectory() + "tokenburner-driver-" + UUID().uuidString
    return (RegistryDriver(path: directory + "/registry.sqlite", operatorName: "Zoë"), directory)
  }

  private func order(user: String, service: String, serial: String) -> BurnRecordOrder {
    let identity = TokenIdentity(info: TokenInfo(serial: serial, tokenTime: 1_000), hostTime: 1_000)
    let report = BurnReport(
      before: identity, after: identity, algorithm: .sha1, period: .seconds30,
      displayTimeout: .seconds30,
      writtenTime: 1_000, apduCount: 6, recoveries: [])
    return BurnRecordOrder(
      user: user, service: service, account: nil, report: report, secret: Secret(Array(serial.utf8))
    )
  }

  @Test func theReadingTasksCreateNoRegistry() throws {
    let (driver, directory) = driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let code = try BackupCode.generate(count: 1, using: SystemRandom())[0]
    guard case .failure(let failure) = driver.verify(code, user: "ann") else {
      Issue.record("a code was judged without a registry")
      return
    }
    #expect(failure.message.contains("no registry"), "\(failure.message)")
    #expect(driver.tokenToReplace(user: "ann", service: nil) == .failure(.unknownUser))
    #expect(driver.vaultAvailability() == .absent)
    #expect(
      !FileManager.default.fileExists(atPath: directory), "neither the file nor its directory")
  }

  @Test func codesIssuedForARecordedBurnWorkOnceAndWrongOnesAreCounted() throws {
    let (driver, directory) = driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(!FileManager.default.fileExists(atPath: driver.path), "no file before the first record")
    let recorded = try driver.record(order(user: "ann", service: "Acme", serial: "8659632000001"))
      .get()
    #expect(recorded.summary == "enrollment #\(recorded.id) created")
    let codes = try driver.issueCodes(enrollmentID: recorded.id, count: 10).get()
    #expect(codes.count == 10)
    #expect(Set(codes.map(\.text)).count == 10)
    #expect(
      driver.verify(codes[2], user: "ann")
        == .success(.accepted(position: 3, remaining: 9, serial: "8659632000001")))
    #expect(driver.verify(codes[2], user: "ann") == .success(.refused(attemptsLeft: 4)), "used up")
    #expect(
      driver.verify(codes[3], user: "bob") == .success(.refused(attemptsLeft: 4)),
      "another user's code")
    for left in [3, 2, 1, 0] {
      #expect(driver.verify(codes[2], user: "ann") == .success(.refused(attemptsLeft: left)))
    }
    guard case .success(.rateLimited(let wait)) = driver.verify(codes[4], user: "ann") else {
      Issue.record("a sixth wrong try within the window is not rate-limited")
      return
    }
    #expect(wait > 0)
  }

  @Test func theTokenToReplaceOrWhyThereIsNone() throws {
    let (driver, directory) = driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(driver.tokenToReplace(user: "ann", service: nil) == .failure(.unknownUser))
    let acme = try driver.record(order(user: "ann", service: "Acme", serial: "8659632000001")).get()
    let jira = try driver.record(order(user: "ann", service: "Jira", serial: "8659632000002")).get()
    #expect(
      driver.tokenToReplace(user: "ann", service: nil)
        == .failure(.severalTokens(services: ["Jira #\(jira.id)", "Acme #\(acme.id)"])),
      "newest first")
    let found = try driver.tokenToReplace(user: "ann", service: "Jira").get()
    #expect(
      found == TokenToReplace(enrollmentID: jira.id, serial: "8659632000002", service: "Jira"))
    let lost = try driver.markLost(jira.id, reason: "left on a train").get()
    #expect(lost.serial == "8659632000002")
    #expect(driver.tokenToReplace(user: "ann", service: "Jira") == .failure(.noActiveToken))
    #expect(
      driver.markLost(jira.id, reason: "again").failure != nil, "a lost token is not lost twice")
  }

  @Test func theSheetNamesTheEnrollmentAndTheOperator() throws {
    let (driver, directory) = driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let recorded = try driver.record(
      order(user: "dora.müller", service: "Confluence", serial: "8659632000003")
    ).get()
    let codes = try driver.issueCodes(enrollmentID: recorded.id, count: 10).get()
    let sheet = BackupSheet(
      user: "dora.müller", service: "Confluence", serial: "8659632000003", model: "C302-i",
      issuedAt: 1_111_111_109, codes: codes, enrollmentID: recorded.id)
    let text = driver.sheetText(sheet)
    for expected in ["dora.müller", "Confluence", "8659632000003", "Zoë"] + codes.map(\.text) {
      #expect(text.contains(expected), "\(expected) missing from the sheet")
    }
    var unrecorded = sheet
    unrecorded.enrollmentID = nil
    #expect(
      driver.sheetText(unrecorded) == sheet.lines.joined(separator: "\n") + "\n",
      "the plain layout without a record")
  }

  @Test func aFailedBurnLeavesOnlyAnAuditRowSayingWhatTheTokenHolds() throws {
    let (driver, directory) = driver()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    driver.auditFailure(
      user: "ann",
      failure: .linkLost(
        during: .writeSeed, cause: .cardRemoved, state: .unknown(possible: [.seedErased, .burned])))
    driver.auditFailure(user: "", failure: .tokenRefusedKey(state: .unchanged))
    let registry = try Registry(path: driver.path)
    let rows = try registry.history()
    #expect(rows.map(\.outcome) == ["unknown", "failure"])
    #expect(rows.map(\.user) == ["ann", nil])
    #expect(rows.allSatisfy { $0.action == "burn" && $0.operatorName == "Zoë" })
    #expect(try registry.enrollments(user: "ann").isEmpty)
  }
}
