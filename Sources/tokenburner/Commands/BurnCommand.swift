import ArgumentParser
import BurnPreparation
import Foundation
import OTP
import OperatorOutput
import PCSC
import SecretSources
import Token2
import TokenCrypto
import TokenService

/// `tokenburner burn`: writes a TOTP seed into the Token2 token on the reader (protocol note
/// §4.8: GET INFO, GET CHALLENGE, AUTHENTICATE, WRITE CONFIG, WRITE SEED, GET INFO).
struct BurnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "burn",
    abstract: "Burn a TOTP seed into a Token2 token.",
    discussion: """
      The seed comes from standard input, a file, an environment variable, an image, or \
      --generate; never from the command line. An otpauth URI brings its own algorithm and \
      period; a bare secret uses SHA-1 and 30 s unless --algorithm and --period say otherwise.

      On restricted models (OTPC-P2-i, miniOTP-3-i, C301-i, ...) writing the clock erases the \
      previous seed, so the settings always go first and the seed right after, in one session. \
      A refused key is never retried, and neither is an AUTHENTICATE whose answer was lost (the \
      token may have refused the key: exit 75; check it before retrying). If the token leaves \
      the reader during a write, the burn waits for it (--return-timeout), reconnects once and \
      finishes; otherwise it says exactly what the token may hold now and exits 75, and burning \
      again completes the job.
      """)

  @OptionGroup(title: "Secret source (exactly one)") var source: SecretSourceOptions

  @Flag(help: "Generate a random secret; it is shown once after the burn (see --show-secret).")
  var generate = false

  @Option(help: ArgumentHelp("Length of a generated secret in bytes (10-63).", valueName: "bytes"))
  var generateLength = 20

  @Option(help: "Reader name, or a case-insensitive part of it.") var reader: String?

  @Option(help: "HMAC algorithm for a bare or generated secret.") var algorithm: Token2Algorithm?

  @Option(help: "Seconds per code for a bare or generated secret.") var period: Token2Period?

  @Option(help: "Seconds the token's display stays on.")
  var displayTimeout: DisplayTimeout = .seconds30

  @Option(help: "The user this token is for: records the enrollment in the registry.")
  var user: String?

  @Option(help: "The service, e.g. Jira (the issuer of a generated otpauth URI).")
  var service: String?

  @Flag(help: "Authenticate to a token whose serial prefix is not a known Token2 model.")
  var allowUnknownModel = false

  @Option(
    help: ArgumentHelp(
      "File holding the 16-byte customer key of OEM tokens (raw bytes).", valueName: "path"))
  var customerKeyFile: String?

  @Option(
    help: ArgumentHelp(
      "Seconds to wait for the token to come back if it leaves the reader mid-burn.",
      valueName: "seconds"))
  var returnTimeout = 10

  @OptionGroup(title: "Registry (used with --user)") var registryOptions: RegistryOptions

  @OptionGroup(title: "Vault (with --user)") var vault: VaultBurnOptions

  @Flag(help: "Print one JSON object.") var json = false

  @Flag(
    help: """
      With --generate: print the key and its otpauth URI as plain output (with --json: in the \
      object). Without it a terminal shows them on its alternate screen until Enter, and a burn \
      whose output is not a terminal is refused before the token is touched.
      """)
  var showSecret = false

  func validate() throws {
    try source.validateSingleSource(extra: (generate ? ["--generate"] : []) + vault.sourceNames)
    try vault.validate(user: user, readsStandardInput: source.uriStdin || source.secretStdin)
    guard TokenCapabilities.token2SingleProfile.secretLength.contains(generateLength) else {
      throw ValidationError("--generate-length must be between 10 and 63 bytes.")
    }
    if showSecret && !generate {
      throw ValidationError(
        "--show-secret applies to --generate only; a secret you supplied is never printed.")
    }
    if !(0...600).contains(returnTimeout) {
      throw ValidationError("--return-timeout must be between 0 and 600 seconds.")
    }
  }

  func run() throws {
    do {
      // Before anything else: a generated key that could not be shown must not be burned.
      let display =
        generate && !json
        ? try FailureMapping.showing { () throws(KeyDisplay.NoTerminal) in
          try KeyDisplay.mode(showSecret: showSecret)
        } : nil
      let vaultBurn = try vault.prepare(registryOptions, user: user, service: service)
      let loaded = try vaultBurn?.loaded ?? loadSecret()
      let settings: BurnSettings
      do {
        settings = try BurnSettings.resolve(loaded, algorithm: algorithm, period: period)
      } catch {
        throw FailureMapping.operatorError(error)
      }
      let request = BurnRequest(
        secret: loaded.secret, algorithm: settings.algorithm, period: settings.period,
        displayTimeout: displayTimeout, allowUnknownModel: allowUnknownModel,
        key: try CustomerKeyFile.load(customerKeyFile))
      if !json {
        for warning in settings.warnings {
          Output.errorLine("tokenburner: warning: \(warning.terminalSafe)")
        }
      }
      vaultBurn?.warn()
      // Opened before the burn, so an unusable registry stops us before the token is touched.
      let recorder = try user.map { user throws(OperatorError) in
        // Keeping the secret needs the SQLite registry's vault; otherwise any store will do.
        if let key = vaultBurn?.key {
          BurnRecorder(
            registry: try registryOptions.open(), operatorName: registryOptions.resolvedOperator,
            user: user, service: service ?? loaded.issuer, account: loaded.account, vaultKey: key)
        } else {
          BurnRecorder(
            store: try registryOptions.openStore(), operatorName: registryOptions.resolvedOperator,
            user: user, service: service ?? loaded.issuer, account: loaded.account)
        }
      }

      let started = ContinuousClock.now
      let report: BurnReport
      do {
        report = try burn(request)
      } catch {
        recorder?.recordFailure(error)
        throw error
      }
      let elapsed = ContinuousClock.now - started
      let recorded = try recorder?.recordSuccess(report, secret: loaded.secret)

      let generated =
        generate
        ? GeneratedAccount(loaded: loaded, report: report, user: user, service: service) : nil
      let output = BurnOutput(
        report: report, elapsed: elapsed, user: user, service: service ?? loaded.issuer,
        warnings: settings.warnings, secret: loaded.secret, recorded: recorded)
      if json {
        try Output.json(output.jsonReport(revealing: showSecret ? generated : nil))
      } else {
        output.printHuman(now: Int64(Date().timeIntervalSince1970))
        if let generated, let display { generated.showOnce(display) }
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }

  private func loadSecret() throws(OperatorError) -> LoadedSecret {
    guard generate else { return try source.load() }
    do {
      return LoadedSecret(secret: Secret(try SystemRandom().bytes(generateLength)))
    } catch {
      throw OperatorError("the system random generator failed: \(error)", status: .software)
    }
  }

  /// Burns through the family-A service: an exclusive session, whose one reconnect waits up
  /// to --return-timeout for a token that left the reader.
  private func burn(_ request: BurnRequest) throws(OperatorError) -> BurnReport {
    let context = try openContext()
    defer { context.release() }
    let wait = returnTimeout
    let service = CardServices.token2(
      context: context, returnTimeout: .seconds(wait),
      onWaiting: { [json] in
        if !json {
          Output.errorLine(
            "tokenburner: the token left the reader; lay it flat on the reader again "
              + "(waiting up to \(wait) s)")
        }
      })
    do {
      return try service.burn(request, on: .choose(reader)) { [json] stage in
        if !json { Output.line(stage.progressText) }
      }
    } catch {
      throw FailureMapping.operatorError(error)
    }
  }
}

extension BurnStage {
  /// One progress line per stage.
  var progressText: String {
    switch self {
    case .readInfo: "Reading the token..."
    case .authenticate: "Authenticating..."
    case .writeConfig: "Writing settings and clock..."
    case .writeSeed: "Writing the seed..."
    case .reconnect: "Link lost; reconnecting..."
    case .verify: "Reading the token back..."
    }
  }
}
