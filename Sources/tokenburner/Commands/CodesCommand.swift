import ArgumentParser
import BackupSheets
import Foundation
import OTP
import OperatorOutput
import Registry
import SecretSources
import TokenCrypto

/// `tokenburner codes generate|verify|list --user ID`: a user's backup codes.
struct CodesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codes", abstract: "Generate, verify or list a user's backup codes.",
    discussion: """
      Codes are stored only as salted scrypt hashes and each works once. A new set, or \
      marking the token lost, revokes the previous set. At most \
      \(BackupCodePolicy.maximumFailures) wrong codes per user per \
      \(BackupCodePolicy.failureWindow / 60) minutes are checked.
      """,
    subcommands: [GenerateCodes.self, VerifyCode.self, ListCodes.self])
}

/// Which of the user's enrollments a command is about.
struct EnrollmentSelection: ParsableArguments {
  @Option(help: "The user's ID.") var user: String
  @Option(help: "The service, when the user has tokens for several.") var service: String?
  @Option(help: ArgumentHelp("The enrollment number (from `registry list`).", valueName: "id"))
  var enrollment: Int64?

  func resolve(in registry: any RegistryStore) throws(RegistryError) -> Enrollment {
    guard let enrollment else { return try registry.activeEnrollment(user: user, service: service) }
    let found = try registry.enrollment(enrollment)
    guard found.user == user else { throw .noSuchEnrollment(enrollment) }
    guard found.status == .active else { throw .notActive(id: found.id, status: found.status) }
    return found
  }
}

