import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import SecretSources
import TokenCrypto

/// `tokenburner code SOURCE [--at UNIX_TIME] [--watch] [--json]`: the codes a token with this
/// secret shows, for checking a token or a service by hand.
struct CodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "code",
    abstract: "Show the current, previous and next TOTP codes for a secret.",
    discussion: """
      A bare secret uses SHA1, 6 digits and 30 s unless --algorithm, --digits or --period say \
      otherwise; an otpauth URI carries its own parameters.
      """)

  @OptionGroup(title: "Secret source (exactly one)") var source: SecretSourceOptions

  @Option(help: ArgumentHelp("Compute for this time instead of now.", valueName: "unix-time"))
  var at: Int64?

  @Flag(help: "Keep showing a live countdown line until interrupted (Ctrl-C).")
  var watch = false

  @Option(help: "HMAC algorithm for a bare secret: sha1, sha256 or sha512.")
  var algorithm: HashAlgorithmArgument?

  @Option(help: "Code length for a bare secret: 6 or 8.")
  var digits: Int?

  @Option(help: "Seconds per code for a bare secret (1-300).")
  var period: Int?

  @Flag(help: "Print one JSON object.")
  var json = false

  func validate() throws {
    try source.validateSingleSource()
    if let digits, ![6, 8].contains(digits) { throw ValidationError("--digits must be 6 or 8.") }
    if let period, !(1...300).contains(period) {
      throw ValidationError("--period must be between 1 and 300 seconds.")
    }
    if watch && json { throw ValidationError("--watch and --json cannot be combined.") }
    if watch && at != nil { throw ValidationError("--watch follows the clock; drop --at.") }
  }

  func run() throws {
    do {
      let loaded = try source.load()
      let parameters = try resolveParameters(loaded)
      if watch {
        CountdownLine(secret: loaded.secret, parameters: parameters).run()
        return
      }
      let time = at ?? Int64(Date().timeIntervalSince1970)
      let window = TOTP.window(secret: loaded.secret, at: time, parameters: parameters)
      if json {
        try Output.json(CodeReport(window: window, parameters: parameters, time: time))
      } else {
        printHuman(window, parameters: parameters, loaded: loaded)
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }

  /// The URI's parameters, or the flags' (defaults SHA1/6/30) for a bare secret.
  private func resolveParameters(_ loaded: LoadedSecret) throws(OperatorError) -> TOTPParameters {
    try FailureMapping.reading { () throws(SourceFailure) in
      try loaded.totpParameters(algorithm: algorithm?.value, digits: digits, period: period)
    }
  }

  private func printHuman(_ window: TOTPWindow, parameters: TOTPParameters, loaded: LoadedSecret) {
    let label = [loaded.issuer, loaded.account].compactMap { $0 }.filter { !$0.isEmpty }
    if !label.isEmpty {
      Output.line("Account   \(label.map(\.terminalSafe).joined(separator: ": "))")
    }
    Output.line("Code      \(window.current)   (\(window.secondsLeft) s left)")
    Output.line("Previous  \(window.previous ?? "-")")
    Output.line("Next      \(window.next)")
    Output.line(
      "Settings  \(parameters.algorithm.rawValue), \(parameters.digits) digits, "
        + "\(parameters.period) s")
  }
}

/// The JSON shape of `code --json`; never contains the secret.
struct CodeReport: Encodable {
  var code: String
  var previous: String?
  var next: String
  var secondsLeft: Int
  var step: UInt64
  var time: Int64
  var algorithm: String
  var digits: Int
  var period: Int

  init(window: TOTPWindow, parameters: TOTPParameters, time: Int64) {
    code = window.current
    previous = window.previous
    next = window.next
    secondsLeft = window.secondsLeft
    step = window.step
    self.time = time
    algorithm = parameters.algorithm.rawValue
    digits = parameters.digits
    period = parameters.period
  }
}

/// `--algorithm` values.
struct HashAlgorithmArgument: ExpressibleByArgument {
  var value: HashAlgorithm

  init?(argument: String) {
    guard let hash = OTPAlgorithmName(uriValue: argument)?.hashAlgorithm else { return nil }
    value = hash
  }

  static var allValueStrings: [String] { ["sha1", "sha256", "sha512"] }
}
