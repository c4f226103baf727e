import OTP
import SecretSources
import Token2

/// What `burn` writes besides the seed, decided from the secret's source and the flags: an
/// otpauth URI or export carries its own parameters (flags may only repeat them), a bare or
/// generated secret takes the flags or the defaults (SHA-1, 30 s).
public struct BurnSettings {
  public var algorithm: Token2Algorithm
  public var period: Token2Period
  /// Things the operator should know that do not stop the burn (a short secret).
  public var warnings: [String]

  /// Why the account cannot be burned as asked.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    /// An export entry whose code type is not known.
    case unknownType
    /// These flags disagree with the URI's own parameters (usage).
    case conflictingFlags([String])
    /// Every reason the token cannot hold the account.
    case unsupported([String])
    /// The capability check let through settings the token has no value for (a bug).
    case planOutOfRange(String)

    public var description: String {
      switch self {
      case .unknownType:
        "the account's code type is not known, so it cannot go on a TOTP token"
      case .conflictingFlags(let flags):
        "\(flags.joined(separator: " and ")) disagree with the otpauth URI; drop them "
          + "(the service decides these settings)"
      case .unsupported(let problems):
        "a Token2 token cannot hold this account: " + problems.joined(separator: "; ")
      case .planOutOfRange(let settings):
        "internal error: the capability check let through \(settings)"
      }
    }
  }

  /// Checks `loaded` against what a Token2 single-profile token can hold.
  ///
  /// - Throws: `BurnSettings.Problem` with every reason the token cannot hold the account, or
  ///   the flags that contradict the URI.
  public static func resolve(
    _ loaded: LoadedSecret, algorithm flagAlgorithm: Token2Algorithm?,
    period flagPeriod: Token2Period?
  ) throws(Problem) -> BurnSettings {
    let check: CapabilityCheck
    if loaded.carriesParameters {
      guard let type = loaded.type else {
        throw .unknownType
      }
      var conflicts: [String] = []
      let uriAlgorithm = loaded.algorithm ?? .sha1
      if let flagAlgorithm, flagAlgorithm.hashAlgorithm != uriAlgorithm.hashAlgorithm {
        conflicts.append("--algorithm")
      }
      if let flagPeriod, flagPeriod.seconds != loaded.period { conflicts.append("--period") }
      guard conflicts.isEmpty else {
        throw .conflictingFlags(conflicts)
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
      throw .unsupported(problems.map(\.description))
    case .burnable(let plan):
      guard let algorithm = Token2Algorithm(plan.algorithm),
        let period = Token2Period(rawValue: plan.period)
      else {
        throw .planOutOfRange("\(plan.algorithm)/\(plan.period) s")
      }
      return BurnSettings(
        algorithm: algorithm, period: period, warnings: plan.warnings.map(\.description))
    }
  }
}
