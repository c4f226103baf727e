internal import CLibCrypto

/// The libcrypto this process runs with.
public enum LibCryptoVersion {
  /// `OpenSSL_version(OPENSSL_VERSION)` at run time, e.g. `OpenSSL 3.0.17 1 Jul 2025`.
  public static var runtime: String { String(cString: OpenSSL_version(OPENSSL_VERSION)) }
}
