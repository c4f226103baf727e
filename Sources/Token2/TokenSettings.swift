import OTP

/// How long the token's display stays on after a button press (protocol note §4.5, tag `1F`).
public enum DisplayTimeout: Int, CaseIterable, Sendable, Codable {
  /// 15 seconds (wire `00`).
  case seconds15 = 15
  /// 30 seconds (wire `01`), the TTU/NB3 default.
  case seconds30 = 30
  /// 60 seconds (wire `02`).
  case seconds60 = 60
  /// 120 seconds (wire `03`).
  case seconds120 = 120

  /// Seconds the display stays on.
  public var seconds: Int { rawValue }

  /// The wire value: `00` = 15 s, `01` = 30 s, `02` = 60 s, `03` = 120 s.
  public var wireValue: UInt8 {
    switch self {
    case .seconds15: 0x00
    case .seconds30: 0x01
    case .seconds60: 0x02
    case .seconds120: 0x03
    }
  }

  /// The timeout for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) {
    guard let match = Self.allCases.first(where: { $0.wireValue == wireValue }) else { return nil }
    self = match
  }
}

/// The TOTP hash a family-A token can use (protocol note §4.5, tag `0A`).
public enum Token2Algorithm: String, CaseIterable, Sendable, Codable {
  /// HMAC-SHA-1 (wire `01`), the RFC 6238 default.
  case sha1 = "SHA1"
  /// HMAC-SHA-256 (wire `02`).
  case sha256 = "SHA256"

  /// The wire value: `01` = SHA-1, `02` = SHA-256.
  public var wireValue: UInt8 {
    switch self {
    case .sha1: 0x01
    case .sha256: 0x02
    }
  }

  /// The matching HMAC hash.
  public var hashAlgorithm: HashAlgorithm {
    switch self {
    case .sha1: .sha1
    case .sha256: .sha256
    }
  }

  /// The algorithm for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) {
    guard let match = Self.allCases.first(where: { $0.wireValue == wireValue }) else { return nil }
    self = match
  }

  /// The token algorithm for a hash, `nil` for hashes the token cannot hold (SHA-512).
  public init?(_ hash: HashAlgorithm) {
    guard let match = Self.allCases.first(where: { $0.hashAlgorithm == hash }) else { return nil }
    self = match
  }
}

/// The TOTP time step of a family-A token (protocol note §4.5, tag `0D`).
public enum Token2Period: Int, CaseIterable, Sendable, Codable {
  /// 30-second steps (wire `1E`).
  case seconds30 = 30
  /// 60-second steps (wire `3C`).
  case seconds60 = 60

  /// Step length in seconds.
  public var seconds: Int { rawValue }

  /// The wire value: `1E` = 30 s, `3C` = 60 s (the only two values any source sends).
  public var wireValue: UInt8 { UInt8(rawValue) }

  /// The period for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) {
    guard let match = Self.allCases.first(where: { $0.wireValue == wireValue }) else { return nil }
    self = match
  }
}
