import OTP
import TokenCrypto

/// A firmware version `major.minor.patch`, as SELECT's tag `79` reports it.
public struct OATHFirmwareVersion: Equatable, Comparable, Hashable, Sendable,
  CustomStringConvertible
{
  public var major: Int
  public var minor: Int
  public var patch: Int

  public init(_ major: Int, _ minor: Int, _ patch: Int) {
    self.major = major
    self.minor = minor
    self.patch = patch
  }

  /// Reads `X.Y.Z`; `nil` for anything else.
  public init?(text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2],
      [major, minor, patch].allSatisfy({ (0...255).contains($0) })
    else { return nil }
    self.init(major, minor, patch)
  }

  /// The three version bytes.
  public var bytes: [UInt8] { [UInt8(major), UInt8(minor), UInt8(patch)] }

  public var description: String { "\(major).\(minor).\(patch)" }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
  }
}

/// What SELECT of the OATH applet tells (protocol note §6.1).
public struct OATHAppletInfo: Equatable, Sendable {
  /// The applet's firmware version.
  public var version: OATHFirmwareVersion
  /// The applet's name: the PBKDF2 salt and the source of the device id. A RESET changes it.
  public var salt: [UInt8]
  /// The card's challenge, present only when an access code is set.
  public var challenge: [UInt8]?
  /// The hash of the access code's HMAC (SHA-1 unless tag `7B` says otherwise).
  public var algorithm: HashAlgorithm

  public init(
    version: OATHFirmwareVersion, salt: [UInt8], challenge: [UInt8]?,
    algorithm: HashAlgorithm = .sha1
  ) {
    self.version = version
    self.salt = salt
    self.challenge = challenge
    self.algorithm = algorithm
  }

  /// Reads a SELECT answer; `nil` when the version or the salt is missing or malformed.
  public init?(selectResponse data: [UInt8]) {
    guard let elements = YKOATHTLV.parse(data) else { return nil }
    func value(_ tag: UInt8) -> [UInt8]? { elements.first { $0.tag == tag }?.value }
    guard let version = value(YKOATH.Tag.version), version.count == 3,
      let salt = value(YKOATH.Tag.name), !salt.isEmpty
    else { return nil }
    var algorithm = HashAlgorithm.sha1
    if let algo = value(YKOATH.Tag.algorithm) {
      guard algo.count == 1, let hash = OATHKind.algorithm(nibble: algo[0] & 0x0F) else {
        return nil
      }
      algorithm = hash
    }
    self.init(
      version: OATHFirmwareVersion(Int(version[0]), Int(version[1]), Int(version[2])), salt: salt,
      challenge: value(YKOATH.Tag.challenge), algorithm: algorithm)
  }

  /// Whether an access code (password) protects the applet.
  public var hasAccessCode: Bool { challenge != nil }

  /// How many credentials the applet holds: 64 from firmware 5.7, 32 before.
  public var capacity: Int { Self.capacity(for: version) }

  /// The capacity of a firmware version: 64 from 5.7.0, 32 before.
  public static func capacity(for version: OATHFirmwareVersion) -> Int {
    version >= OATHFirmwareVersion(5, 7, 0) ? 64 : 32
  }

  /// The key's identity when no serial is readable: Base64 of the first 16 bytes of
  /// SHA-256(salt), without `=` padding. It changes when the applet is reset.
  public var deviceID: String {
    Self.base64(Array(DigestKind.sha256.hash(salt).prefix(16)))
  }

  /// Standard Base64 (RFC 4648 §4) without padding.
  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var out = ""
    var index = 0
    while index < bytes.count {
      let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
      let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.1) << (16 - 8 * $1.0) }
      for position in 0...chunk.count {
        out.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3F)])
      }
      index += 3
    }
    return out
  }
}
