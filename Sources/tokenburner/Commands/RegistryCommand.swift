import ArgumentParser
import BackupSheets
import Foundation
import OperatorOutput
import Registry

/// `tokenburner registry list|show|lost|history`: the helpdesk's record of tokens.
struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry", abstract: "List and show enrollments, mark tokens lost, show history.",
    discussion: """
      The registry is one SQLite file (--registry PATH, else TOKENBURNER_REGISTRY, else \
      $XDG_DATA_HOME/tokenburner/registry.sqlite), or a team's PostgreSQL database \
      (--registry postgresql://ROLE@HOST/DB, set up once with `registry setup`). It holds enrollments (a fingerprint of each \
      secret, never the secret), backup code hashes and an append-only audit log.
      """,
    subcommands: [
      ListEnrollments.self, ShowEnrollment.self, MarkLost.self, ShowHistory.self,
      RegistrySetup.self,
    ])
}

/// Runs `body` with the registry, mapping its errors once.
func withRegistry<T>(
  _ options: RegistryOptions, _ body: (any RegistryStore) throws(RegistryError) -> T
)
  throws(OperatorError) -> T
{
  try withRegistry(try options.openStore(), body)
}

/// Runs `body` with an open registry, mapping its errors once.
func withRegistry<T>(
  _ registry: any RegistryStore, _ body: (any RegistryStore) throws(RegistryError) -> T
)
  throws(OperatorError) -> T
{
  do {
    return try body(registry)
  } catch {
    throw OperatorError(registryError: error)
  }
}

/// Runs `body` with the registry if there is one; without one (none is created), the result
/// is `none` and `absent` is the sentence that says so.
func withExistingRegistry<T>(
  _ options: RegistryOptions, none: T, _ body: (any RegistryStore) throws(RegistryError) -> T
) throws(OperatorError) -> (result: T, absent: String?) {
  guard let registry = try options.openExistingStore() else {
    return (none, RegistryError.noRegistry(path: options.path).description)
  }
  do {
    return (try body(registry), nil)
  } catch {
    throw OperatorError(registryError: error)
  }
}

