import ArgumentParser

struct BurnCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "burn", abstract: "Burn a TOTP seed into a Token2 token.")
  static let plannedPurpose = "burning tokens from the command line"
}

