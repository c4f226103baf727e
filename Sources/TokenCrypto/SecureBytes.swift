internal import CLibCrypto

/// Helpers for handling key material without leaving copies around.
public enum SecureBytes {
  /// Overwrites `bytes` with zeros in a way the optimiser cannot remove (`OPENSSL_cleanse`).
  public static func zero(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress, buffer.count > 0 else { return }
      OPENSSL_cleanse(base, buffer.count)
    }
  }

  /// Overwrites raw memory with zeros (`OPENSSL_cleanse`).
  public static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    OPENSSL_cleanse(base, buffer.count)
  }

  /// Compares two byte strings in time that depends only on their lengths (`CRYPTO_memcmp`).
  ///
  /// - Returns: `true` when both have the same length and the same bytes.
  public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in
      b.withUnsafeBytes { pb in
        CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0
      }
    }
  }
}

extension SecureBytes {
  /// `constantTimeEquals` for bytes in place (two `LockedBytes`, say).
  public static func constantTimeEquals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer)
    -> Bool
  {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0
  }
}
