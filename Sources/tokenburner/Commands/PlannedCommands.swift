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

struct WizardCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "wizard", abstract: "Start the interactive enrollment wizard (the default).")
  static let plannedPurpose = "the interactive wizard"
}

struct CodesCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "codes", abstract: "Generate, verify or list a user's backup codes.")
  static let plannedPurpose = "backup codes in the helpdesk registry"
  @Argument(help: "generate, verify or list.") var action: String?
  @Option(help: "The user's ID.") var user: String?
  @Flag(help: "Print one JSON object.") var json = false
}

struct RegistryCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry", abstract: "List and show enrollments, mark tokens lost, show history.")
  static let plannedPurpose = "the helpdesk registry"
  @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}

struct VaultCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "vault", abstract: "Initialise, check and re-key the encrypted secret vault.")
  static let plannedPurpose = "the encrypted vault"
  @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}

struct SeedsCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "seeds", abstract: "Import, list and export vendor seed files.")
  static let plannedPurpose = "vendor seed files"
  @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}
