import ArgumentParser
import Foundation
import OperatorOutput
import Runtime
import Terminal
import Wizard

/// `tokenburner [wizard]`: the interactive enrollment wizard.
struct WizardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wizard", abstract: "Start the interactive enrollment wizard (the default).",
    discussion: """
      Walks through task, user and service, secret (QR image, pasted URI or key, or generated), \
      reader and token, burn, confirmation, and backup codes. The burned token is recorded in \
      the registry and the backup codes are stored there as salted hashes. Needs a terminal of \
      at least 80x24.
      """)

  @Option(help: "Reader name, or a case-insensitive part of it.") var reader: String?
  @Option(help: "An image with the service's QR code, decoded at start.") var image: String?
  @Option(help: "The user's ID (login name or e-mail address).") var user: String?
  @Option(help: "The service's name, e.g. Atlassian.") var service: String?
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions

  func run() throws {
    guard isatty(0) != 0, isatty(1) != 0 else {
      throw Output.fail(
        OperatorError(
          "The wizard needs a terminal; for scripts use `tokenburner burn` and the other commands.",
          status: .usage),
        json: false)
    }
    let options = WizardOptions(readerName: reader, imagePath: image, user: user, service: service)
    let path: String
    do { path = try registryOptions.sqlitePath() } catch { throw Output.fail(error, json: false) }
    let registry = RegistryDriver(path: path, operatorName: registryOptions.resolvedOperator)
    let ports = RuntimePorts(host: SystemHost(), registry: registry)
    CursesTerminal.restoreAtExit()
    switch WizardRuntime(options: options, ports: ports).run(on: CursesTerminal()) {
    case nil:
      throw Output.fail(
        OperatorError("The terminal could not be set up (check TERM).", status: .unavailable),
        json: false)
    case .completed?, .cancelled?:
      return
    case .terminated?:
      throw ExitCode(143)
    }
  }
}
