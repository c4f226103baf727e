import ArgumentParser
import BurnPreparation
import Foundation
import OTP
import OperatorOutput
import Registry
import SeedFiles
import TokenCrypto

/// `seeds register`: the command-line twin of the wizard's "Register a non-programmable
/// token". Looks the serial up among the imported factory seeds, records the enrollment (with
/// the seed's fingerprint), and shows the key once — Base32 in groups of four and its otpauth
/// URI — for entering in each service's 2FA user manager, with the codes the token should show.
struct SeedsRegister: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "register",
    abstract: "Register a factory-seeded token for a user and show its key once.",
    discussion: """
      Compare the token's display with the code printed here before handing it out, then issue \
      backup codes with `tokenburner codes generate --user U`. A lost token of the same user \
      and service is recorded as replaced, as with a burn.
      """)
  @Option(help: "The token's serial, as printed on its label.") var serial: String?
  @Option(
    help: ArgumentHelp(
      "Read the serial from the QR code in a photo or scan of the label.", valueName: "path"))
  var serialImage: String?
  @Option(help: "The user the token is for.") var user: String
  @Option(help: "The service, e.g. Jira (the issuer of the otpauth URI).") var service: String?
  @Option(help: "The account name in the otpauth URI (default: the user).") var account: String?
  @OptionGroup(title: "Vault passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false
  @Flag(
    help: """
      Print the key and its otpauth URI as plain output (with --json: in the object). Without \
      it a terminal shows them on its alternate screen until Enter, and a run whose output is \
      not a terminal is refused before anything is recorded.
      """)
  var showSecret = false

  func validate() throws {
    try passphrase.validateSingle()
    guard (serial == nil) != (serialImage == nil) else {
      throw ValidationError("Name the token with exactly one of --serial and --serial-image.")
    }
  }

  func run() throws {
    do {
      // Before the registration: a key that could not be shown must not be recorded unseen.
      let display =
        json
        ? nil
        : try FailureMapping.showing { () throws(KeyDisplay.NoTerminal) in
          try KeyDisplay.mode(showSecret: showSecret)
        }
      let serial = try serial ?? SerialImage.serial(in: serialImage ?? "")
      let registry = try registryOptions.open()
      let key = try unlockVault(registry, passphrase)
      let registered = try withVault { () throws(VaultError) in
        try registry.registerFactoryToken(
          serial: serial, user: user, service: service, account: account, key: key, at: unixNow(),
          operatorName: registryOptions.resolvedOperator)
      }
      let seed = registered.seed
      let algorithm: OTPAlgorithmName = seed.algorithm == "sha256" ? .sha256 : .sha1
      let uri = OTPAuthURI(
        issuer: service, account: account ?? user, secret: seed.secret, algorithm: algorithm,
        digits: seed.digits, period: seed.period)
      let now = unixNow()
      let window = TOTP.window(
        secret: seed.secret, at: now,
        parameters: TOTPParameters(
          algorithm: algorithm.hashAlgorithm ?? .sha1, digits: seed.digits, period: seed.period))
      if json {
        return try Output.json(
          SeedsRegisterReport(
            enrollmentId: registered.enrollment.id, serial: serial, user: user, service: service,
            outcome: registered.outcome.summary(registered.enrollment), algorithm: seed.algorithm,
            digits: seed.digits, period: seed.period,
            secret: showSecret ? Base32.encode(seed.secret.revealedBytes()) : nil,
            otpauthUri: showSecret ? uri.uriString : nil))
      }
      Output.line(
        "Registered token \(serial.terminalSafe) for \(user.terminalSafe)"
          + (service.map { " (\($0.terminalSafe))" } ?? "") + ": "
          + registered.outcome.summary(registered.enrollment))
      Output.line()
      KeyDisplay.show(
        [
          "Enter this key in each service's 2FA user manager now; it is not shown again.",
          "  Key   \(Base32.grouped(Base32.encode(seed.secret.revealedBytes())))",
          "  URI   \(uri.uriString)",
        ], mode: display ?? .plain)
      Output.line()
      Output.line(
        "Check       switch the token on and compare: \(window.current) now (\(window.secondsLeft) s left), "
          + "\(window.next) next")
      Output.line("Next        tokenburner codes generate --user \(user.terminalSafe)")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct SeedsRegisterReport: Encodable {
  var enrollmentId: Int64
  var serial: String
  var user: String
  var service: String?
  var outcome: String
  var algorithm: String
  var digits: Int
  var period: Int
  var secret: String?
  var otpauthUri: String?
}
