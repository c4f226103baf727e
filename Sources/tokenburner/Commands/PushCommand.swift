import ArgumentParser
import OTP
import OperatorOutput
import PrivacyIDEA
import Registry
import SecretSources

/// `tokenburner push --enrollment ID SECRET-SOURCE [--rollover] [--json]`: enrolls a recorded
/// token at the privacyIDEA server the config file names, and verifies it there.
struct PushCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "push",
    abstract: "Enroll a recorded token at privacyIDEA and verify it with its current code.",
    discussion: """
      The server, realm and admin credential come from the [privacyidea] section of \
      $XDG_CONFIG_HOME/tokenburner/config.toml. The token's secret is read as for `code` and \
      must match the fingerprint the registry recorded. A serial that already exists at the \
      server is never replaced, unless --rollover is given and it belongs to the same user. \
      Exit codes: 0 enrolled and verified, 65 serial taken or code refused, 69 refused by the \
      server or TLS, 75 server unreachable (pending: run push again), 77 credential refused.
      """)

  @OptionGroup(title: "Secret source (exactly one)") var source: SecretSourceOptions
  @OptionGroup var registryOptions: RegistryOptions

  @Option(help: ArgumentHelp("The registry's enrollment to push.", valueName: "id"))
  var enrollment: Int64

  @Flag(help: "Replace the key of the same serial for the same user at the server (a re-burn).")
  var rollover = false

  @Flag(help: "Print one JSON object.")
  var json = false

  func validate() throws { try source.validateSingleSource() }

  func run() throws {
    do {
      guard let setup = try PushSetup.load() else {
        throw OperatorError(
          "no [privacyidea] section in \(PushSetup.configPath): pushing is off", status: .usage)
      }
      guard let registry = try registryOptions.openExisting() else {
        throw OperatorError("no registry at \(registryOptions.path)", status: .dataError)
      }
      let recorded: Enrollment
      do {
        recorded = try registry.enrollment(enrollment)
      } catch {
        throw OperatorError(registryError: error)
      }
      let loaded = try source.load()
      guard SecretFingerprint.of(loaded.secret) == recorded.secretFingerprint else {
        throw OperatorError(
          "this secret is not the one enrollment #\(recorded.id) recorded (its fingerprint "
            + "differs)", status: .dataError)
      }
      let result = setup.pusher.push(
        recorded, secret: loaded.secret, at: unixNow(), rollover: rollover)
      let realm = setup.configuration.realm
      if json {
        try Output.json(Report(privacyidea: PushReport(result, user: recorded.user, realm: realm)))
      } else {
        // The server's own error text is outside input: spelled out, on one line.
        let line = result.summary(user: recorded.user, realm: realm).terminalSafe
        if result.exitStatus == .success { Output.line(line) } else { Output.errorLine(line) }
      }
      if result.exitStatus != .success { throw result.exitStatus.exitCode }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }

  private struct Report: Encodable {
    var privacyidea: PushReport
  }
}
