internal import CLibCrypto

/// The hash inside an HMAC or a PBKDF2 (FIPS 180-4): the crypto layer's own selector, so that
/// `TokenCrypto` names no OTP notion (`OTP.HashAlgorithm`, the algorithm a service and a token
/// agree on, maps onto it).
public enum DigestKind: Sendable, CaseIterable {
  /// SHA-1.
  case sha1
  /// SHA-256.
  case sha256
  /// SHA-512.
  case sha512

  /// Digest size in bytes.
  public var digestLength: Int {
    switch self {
    case .sha1: 20
    case .sha256: 32
    case .sha512: 64
    }
  }

  /// The libcrypto message digest; static objects owned by libcrypto, never freed.
  var evpMD: OpaquePointer {
    // C interop: EVP_sha*() return process-lifetime constant objects.
    switch self {
    case .sha1: EVP_sha1()
    case .sha256: EVP_sha256()
    case .sha512: EVP_sha512()
    }
  }
}
