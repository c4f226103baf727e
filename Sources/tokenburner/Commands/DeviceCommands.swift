import ArgumentParser

struct ReadersCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "readers", abstract: "List PC/SC readers and whether a card is present.")
  static let plannedPurpose = "PC/SC reader listing"
  @Flag(help: "Print one JSON object.") var json = false
}

struct InfoCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "info", abstract: "Read a token's serial, model, clock and drift.")
  static let plannedPurpose = "reading token information"
  @Option(help: "Reader name or part of it.") var reader: String?
  @Flag(help: "Print one JSON object.") var json = false
}

struct BurnCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "burn", abstract: "Burn a TOTP seed into a Token2 token.")
  static let plannedPurpose = "burning tokens"
}

struct SimulateCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate", abstract: "Run a simulated Token2 token behind the vpcd driver.")
  static let plannedPurpose = "the simulated token"
}
