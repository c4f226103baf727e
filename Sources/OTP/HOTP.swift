import TokenCrypto

/// HMAC-based one-time passwords (RFC 4226).
public enum HOTP {
  /// The code for `counter`, zero-padded to `digits` (RFC 4226 §5.3 dynamic truncation).
  ///
  /// - Parameters:
  ///   - secret: the shared key; any length.
  ///   - counter: the moving factor (for TOTP, the time step number).
  ///   - digits: 1...9 code digits.
  ///   - algorithm: HMAC hash (RFC 6238 extends RFC 4226 to SHA-256 and SHA-512).
  public static func code(
    secret: Secret, counter: UInt64, digits: Int = 6, algorithm: HashAlgorithm = .sha1
  ) -> String {
    precondition((1...9).contains(digits), "digits must be 1...9")
    var key = secret.revealedBytes()
    defer { SecureBytes.zero(&key) }
    let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * $0)) }
    let mac = HMAC.authenticationCode(algorithm.digest, key: key, message: message)
    let offset = Int(mac[mac.count - 1] & 0x0F)
    let binary =
      (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
      | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
    var modulus: UInt32 = 1
    for _ in 0..<digits { modulus *= 10 }
    let value = String(binary % modulus)
    return String(repeating: "0", count: digits - value.count) + value
  }
}
