import HexCoding
import TokenCrypto

/// A short, one-way label for a secret, kept in the registry instead of the secret itself: it
/// tells whether two enrollments share a key (the Jira and Confluence case) without revealing
/// it. HMAC-SHA-256 under a fixed, public domain key, first 8 bytes in hex. Secrets of 10 or
/// more random bytes (80+ bits) cannot be recovered from it by search.
public enum SecretFingerprint {
  /// Separates these digests from any other use of HMAC-SHA-256 over the same key bytes.
  static let domain = Array("tokenburner secret fingerprint v1".utf8)

  /// 16 lower-case hex digits.
  public static func of(_ secret: Secret) -> String {
    var bytes = secret.revealedBytes()
    defer { SecureBytes.zero(&bytes) }
    let mac = HMAC.authenticationCode(.sha256, key: domain, message: bytes)
    return Hex.lowercase(mac.prefix(8))
  }
}
