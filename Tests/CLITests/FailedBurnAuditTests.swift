import Foundation
import Registry
import SmartCard
import Testing

@testable import Token2
@testable import tokenburner

/// The one mapping from a failed burn to its audit row, used by `burn --user` and the wizard.
@Suite struct FailedBurnAuditTests {
  @Test(arguments: [
    (TokenState?.none, "failure"),
    (.unchanged, "failure"),
    (.unknown(possible: [.seedErased, .burned]), "unknown"),
    (.seedErased, "failure (seed_erased)"),
    (.configWrittenOldSeedKept, "failure (config_written_old_seed_kept)"),
  ])
  func theTokensStateNamesTheOutcome(_ state: TokenState?, _ stored: String) {
    let event = BurnRecorder.failedBurn(user: "ann", leaving: state, detail: "it failed")
    #expect(event.outcome.rawValue == stored)
    #expect(
      AuditOutcome(rawValue: stored) == event.outcome,
      "the stored text reads back as the same outcome")
    #expect(
      event == AuditEvent(action: .burn, user: "ann", outcome: event.outcome, detail: "it failed"))
  }

  @Test func theCommandLineAndTheWizardWriteTheSameRow() throws {
    let directory = NSTemporaryDirectory() + "tokenburner-failed-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/registry.sqlite"
    let failures: [Token2Failure] = [
      .tokenRefusedKey(state: .unchanged),
      .linkLost(
        during: .writeSeed, cause: .cardRemoved, state: .unknown(possible: [.seedErased, .burned])),
      .linkLost(during: .writeSeed, cause: .cardRemoved, state: .seedErased),
    ]
    let driver = RegistryDriver(path: path, operatorName: "op")
    let recorder = BurnRecorder(
      registry: try Registry(path: path), operatorName: "op", user: "ann", service: nil,
      account: nil)
    for failure in failures {
      driver.auditFailure(user: "ann", failure: failure)
      recorder.recordFailure(FailureMapping.operatorError(failure))
    }
    let rows = try sqlite3Rows(
      path, "SELECT action || '|' || user || '|' || outcome FROM audit ORDER BY id")
    #expect(
      rows == [
        "burn|ann|failure", "burn|ann|failure", "burn|ann|unknown", "burn|ann|unknown",
        "burn|ann|failure (seed_erased)", "burn|ann|failure (seed_erased)",
      ])
  }
}
