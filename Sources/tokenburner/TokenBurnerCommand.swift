import ArgumentParser
import Foundation
import OperatorOutput
import TokenCrypto

/// The `tokenburner` executable: the wizard by default, and a non-interactive twin for every
/// wizard action.
@main
struct TokenBurnerCommand: ParsableCommand {
  /// Parses and runs like ArgumentParser's own `main()`, except that a usage error never echoes
  /// an argument that looks like a secret (an operator who typed one on the command line must
  /// not find it again in the terminal's scrollback or a log of stderr).
  ///
  /// Before anything is parsed the process hardens itself (`ProcessHardening`): no core
  /// file, not dumpable, and a crash prints one line instead of registers and memory.
  static func main() {
    ProcessHardening.apply()
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = ArgumentRedaction.redact(fullMessage(for: error), arguments: arguments)
      if !message.isEmpty {
        let stream = code == .success ? Output.line : Output.errorLine
        stream(message)
      }
      if ArgumentRedaction.containsSecretLookalike(arguments) {
        Output.errorLine(
          "tokenburner: secrets are never taken as arguments; use --secret-stdin, --uri-stdin, "
            + "--secret-file or --secret-env.")
      }
      Foundation.exit(code.rawValue)
    }
  }

  /// Reported by `--version`.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "tokenburner",
    abstract: "Burn TOTP seeds into Token2 programmable tokens over a PC/SC NFC reader.",
    discussion: """
      Without a subcommand the interactive wizard starts. Secrets are never taken from the \
      command line: use standard input, a file, an environment variable, an image or --generate.

      Exit codes: 0 success, 64 usage error, 65 bad input data, 69 unavailable (pcscd, reader, \
      card), 70 internal error, 75 temporary failure (link lost, outcome unknown: retry), \
      77 the token refused authentication or is locked.
      """,
    version: version,
    subcommands: [
      WizardCommand.self, ReadersCommand.self, InfoCommand.self, DecodeCommand.self,
      BurnCommand.self, CodeCommand.self, CodesCommand.self, RegistryCommand.self,
      VaultCommand.self, SeedsCommand.self, SimulateCommand.self, DoctorCommand.self,
      PushCommand.self, AccountsCommand.self, ProfilesCommand.self,
    ],
    defaultSubcommand: WizardCommand.self)
}
