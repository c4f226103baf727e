internal import CLibCrypto

/// A hash function usable for HMAC and PBKDF2 (FIPS 180-4).
public enum HashAlgorithm: String, Sendable, CaseIterable, Codable {
  case sha1 = "SHA1"
  case sha256 = "SHA256"
  case sha512 = "SHA512"

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