struct ListEnrollments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List enrollments, newest first.")
  @Option(help: "Only this user's.") var user: String?
  @Option(help: "Only active, lost or replaced ones.") var status: EnrollmentStatus?
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let (enrollments, absent) = try withExistingRegistry(registryOptions, none: []) {
        registry throws(RegistryError) in
        try registry.enrollments(user: user, status: status)
      }
      if json { return try Output.json(EnrollmentsReport(enrollments: enrollments)) }
      if let absent { return Output.line("No enrollments: \(absent).") }
      if enrollments.isEmpty { return Output.line("No enrollments.") }
      for enrollment in enrollments { Output.line(enrollment.summaryLine) }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct ShowEnrollment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show one enrollment with its codes and history.")
  @Argument(help: "The enrollment number.") var id: Int64
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      guard let registry = try registryOptions.openExistingStore() else {
        throw OperatorError(
          "there is no enrollment #\(id): \(RegistryError.noRegistry(path: registryOptions.path))",
          status: .dataError)
      }
      let (enrollment, sets, history) = try withRegistry(registry) {
        registry throws(RegistryError) in
        let enrollment = try registry.enrollment(id)
        let sets = try registry.codeSets(user: enrollment.user).filter { $0.enrollmentId == id }
        let history = try registry.history(user: nil, serial: nil).filter { $0.enrollmentId == id }
        return (enrollment, sets, history)
      }
      if json {
        return try Output.json(
          EnrollmentDetailReport(enrollment: enrollment, codeSets: sets, history: history))
      }
      Output.line(enrollment.summaryLine)
      Output.line(
        "  account \(enrollment.account?.terminalSafe ?? "-"), \(enrollment.algorithm), \(enrollment.digits) digits, \(enrollment.period) s, secret fingerprint \(enrollment.secretFingerprint)"
      )
      if let replaces = enrollment.replacesId { Output.line("  replaces enrollment #\(replaces)") }
      if let reason = enrollment.lostReason { Output.line("  lost: \(reason.terminalSafe)") }
      for set in sets {
        Output.line("  backup code set #\(set.id): \(set.usableCount) of \(set.slots.count) usable")
      }
      for entry in history { Output.line("  " + entry.line) }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct MarkLost: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lost",
    abstract: "Mark a token lost: its enrollment ends and its backup codes stop working.",
    discussion:
      "Verify the user first (`codes verify`). The next `burn --user` for the same user and service records the replacement."
  )
  @Option(help: "The enrollment number.") var enrollment: Int64?
  @Option(help: "The user (with their one active token, or --service).") var user: String?
  @Option(help: "The service, with --user.") var service: String?
  @Option(help: "The lost token's serial.") var serial: String?
  @Option(help: "Why, for the audit log (e.g. \"left on a train\").") var reason: String
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws {
    let named = [enrollment != nil, user != nil, serial != nil].filter { $0 }.count
    guard named == 1 else {
      throw ValidationError("Name the token with exactly one of --enrollment, --user or --serial.")
    }
    if service != nil && user == nil { throw ValidationError("--service goes with --user.") }
  }

  func run() throws {
    do {
      let operatorName = registryOptions.resolvedOperator
      let lost = try withRegistry(registryOptions) { registry throws(RegistryError) in
        let id: Int64
        if let enrollment {
          id = enrollment
        } else if let user {
          id = try registry.activeEnrollment(user: user, service: service).id
        } else {
          let active = try registry.enrollments(user: nil, status: .active).filter {
            $0.serial == serial
          }
          guard let match = active.first else {
            throw .noActiveEnrollment(user: "serial \(serial ?? "")", service: nil)
          }
          id = match.id
        }
        return try registry.markLost(id, reason: reason, at: unixNow(), operatorName: operatorName)
      }
      if json { return try Output.json(lost) }
      Output.line(
        "Token \(lost.serial.terminalSafe) of \(lost.user.terminalSafe) marked lost (enrollment #\(lost.id)); its backup codes no longer work."
      )
      Output.line(
        "Next: burn a new token with --user \(lost.user.terminalSafe)"
          + (lost.service.map { " --service \($0.terminalSafe)" } ?? "")
          + "; it will record the replacement.")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct ShowHistory: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Show the audit log, oldest first.")
  @Option(help: "Only rows about this user.") var user: String?
  @Option(help: "Only rows about this token serial.") var serial: String?
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let (entries, absent) = try withExistingRegistry(registryOptions, none: []) {
        registry throws(RegistryError) in
        try registry.history(user: user, serial: serial)
      }
      if json { return try Output.json(HistoryReport(entries: entries)) }
      if let absent { return Output.line("No history: \(absent).") }
      if entries.isEmpty { return Output.line("No history.") }
      for entry in entries { Output.line(entry.line) }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

extension EnrollmentStatus: ExpressibleByArgument {}

extension Enrollment {
  var summaryLine: String {
    "#\(id)  \(status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(user.terminalSafe)  "
      + "\(service?.terminalSafe ?? "-")  token \(serial.terminalSafe) (\(model?.terminalSafe ?? "unknown model"))  "
      + "since \(BackupCodeSheet.date(createdAt)) by \(operatorName.terminalSafe)"
  }
}

extension AuditEntry {
  var line: String {
    "\(BackupCodeSheet.date(at))  \(operatorName.terminalSafe)"
      + (clientHost.map { " from \($0.terminalSafe)" } ?? "")
      + "  \(action.terminalSafe)  \(outcome.terminalSafe)  "
      + [user, serial].compactMap { $0?.terminalSafe }.joined(separator: " ")
      + "  \(detail.terminalSafe)"
  }
}

struct EnrollmentsReport: Encodable { var enrollments: [Enrollment] }
struct EnrollmentDetailReport: Encodable {
  var enrollment: Enrollment
  var codeSets: [BackupCodeSet]
  var history: [AuditEntry]
}
struct HistoryReport: Encodable { var entries: [AuditEntry] }
