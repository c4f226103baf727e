import ArgumentParser
import Doctor
import DoctorProbes
import OperatorOutput

/// `tokenburner doctor [--registry PATH] [--json]`: checks what tokenburner needs on this
/// machine and says how to fix each problem. Exits 0 when nothing needed is missing (warnings
/// allowed) and 69 otherwise.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check pcscd, readers, libraries, locale, terminal and registry.",
    discussion: """
      Each check prints ok, warning or PROBLEM, and the fix for the last two. A token on a \
      reader is read with one GET INFO (never authenticated or written). Exit status 0 when \
      nothing needed is missing, 69 when something is (pcscd, a reader, a library, a writable \
      registry directory).
      """)

  @Option(
    help: ArgumentHelp(
      "The registry database to check (default: TOKENBURNER_REGISTRY, then the XDG data directory).",
      valueName: "path"))
  var registry: String?

  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    let probe = DoctorProbe()
    let report = DoctorReport(
      findings: PCSCChecks.check(probe.pcsc()) + EnvironmentChecks.libraries(probe.libraries())
        + EnvironmentChecks.locale(probe.locale()) + EnvironmentChecks.terminal(probe.terminal())
        + RegistryChecks.check(probe.registry(explicitPath: registry)))
    if json {
      try Output.json(DoctorJSON(report))
    } else {
      printHuman(report)
    }
    if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
  }

  private func printHuman(_ report: DoctorReport) {
    var area = ""
    for finding in report.findings {
      if finding.area != area {
        area = finding.area
        Output.line(area)
      }
      let label =
        switch finding.severity {
        case .ok: "ok      "
        case .warning: "warning "
        case .problem: "PROBLEM "
        }
      Output.line("  \(label)\(finding.subject.terminalSafe): \(finding.detail.terminalSafe)")
      if let fix = finding.fix { Output.line("          fix: \(fix.terminalSafe)") }
    }
    let problems = report.findings.filter { $0.severity == .problem }.count
    let warnings = report.findings.filter { $0.severity == .warning }.count
    Output.line()
    if problems > 0 {
      Output.line(
        "\(problems) problem\(problems == 1 ? "" : "s") to fix before tokenburner can work, \(warnings) warning\(warnings == 1 ? "" : "s")."
      )
    } else if warnings > 0 {
      Output.line("Ready, with \(warnings) warning\(warnings == 1 ? "" : "s").")
    } else {
      Output.line("Ready: every check passed.")
    }
  }
}

/// `doctor --json`.
struct DoctorJSON: Encodable {
  struct Check: Encodable {
    var area: String
    var subject: String
    var status: String
    var detail: String
    var fix: String?
  }
  var ok: Bool
  var exitStatus: Int32
  var checks: [Check]

  init(_ report: DoctorReport) {
    ok = report.exitStatus == 0
    exitStatus = report.exitStatus
    checks = report.findings.map {
      Check(
        area: $0.area, subject: $0.subject, status: $0.severity.rawValue, detail: $0.detail,
        fix: $0.fix)
    }
  }
}
