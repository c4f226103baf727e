import OTP
import TokenCrypto

extension LoadedSecret {
  /// The URI's parameters, or the flags' (defaults SHA1/6/30) for a bare secret (`code`).
  ///
  /// - Throws: `badData` for an account that is not TOTP or has no TOTP algorithm, `usage` for
  ///   flags that disagree with the URI.
  public func totpParameters(
    algorithm flagAlgorithm: HashAlgorithm?, digits flagDigits: Int?, period flagPeriod: Int?
  )
    throws(SourceFailure) -> TOTPParameters
  {
    guard carriesParameters else {
      return TOTPParameters(
        algorithm: flagAlgorithm ?? .sha1, digits: flagDigits ?? 6, period: flagPeriod ?? 30)
    }
    if type != .totp {
      throw SourceFailure(
        "this account is not time-based (TOTP); `code` shows TOTP codes only", kind: .badData)
    }
    guard let hash = algorithm?.hashAlgorithm else {
      let name = algorithm?.displayName ?? "an unknown algorithm"
      throw SourceFailure(
        "this account uses \(name), which has no TOTP code here", kind: .badData)
    }
    let fromURI = TOTPParameters(
      algorithm: hash, digits: digits ?? 6, period: period ?? 30)
    var conflicts: [String] = []
    if let flagAlgorithm, flagAlgorithm != fromURI.algorithm { conflicts.append("--algorithm") }
    if let flagDigits, flagDigits != fromURI.digits { conflicts.append("--digits") }
    if let flagPeriod, flagPeriod != fromURI.period { conflicts.append("--period") }
    guard conflicts.isEmpty else {
      throw SourceFailure(
        "\(conflicts.joined(separator: ", ")) disagree with the otpauth URI; drop them",
        kind: .usage)
    }
    return fromURI
  }
}
