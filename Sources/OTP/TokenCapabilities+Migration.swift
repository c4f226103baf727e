/// The capability check of one export entry, kept with its position so the operator sees every
/// account, including those the token cannot hold.
public struct MigrationEntryCheck: Equatable, Sendable {
  /// Position in `MigrationPayload.entries`, from 0.
  public var index: Int
  /// The entry checked.
  public var entry: MigrationEntry
  /// A plan, or the reasons this entry cannot be burned.
  public var result: CapabilityCheck
}

extension TokenCapabilities {
  /// Checks one export entry. Unspecified codes mean the format's defaults (SHA-1, 6 digits);
  /// unknown codes and an unspecified type are problems, never guesses. The period is 30 s,
  /// the only one the format knows.
  public func check(_ entry: MigrationEntry) -> CapabilityCheck {
    var problems: [CapabilityProblem] = []
    let type: OTPType?
    switch entry.type {
    case .totp: type = .totp
    case .hotp: type = .hotp
    case .unknown(let code):
      type = nil
      problems.append(.unknownType(code: code))
    }
    var algorithm = entry.algorithm
    if algorithm == nil {
      if entry.algorithmCode == 0 {
        algorithm = .sha1
      } else {
        problems.append(.unknownAlgorithm(code: entry.algorithmCode))
      }
    }
    var digits = entry.digits
    if digits == nil {
      if entry.digitsCode == 0 {
        digits = OTPAuthURI.defaultDigits
      } else {
        problems.append(.unknownDigits(code: entry.digitsCode))
      }
    }
    return evaluate(
      type: type, algorithm: algorithm, digits: digits, period: OTPAuthURI.defaultPeriod,
      secret: entry.secret, problems: problems)
  }

  /// Checks every entry of an export, in order; none is dropped.
  public func check(_ payload: MigrationPayload) -> [MigrationEntryCheck] {
    payload.entries.enumerated().map { index, entry in
      MigrationEntryCheck(index: index, entry: entry, result: check(entry))
    }
  }
}
