import TokenCrypto

/// The 16-byte SM4 key a family-A token authenticates and MACs with (protocol note §3.1).
///
/// Most tokens use the published public key; OEM batches may carry a customer key. The
/// description never shows key bytes. The key lives in locked pages (`LockedBytes`), like a
/// `Secret`: a customer key is as secret as the seeds it guards.
public struct Token2Key: Equatable, Sendable, CustomStringConvertible {
  /// Key size in bytes.
  public static let length = 16

  private let storage: LockedBytes

  /// A copy for the cipher calls of one exchange.
  var bytes: [UInt8] { storage.copiedBytes() }

  /// Wraps a raw 16-byte key.
  ///
  /// - Returns: `nil` when `bytes` is not exactly 16 bytes.
  public init?(bytes: [UInt8]) {
    guard bytes.count == Self.length else { return nil }
    storage = LockedBytes(bytes)
  }

  /// Token2's public key `8AD206883CA369482AB27182B6E83224`, the same on every family-A token
  /// (protocol note §3.1; published by Token2, cannot be changed on the token).
  public static let publicDefault = Token2Key(
    checked: [
      0x8A, 0xD2, 0x06, 0x88, 0x3C, 0xA3, 0x69, 0x48, 0x2A, 0xB2, 0x71, 0x82, 0xB6, 0xE8, 0x32,
      0x24,
    ])

  private init(checked bytes: [UInt8]) { storage = LockedBytes(bytes) }

  /// Same key bytes, compared in constant time.
  public static func == (lhs: Token2Key, rhs: Token2Key) -> Bool {
    lhs.storage.withUnsafeBytes { a in
      rhs.storage.withUnsafeBytes { b in SecureBytes.constantTimeEquals(a, b) }
    }
  }

  /// Whether this is the public default key.
  public var isPublicDefault: Bool { self == Self.publicDefault }

  /// "public Token2 key" or "customer key": never the bytes.
  public var description: String { isPublicDefault ? "public Token2 key" : "customer key" }
}
