/// Why a credential name cannot be written to an OATH applet; found before any APDU is sent.
public enum OATHNameProblem: Error, Equatable, Sendable, CustomStringConvertible {
  /// The account part is empty.
  case emptyAccount
  /// The issuer is given but empty.
  case emptyIssuer
  /// The encoded name is longer than the applet holds (length in bytes).
  case tooLong(bytes: Int)
  /// The issuer contains `:`, which would move the split between issuer and account.
  case colonInIssuer
  /// The name would read back as a different issuer, account or period (for example an account
  /// `a:b` without an issuer, or one that starts with `digits/`).
  case ambiguous
  /// The TOTP period is outside what tokenburner writes to a YubiKey (seconds).
  case unsupportedPeriod(Int)

  public var description: String {
    switch self {
    case .emptyAccount: "the account name is empty"
    case .emptyIssuer: "the issuer is empty (leave it out instead)"
    case .tooLong(let bytes):
      "the credential name is \(bytes) bytes long; a YubiKey holds at most "
        + "\(OATHCredentialID.maximumLength) (period prefix, issuer, colon and account together)"
    case .colonInIssuer: "the issuer contains ':', which a YubiKey uses to end the issuer"
    case .ambiguous:
      "the name would be read back as a different issuer, account or period; add an issuer"
    case .unsupportedPeriod(let period):
      "a period of \(period) s is not supported; use \(OATHCredentialID.supportedPeriods.lowerBound)"
        + " to \(OATHCredentialID.supportedPeriods.upperBound) s"
    }
  }
}

/// A credential's name in the applet: `[period/][issuer:]account`, UTF-8, 1 to 64 bytes
/// (protocol note §6.1). The period prefix is written only for TOTP periods other than 30 s,
/// because the applet stores no period: the host reads it back from the name.
public struct OATHCredentialID: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// The longest encoded name the applet accepts.
  public static let maximumLength = 64
  /// The period the applet's CALCULATE ALL assumes; names carry no prefix for it.
  public static let defaultPeriod = 30
  /// TOTP periods tokenburner writes: any whole number of seconds up to an hour.
  public static let supportedPeriods = 1...3600

  /// The TOTP period in seconds (30 for HOTP, which has none).
  public let period: Int
  /// The issuer, or `nil` for a name without one.
  public let issuer: String?
  /// The account, never empty.
  public let account: String

  /// Checks a name for writing; throws the first rule it breaks.
  public init(issuer: String?, account: String, period: Int = defaultPeriod) throws(OATHNameProblem)
  {
    guard Self.supportedPeriods.contains(period) else { throw .unsupportedPeriod(period) }
    guard !account.isEmpty else { throw .emptyAccount }
    if let issuer {
      guard !issuer.isEmpty else { throw .emptyIssuer }
      guard !issuer.contains(":") else { throw .colonInIssuer }
    }
    self.period = period
    self.issuer = issuer
    self.account = account
    let length = encoded.count
    guard length <= Self.maximumLength else { throw .tooLong(bytes: length) }
    // The applet keeps only the bytes: what ykman (and `parse`) reads back must be this name.
    guard Self.parse(encoded, isTOTP: true) == self else { throw .ambiguous }
  }

  private init(unchecked period: Int, issuer: String?, account: String) {
    self.period = period
    self.issuer = issuer
    self.account = account
  }

  /// The name as stored: `period/` (when not 30), `issuer:` (when present), the account.
  public var encoded: [UInt8] { Array(description.utf8) }

  public var description: String {
    let prefix = period == Self.defaultPeriod ? "" : "\(period)/"
    return prefix + (issuer.map { $0 + ":" } ?? "") + account
  }

  /// Reads a stored name the way ykman does (`^((\d+)/)?(([^:]+):)?(.+)$`): a leading run of
  /// digits and `/` is the period (TOTP only), text up to the first `:` is the issuer.
  /// Returns `nil` for bytes that are not UTF-8 or leave no account.
  public static func parse(_ bytes: [UInt8], isTOTP: Bool) -> OATHCredentialID? {
    guard var rest = String(validating: bytes, as: UTF8.self) else { return nil }
    var period = defaultPeriod
    if isTOTP, let slash = rest.firstIndex(of: "/") {
      let digits = rest[..<slash]
      if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits),
        rest.index(after: slash) < rest.endIndex
      {
        period = value
        rest = String(rest[rest.index(after: slash)...])
      }
    }
    var issuer: String?
    if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
      rest.index(after: colon) < rest.endIndex
    {
      issuer = String(rest[..<colon])
      rest = String(rest[rest.index(after: colon)...])
    }
    guard !rest.isEmpty else { return nil }
    return OATHCredentialID(unchecked: period, issuer: issuer, account: rest)
  }
}
