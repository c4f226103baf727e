import Foundation
import OTP
import Registry
import Synchronization
import Testing
import TokenCrypto

@testable import Token2
@testable import Wizard
@testable import tokenburner

/// A sink that keeps what it was told.
final class RecordingSink: EnrollmentSink {
  private let seen = Mutex<[(Enrollment, BurnRecordOutcome)]>([])

  func enrollmentRecorded(_ enrollment: Enrollment, outcome: BurnRecordOutcome) {
    seen.withLock { $0.append((enrollment, outcome)) }
  }

  var enrollments: [Enrollment] { seen.withLock { $0.map(\.0) } }
  var outcomes: [BurnRecordOutcome] { seen.withLock { $0.map(\.1) } }
}

/// The enrollment sink sees exactly the enrollments the registry recorded, from the command
/// line's recorder and from the wizard's driver alike: not a failed burn, not a burn the
/// registry could not take.
@Suite struct EnrollmentSinkTests {
  private func temporaryPath() -> (path: String, directory: String) {
    let directory = NSTemporaryDirectory() + "tokenburner-sink-" + UUID().uuidString
    return (directory + "/registry.sqlite", directory)
  }

  @Test func theBurnRecorderTellsTheSinkEachRecordedEnrollmentAndNoFailure() throws {
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let registry = try Registry(path: path)
    let sink = RecordingSink()
    let ann = BurnRecorder(
      registry: registry, operatorName: "op", user: "ann", service: "Jira", account: nil, sink: sink
    )
    let bob = BurnRecorder(
      registry: registry, operatorName: "op", user: "bob", service: "Jira", account: nil, sink: sink
    )
    let first = try ann.recordSuccess(
      burnReport(serial: "8659632000001"), secret: Secret(Array(repeating: 1, count: 20)))
    ann.recordFailure(
      OperatorError("the seed was not written", status: .temporaryFailure, tokenState: .seedErased))
    _ = try ann.recordSuccess(
      burnReport(serial: "8659632000001"), secret: Secret(Array(repeating: 2, count: 20)))
    let taken = try bob.recordSuccess(
      burnReport(serial: "8659632000001"), secret: Secret(Array(repeating: 3, count: 20)))
    bob.recordFailure(
      OperatorError(
        "no answer", status: .temporaryFailure, tokenState: .unknown(possible: [.burned])))

    #expect(sink.outcomes == [.enrolled, .reburned, .reassigned(from: first.0.id)])
    // What the file holds, read with sqlite3: the sink saw each enrollment as it was recorded.
    #expect(
      try sqlite3Rows(path, "SELECT id, user, updated_at FROM enrollment ORDER BY id").count == 2)
    #expect(sink.enrollments.map(\.id) == [first.0.id, first.0.id, taken.0.id])
    #expect(sink.enrollments.last == (try registry.enrollment(taken.0.id)))
    #expect(
      try sqlite3Rows(path, "SELECT outcome FROM audit WHERE action = 'burn' ORDER BY id")
        == ["success", "failure (seed_erased)", "success", "success", "unknown"])
  }

  @Test func aBurnTheStoreRefusedIsNotPassedOn() throws {
    let sink = RecordingSink()
    let recorder = BurnRecorder(
      store: RefusingStore(), operatorName: "op", user: "ann", service: nil, account: nil,
      sink: sink)
    #expect(throws: OperatorError.self) {
      _ = try recorder.recordSuccess(
        burnReport(serial: "8659632000009"), secret: Secret(Array(repeating: 1, count: 20)))
    }
    #expect(sink.enrollments.isEmpty)
  }

  @Test func theWizardsDriverTellsTheSinkEachRecordedEnrollmentAndNoFailure() throws {
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let sink = RecordingSink()
    let driver = RegistryDriver(path: path, operatorName: "op", sink: sink)
    let acme = try driver.record(order(user: "ann", service: "Acme", serial: "8659632000001")).get()
    driver.auditFailure(user: "ann", failure: .tokenRefusedKey(state: .unchanged))
    let jira = try driver.record(order(user: "ann", service: "Jira", serial: "8659632000002")).get()
    #expect(sink.enrollments.map(\.id) == [acme.id, jira.id])
    #expect(sink.outcomes == [.enrolled, .enrolled])
    #expect(
      try sqlite3Rows(path, "SELECT id FROM enrollment ORDER BY id") == [
        "\(acme.id)", "\(jira.id)",
      ])
  }

  private func order(user: String, service: String, serial: String) -> BurnRecordOrder {
    BurnRecordOrder(
      user: user, service: service, account: nil, report: burnReport(serial: serial),
      secret: Secret(Array(serial.utf8)))
  }
}

/// A confirmed burn of `serial` with no clock drift.
func burnReport(serial: String) -> BurnReport {
  let identity = TokenIdentity(info: TokenInfo(serial: serial, tokenTime: 1_000), hostTime: 1_000)
  return BurnReport(
    before: identity, after: identity, algorithm: .sha1, period: .seconds30,
    displayTimeout: .seconds30,
    writtenTime: 1_000, apduCount: 6, recoveries: [])
}

/// The rows `sqlite3` prints for `sql` against the file at `path`, one string per row.
func sqlite3Rows(_ path: String, _ sql: String) throws -> [String] {
  let process = Process()
  let output = Pipe()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = [path, sql]
  process.standardOutput = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// A store that is always busy: nothing can be recorded.
struct RefusingStore: RegistryStore {
  private var busy: RegistryError { .busy(path: "refusing") }
  func recordBurn(_ burn: BurnRecord, at: Int64, operatorName: String) throws(RegistryError) -> (
    Enrollment, BurnRecordOutcome
  ) { throw busy }
  func markLost(_ id: Int64, reason: String, at: Int64, operatorName: String) throws(RegistryError)
    -> Enrollment
  { throw busy }
  func enrollment(_ id: Int64) throws(RegistryError) -> Enrollment { throw busy }
  func enrollments(user: String?, status: EnrollmentStatus?) throws(RegistryError) -> [Enrollment] {
    throw busy
  }
  func issueBackupCodes(
    enrollmentID: Int64, hashes: [BackupCodeHash], at: Int64, operatorName: String
  ) throws(RegistryError) -> Int64 { throw busy }
  func codeSets(user: String) throws(RegistryError) -> [BackupCodeSet] { throw busy }
  func verifyBackupCode(_ candidate: BackupCode, user: String, at: Int64, operatorName: String)
    throws(RegistryError) -> CodeVerification
  { throw busy }
  func audit(_ event: AuditEvent, at: Int64, operatorName: String) throws(RegistryError) {
    throw busy
  }
  func history(user: String?, serial: String?) throws(RegistryError) -> [AuditEntry] { throw busy }
}
