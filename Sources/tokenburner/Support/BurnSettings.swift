import ArgumentParser
import OTP
import SecretSources
import Token2

/// What `burn` writes besides the seed, decided from the secret's source and the flags: an
/// otpauth URI or export carries its own parameters (flags may only repeat them), a bare or
/// generated secret takes the flags or the defaults (SHA-1, 30 s).
struct BurnSettings {
  var algorithm: Token2Algorithm
  var period: Token2Period
  /// Things the operator should know that do not stop the burn (a short secret).
  var warnings: [String]

  /// Checks `loaded` against what a Token2 single-profile token can hold.
  ///
  /// - Throws: `OperatorError` 65 with every reason the token cannot hold the account, or 64
  ///   when a flag contradicts the URI.
  static func resolve(
    _ loaded: LoadedSecret, algorithm flagAlgorithm: Token2Algorithm?,
    period flagPeriod: Token2Period?
  ) throws(OperatorError) -> BurnSettings {
    let check: CapabilityCheck
    if loaded.carriesParameters {
      guard let type = loaded.type else {
        throw OperatorError(
          "the account's code type is not known, so it cannot go on a TOTP token",
          status: .dataError)
      }
      var conflicts: [String] = []
      let uriAlgorithm = loaded.algorithm ?? .sha1
      if let flagAlgorithm, flagAlgorithm.hashAlgorithm != uriAlgorithm.hashAlgorithm {
        conflicts.append("--algorithm")
      }
      if let flagPeriod, flagPeriod.seconds != loaded.period { conflicts.append("--period") }
      guard conflicts.isEmpty else {
        throw OperatorError(
          "\(conflicts.joined(separator: " and ")) disagree with the otpauth URI; drop them "
            + "(the service decides these settings)", status: .usage)
      }
      check = TokenCapabilities.token2SingleProfile.check(
        type: type, algorithm: uriAlgorithm, digits: loaded.digits ?? 6,
        period: loaded.period ?? 30, secret: loaded.secret)
    } else {
      let algorithm: OTPAlgorithmName = flagAlgorithm == .sha256 ? .sha256 : .sha1
      check = TokenCapabilities.token2SingleProfile.check(
        type: .totp, algorithm: algorithm, digits: 6, period: flagPeriod?.seconds ?? 30,
        secret: loaded.secret)
    }
    switch check {
    case .unsupported(let problems):
      throw OperatorError(
        "a Token2 token cannot hold this account: "
          + problems.map(\.description).joined(separator: "; "), status: .dataError)
    case .burnable(let plan):
      guard let algorithm = Token2Algorithm(plan.algorithm),
        let period = Token2Period(rawValue: plan.period)
      else {
        throw OperatorError(
          "internal error: the capability check let through \(plan.algorithm)/\(plan.period) s",
          status: .software)
      }
      return BurnSettings(
        algorithm: algorithm, period: period, warnings: plan.warnings.map(\.description))
    }
  }
}

extension Token2Algorithm: ExpressibleByArgument {
  /// `sha1` or `sha256` (any case, dashes allowed).
  public init?(argument: String) {
    guard let name = OTPAlgorithmName(uriValue: argument), let hash = name.hashAlgorithm,
      let algorithm = Token2Algorithm(hash)
    else { return nil }
    self = algorithm
  }

  public static var allValueStrings: [String] { ["sha1", "sha256"] }

  /// The lower-case name used on the command line and in JSON.
  var argumentName: String { rawValue.lowercased() }
}

extension Token2Period: ExpressibleByArgument {
  /// `30` or `60`.
  public init?(argument: String) {
    guard let seconds = Int(argument), let period = Token2Period(rawValue: seconds) else {
      return nil
    }
    self = period
  }

  public static var allValueStrings: [String] { allCases.map { String($0.seconds) } }
}

extension DisplayTimeout: ExpressibleByArgument {
  /// `15`, `30`, `60` or `120`.
  public init?(argument: String) {
    guard let seconds = Int(argument), let timeout = DisplayTimeout(rawValue: seconds) else {
      return nil
    }
    self = timeout
  }

  public static var allValueStrings: [String] { allCases.map { String($0.seconds) } }
}
