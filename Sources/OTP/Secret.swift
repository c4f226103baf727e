import TokenCrypto

/// Secret key material (a TOTP seed, a vault key): bytes that must never leak by accident.
///
/// Every textual or encoded form redacts: `description`, `debugDescription`, string
/// interpolation, `dump`, and `Codable` (encoding writes a placeholder, decoding refuses).
/// The bytes live in pages of their own (`LockedBytes`: locked in RAM, left out of core
/// dumps), zeroed when the last copy is released. Reading them is explicit: `withUnsafeBytes`
/// or `revealedBytes()` (grep-able at every call site).
public struct Secret: Sendable {
  private let storage: LockedBytes

  /// Wraps `bytes`; the caller should zero its own copy afterwards if it can.
  public init(_ bytes: [UInt8]) {
    storage = LockedBytes(bytes)
  }

  /// Number of bytes.
  public var count: Int { storage.count }

  /// Whether the secret holds no bytes.
  public var isEmpty: Bool { storage.count == 0 }

  /// Calls `body` with the bytes in place (in the locked pages); do not let them escape.
  public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R)
    throws(E) -> R
  {
    try storage.withUnsafeBytes(body)
  }

  /// A copy of the bytes, for code that must hand them to a protocol or a cipher.
  ///
  /// The caller owns the copy and should zero it (`SecureBytes.zero`) when done.
  public func revealedBytes() -> [UInt8] { storage.copiedBytes() }

  /// Whether two secrets hold the same bytes, compared in constant time.
  public func constantTimeEquals(_ other: Secret) -> Bool {
    storage.withUnsafeBytes { mine in
      other.storage.withUnsafeBytes { theirs in SecureBytes.constantTimeEquals(mine, theirs) }
    }
  }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// Always a placeholder with the length only.
  public var description: String { "Secret(\(count) bytes, redacted)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Secret: Codable {
  /// Encodes a placeholder, never the bytes.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode("<redacted>")
  }

  /// Always fails: secrets are never read back from an encoded form.
  public init(from decoder: any Decoder) throws {
    throw DecodingError.dataCorrupted(
      .init(codingPath: decoder.codingPath, debugDescription: "secrets are never decoded"))
  }
}

extension Secret: Equatable {
  /// Constant-time comparison of the bytes.
  public static func == (lhs: Secret, rhs: Secret) -> Bool { lhs.constantTimeEquals(rhs) }
}

extension Base32 {
  /// `secret`'s bytes as unpadded Base32, the key as the operator types it into a service; the
  /// bytes' copy is zeroed before this returns, so code that only shows keys (the screens)
  /// needs nothing from `TokenCrypto`.
  public static func encode(_ secret: Secret) -> String {
    var bytes = secret.revealedBytes()
    defer { SecureBytes.zero(&bytes) }
    return encode(bytes)
  }
}
