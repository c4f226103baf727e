import Doctor
import Testing

@Suite struct PCSCChecksTests {
  func facts(
    socket: String = "/run/pcscd/pcscd.comm", fromEnvironment: Bool = false, exists: Bool = true,
    daemon: Bool? = true, failure: String? = nil, readers: [ReaderFacts] = []
  ) -> PCSCFacts {
    PCSCFacts(
      socketPath: socket, socketFromEnvironment: fromEnvironment, socketExists: exists,
      daemonSeen: daemon, contextFailure: failure, readers: readers)
  }

  @Test func stoppedDaemonIsAProblemWithTheWayToStartIt() throws {
    let report = DoctorReport(
      findings: PCSCChecks.check(
        facts(exists: false, daemon: false, failure: "pcscd is not running")))
    #expect(report.exitStatus == 69)
    let socket = try #require(report.findings.first { $0.subject == "socket" })
    #expect(socket.severity == .problem)
    #expect(socket.detail.contains("not running"))
    #expect(socket.fix?.contains("sudo systemctl start pcscd") == true)
    #expect(socket.fix?.contains("sudo pcscd") == true)
    // No reader findings without a context.
    #expect(!report.findings.contains { $0.area == "readers" })
  }

  @Test func socketFromTheEnvironmentIsNamedInTheFix() throws {
    let findings = PCSCChecks.check(
      facts(socket: "/tmp/x/pcscd.comm", fromEnvironment: true, exists: false, failure: "no"))
    let socket = try #require(findings.first)
    #expect(socket.detail.contains("PCSCLITE_CSOCK_NAME names /tmp/x/pcscd.comm"))
    #expect(socket.fix?.contains("unset PCSCLITE_CSOCK_NAME") == true)
  }

  @Test func runningDaemonWithoutReadersIsAProblem() {
    let report = DoctorReport(findings: PCSCChecks.check(facts()))
    #expect(report.exitStatus == 69)
    #expect(report.findings.last?.detail == "no PC/SC reader is connected")
    #expect(report.findings.last?.fix?.contains("libccid") == true)
  }

  @Test func emptyReaderAndKnownTokenAreFine() {
    let readers = [
      ReaderFacts(
        name: "Virtual PCD 00 00", slot: .card,
        card: .token(serial: "8659622000001", model: "OTPC-P2-i", driftSeconds: -75)),
      ReaderFacts(name: "Virtual PCD 00 01", slot: .empty),
    ]
    let report = DoctorReport(findings: PCSCChecks.check(facts(readers: readers)))
    #expect(report.exitStatus == 0)
    #expect(report.worst == .ok)
    #expect(
      report.findings.contains {
        $0.detail == "Token2 token 8659622000001 (OTPC-P2-i), clock -75 s off"
      })
  }

  @Test(arguments: [
    (ReaderFacts.Slot.mute, "switch the token on"), (.exclusive, "close the other"),
    (.unavailable, "unplug the reader"),
  ])
  func troubledSlotsWarnWithAFix(slot: ReaderFacts.Slot, fix: String) throws {
    let findings = PCSCChecks.check(facts(readers: [ReaderFacts(name: "R", slot: slot)]))
    let reader = try #require(findings.last)
    #expect(reader.severity == .warning)
    #expect(reader.fix?.contains(fix) == true)
    #expect(DoctorReport(findings: findings).exitStatus == 0)
  }

  @Test func unknownModelAndForeignCardWarn() {
    let findings = PCSCChecks.check(
      facts(readers: [
        ReaderFacts(
          name: "A", slot: .card, card: .token(serial: "1234567000042", model: nil, driftSeconds: 0)
        ),
        ReaderFacts(name: "B", slot: .card, card: .other("GET INFO was refused")),
      ]))
    #expect(findings.suffix(2).allSatisfy { $0.severity == .warning })
    #expect(findings.suffix(2).first?.detail.contains("--allow-unknown-model") == true)
    #expect(findings.last?.detail.contains("not a Token2 token: GET INFO was refused") == true)
  }
}
