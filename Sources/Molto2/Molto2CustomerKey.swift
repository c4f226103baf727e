import TokenCrypto

/// The customer key of a Molto2 (protocol note §3.1): 16 bytes, `TOKEN2MOLTO1-KEY` from the
/// factory, changeable on the device. The SM4 key is the first 16 bytes of its SHA-1.
///
/// Held in locked pages like a `Secret`: it guards every profile on the token. The
/// description never shows the bytes.
public struct Molto2CustomerKey: Equatable, Sendable, CustomStringConvertible {
  /// Customer key size in bytes.
  public static let length = 16

  /// The factory key, ASCII `TOKEN2MOLTO1-KEY` (published by Token2).
  public static let factoryDefault = try! Molto2CustomerKey(bytes: Array("TOKEN2MOLTO1-KEY".utf8))

  private let storage: LockedBytes

  /// Wraps a 16-byte customer key.
  ///
  /// - Throws: `Molto2InputProblem.customerKeyLength` for any other length.
  public init(bytes: [UInt8]) throws(Molto2InputProblem) {
    guard bytes.count == Self.length else { throw .customerKeyLength(actual: bytes.count) }
    storage = LockedBytes(bytes)
  }

  /// `SHA-1(customer key)[0..<16]`, the key of every SM4 operation; the caller zeroes it.
  package var sm4Key: [UInt8] {
    var customer = storage.copiedBytes()
    defer { SecureBytes.zero(&customer) }
    var digest = DigestKind.sha1.hash(customer)
    defer { SecureBytes.zero(&digest) }
    return Array(digest.prefix(SM4.blockSize))
  }

  /// Same key bytes, compared in constant time.
  public static func == (lhs: Molto2CustomerKey, rhs: Molto2CustomerKey) -> Bool {
    lhs.storage.withUnsafeBytes { a in
      rhs.storage.withUnsafeBytes { b in SecureBytes.constantTimeEquals(a, b) }
    }
  }

  /// Whether this is the factory key.
  public var isFactoryDefault: Bool { self == Self.factoryDefault }

  /// "factory customer key" or "customer key": never the bytes.
  public var description: String {
    isFactoryDefault ? "factory customer key" : "customer key"
  }
}
