import ArgumentParser

/// A command of the contract that this build does not provide yet: it says so and exits 70.
protocol PlannedCommand: ParsableCommand {
  /// What the command will do, for the message.
  static var plannedPurpose: String { get }
}

extension PlannedCommand {
  func run() throws {
    let name = Self.configuration.commandName ?? "this command"
    throw Output.fail(
      OperatorError(
        "`\(name)` is not implemented in this version yet (\(Self.plannedPurpose)).",
        status: .software),
      json: false)
  }
}

struct DoctorCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor", abstract: "Check pcscd, readers, libraries, locale and terminal.")
  static let plannedPurpose = "set-up diagnostics"
}
