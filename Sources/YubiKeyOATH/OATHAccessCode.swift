import OTP
import TokenCrypto

/// The access code (password) of an OATH applet (protocol note §6.1): the 16-byte key is
/// PBKDF2-HMAC-SHA1(password, salt from SELECT, 1000 iterations), and each side proves it
/// holds the key with an HMAC over the other's challenge.
public enum OATHAccessCode {
  /// PBKDF2 rounds.
  public static let iterations = 1000
  /// Key length in bytes.
  public static let keyLength = 16

  /// The access key for `password` (UTF-8 bytes) on the applet whose salt is `salt`. The
  /// caller zeroes the result.
  public static func key(password: [UInt8], salt: [UInt8]) throws(CryptoError) -> [UInt8] {
    try KeyDerivation.pbkdf2(
      password: password, salt: salt, iterations: iterations, keyLength: keyLength, hash: .sha1)
  }

  /// The proof of `key` over `challenge`.
  public static func response(
    key: [UInt8], challenge: [UInt8], algorithm: HashAlgorithm = .sha1
  ) -> [UInt8] {
    HMAC.authenticationCode(algorithm.digest, key: key, message: challenge)
  }

  /// Whether `candidate` equals `expected`, in time independent of where they differ.
  public static func constantTimeEqual(_ candidate: [UInt8], _ expected: [UInt8]) -> Bool {
    guard candidate.count == expected.count else { return false }
    return zip(candidate, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