struct GenerateCodes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract:
      "Issue a new set of backup codes (the old set stops working once the new one is saved, printed or shown)."
  )

  @OptionGroup var selection: EnrollmentSelection
  @Option(help: "How many codes (1-20).") var count = BackupCode.defaultCount
  @Flag(help: "Print the sheet with lp.") var print = false
  @Option(help: "The CUPS printer (default: the default destination).") var printer: String?
  @Option(help: ArgumentHelp("Save the sheet to a new file (mode 0600).", valueName: "path"))
  var save: String?
  @Flag(
    help: "Read the service's own recovery key from standard input for the sheet (never stored).")
  var recoveryStdin = false
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object (it holds the codes).") var json = false

  func validate() throws {
    guard (1...20).contains(count) else {
      throw ValidationError("--count must be between 1 and 20.")
    }
    if printer != nil && !print { throw ValidationError("--printer needs --print.") }
    if recoveryStdin && !print && save == nil {
      throw ValidationError("--recovery-stdin only adds to a printed or saved sheet.")
    }
  }

  func run() throws {
    do {
      let recoveryKey =
        recoveryStdin
        ? try FailureMapping.reading { () throws(SourceFailure) in
          try StandardInput.readText(what: "standard input")
        } : nil
      let registry = try registryOptions.openStore()
      let operatorName = registryOptions.resolvedOperator
      let enrollment: Enrollment
      do { enrollment = try selection.resolve(in: registry) } catch {
        throw OperatorError(registryError: error)
      }
      let codes: [BackupCode]
      let hashes: [BackupCodeHash]
      do {
        let random = SystemRandom()
        codes = try BackupCode.generate(count: count, using: random)
        hashes = try codes.map {
          try BackupCodeHash.make($0, salt: try random.bytes(BackupCodeHash.saltLength))
        }
      } catch {
        throw OperatorError("could not make backup codes: \(error)", status: .software)
      }
      let now = unixNow()
      let sheet = BackupCodeSheet(
        enrollment: enrollment, codes: codes, issuedAt: now, operatorName: operatorName,
        serviceRecoveryKey: recoveryKey)
      // The new set becomes active (and the old one revoked) only once the operator has it: the
      // sheet saved and on disk, the print job accepted, or the codes on the screen. Any failure
      // before that leaves the registry as it was, and the previous codes keep working.
      let printed = try deliver(sheet, user: enrollment.user)
      if !json { show(codes, of: enrollment) }
      let setID: Int64
      do {
        setID = try registry.issueBackupCodes(
          enrollmentID: enrollment.id, hashes: hashes, at: now, operatorName: operatorName)
      } catch {
        if let save { unlink(save) }
        let failure = OperatorError(registryError: error)
        throw OperatorError(
          failure.message + ". These codes were NOT issued"
            + (save != nil ? " (the saved sheet was removed)" : "")
            + (printed != nil ? "; destroy the printed sheet" : "")
            + "; the previous backup codes still work", status: failure.status)
      }
      if json {
        try Output.json(
          GeneratedCodesReport(
            enrollmentId: enrollment.id, setId: setID, user: enrollment.user,
            serial: enrollment.serial,
            codes: codes.map(\.text), savedTo: save, printJob: printed))
      } else {
        Output.line("\nThey are issued now; the previous set no longer works.")
        if let save { Output.line("Sheet saved to \(save.terminalSafe) (readable by you only).") }
        if let printed { Output.line("Sheet sent to the printer: \(printed.terminalSafe)") }
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

extension GenerateCodes {
  /// Saves and prints the sheet as asked; returns what `lp` said. On a failure nothing is
  /// issued: a sheet this call saved is removed again, and the error says the old codes work.
  private func deliver(_ sheet: BackupCodeSheet, user: String) throws(OperatorError) -> String? {
    let unchanged = "; nothing was changed: the previous backup codes still work"
    if let save {
      do { try SheetOutput.save(sheet.text, to: save) } catch {
        throw OperatorError(error.message + unchanged, status: error.status)
      }
    }
    guard print else { return nil }
    do {
      return try SheetOutput.print(
        sheet.text, printer: printer, title: "backup codes \(user.terminalSafe)")
    } catch {
      if let save { unlink(save) }
      throw OperatorError(
        error.message + (save != nil ? " (the saved sheet was removed)" : "") + unchanged,
        status: error.status)
    }
  }

  /// The codes in the terminal, numbered, before they are issued.
  private func show(_ codes: [BackupCode], of enrollment: Enrollment) {
    Output.line(
      "Backup codes for \(enrollment.user.terminalSafe), token \(enrollment.serial.terminalSafe) (enrollment #\(enrollment.id)):"
    )
    Output.line("Each works once; they are shown only now.")
    Output.line()
    for (index, code) in codes.enumerated() {
      Output.line("  \(String(index + 1).leftPadded(to: 2)).  \(code.text)")
    }
  }
}

struct GeneratedCodesReport: Encodable {
  var enrollmentId: Int64
  var setId: Int64
  var user: String
  var serial: String
  var codes: [String]
  var savedTo: String?
  var printJob: String?
}

struct VerifyCode: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Check a backup code a user reads out (it is used up); the code is read from standard input or typed at a hidden prompt."
  )

  @Option(help: "The user's ID.") var user: String
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      // A code given as the user would be checked against nobody and kept in the audit log as
      // the user's name: refuse it before anything is read or written.
      if ArgumentRedaction.looksLikeSecret(user) {
        throw OperatorError(
          "--user looks like a backup code or a key; the code is read from standard input or the prompt",
          status: .usage)
      }
      let typed = try FailureMapping.reading { () throws(SourceFailure) in try CodePrompt.read() }
      guard let code = BackupCode(typed: typed) else {
        throw OperatorError(
          "that is not a backup code: codes are \(BackupCode.groupCount) groups of "
            + "\(BackupCode.groupLength) letters and digits, e.g. K7QMX-4XTPR-9WHZD (not counted as an attempt)",
          status: .dataError)
      }
      let registry = try registryOptions.openStore()
      let result: CodeVerification
      do {
        result = try registry.verifyBackupCode(
          code, user: user, at: unixNow(), operatorName: registryOptions.resolvedOperator)
      } catch { throw OperatorError(registryError: error) }
      switch result {
      case .accepted(let enrollment, let position, let remaining):
        if json {
          try Output.json(
            VerificationReport(
              accepted: true, user: user, enrollmentId: enrollment.id,
              serial: enrollment.serial, position: position, remaining: remaining, attemptsLeft: nil
            ))
        } else {
          Output.line(
            "Code accepted: #\(position) of \(user.terminalSafe)'s set for token \(enrollment.serial.terminalSafe) "
              + "(enrollment #\(enrollment.id)). It is used up; \(remaining) left.")
        }
      case .rejected(let attemptsLeft):
        throw OperatorError(
          "code refused for \(user.terminalSafe): wrong, already used, or revoked. \(attemptsLeft) more wrong "
            + "codes are checked before a \(BackupCodePolicy.failureWindow / 60)-minute pause.",
          status: .permissionDenied)
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct VerificationReport: Encodable {
  var accepted: Bool
  var user: String
  var enrollmentId: Int64?
  var serial: String?
  var position: Int?
  var remaining: Int?
  var attemptsLeft: Int?
}

struct ListCodes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Show a user's code sets: which codes are used or revoked (never the codes).")

  @Option(help: "The user's ID.") var user: String
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let (sets, absent) = try withExistingRegistry(registryOptions, none: []) {
        registry throws(RegistryError) in
        try registry.codeSets(user: user)
      }
      if json {
        try Output.json(CodeSetsReport(user: user, sets: sets))
        return
      }
      guard !sets.isEmpty else {
        Output.line("\(user.terminalSafe) has no backup codes" + (absent.map { ": \($0)." } ?? "."))
        return
      }
      for set in sets {
        let state =
          set.revokedAt.map {
            "revoked \(BackupCodeSheet.date($0)) (\(set.revokedReason?.terminalSafe ?? ""))"
          } ?? "current"
        Output.line(
          "Set #\(set.id) for enrollment #\(set.enrollmentId), issued \(BackupCodeSheet.date(set.createdAt)), \(state): \(set.usableCount) of \(set.slots.count) usable"
        )
        let used = set.slots.filter { $0.usedAt != nil }.map { "#\($0.position)" }
        if !used.isEmpty { Output.line("  used: \(used.joined(separator: ", "))") }
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct CodeSetsReport: Encodable {
  var user: String
  var sets: [BackupCodeSet]
}
