import OTP
import TokenCrypto

/// HOTP or TOTP: the high nibble of the applet's type|algorithm byte (protocol note §6.1).
public enum OATHType: UInt8, Sendable, Codable {
  case hotp = 0x10
  case totp = 0x20
}

/// A credential's type and hash, as one byte on the wire (`21` = TOTP with SHA-1).
public struct OATHKind: Equatable, Hashable, Sendable {
  /// HOTP or TOTP.
  public var type: OATHType
  /// The HMAC hash.
  public var algorithm: HashAlgorithm

  public init(type: OATHType, algorithm: HashAlgorithm) {
    self.type = type
    self.algorithm = algorithm
  }

  /// The type|algorithm byte.
  public var byte: UInt8 { type.rawValue | Self.algorithmNibble(algorithm) }

  /// Reads a type|algorithm byte; `nil` for a type or hash the protocol does not define.
  public init?(byte: UInt8) {
    guard let type = OATHType(rawValue: byte & 0xF0),
      let algorithm = Self.algorithm(nibble: byte & 0x0F)
    else { return nil }
    self.init(type: type, algorithm: algorithm)
  }

  /// The low nibble for `algorithm`: 1 SHA-1, 2 SHA-256, 3 SHA-512.
  public static func algorithmNibble(_ algorithm: HashAlgorithm) -> UInt8 {
    switch algorithm {
    case .sha1: 0x01
    case .sha256: 0x02
    case .sha512: 0x03
    }
  }

  /// The hash for a low nibble; `nil` for an undefined one.
  public static func algorithm(nibble: UInt8) -> HashAlgorithm? {
    switch nibble {
    case 0x01: .sha1
    case 0x02: .sha256
    case 0x03: .sha512
    default: nil
    }
  }
}

/// A credential as LIST reports it: name and kind, never the key.
public struct OATHListedCredential: Equatable, Hashable, Sendable {
  /// The credential's name.
  public var id: OATHCredentialID
  /// Its type and hash.
  public var kind: OATHKind

  public init(id: OATHCredentialID, kind: OATHKind) {
    self.id = id
    self.kind = kind
  }
}

/// A TOTP credential to write with PUT. The secret stays in `Secret` storage until the
/// command is built.
public struct OATHNewCredential: Sendable {
  /// Code lengths the applet computes.
  public static let supportedDigits = 6...8

  /// The name; its period is the credential's period.
  public var id: OATHCredentialID
  /// The HMAC hash.
  public var algorithm: HashAlgorithm
  /// Code length, 6 to 8.
  public var digits: Int
  /// Whether every code needs a touch of the key (property `78 02`).
  public var requiresTouch: Bool
  /// The shared key as the service issued it.
  public var secret: Secret

  public init(
    id: OATHCredentialID, algorithm: HashAlgorithm = .sha1, digits: Int = 6,
    requiresTouch: Bool = false, secret: Secret
  ) {
    self.id = id
    self.algorithm = algorithm
    self.digits = digits
    self.requiresTouch = requiresTouch
    self.secret = secret
  }

  /// The key bytes PUT carries: a secret longer than the hash block is replaced by its hash
  /// (as HMAC itself would), then zeros are added up to 14 bytes, which the applet requires and
  /// which leaves every HMAC unchanged (protocol note §6.1). The caller zeroes the result.
  public static func appletKey(for secret: [UInt8], algorithm: HashAlgorithm) -> [UInt8] {
    var key = secret.count > algorithm.digest.blockLength ? algorithm.digest.hash(secret) : secret
    if key.count < minimumKeyLength {
      key += [UInt8](repeating: 0, count: minimumKeyLength - key.count)
    }
    return key
  }

  /// The shortest key the applet stores.
  public static let minimumKeyLength = 14
}
