internal import CLibCrypto

/// Password-based key derivation functions from libcrypto.
public enum KeyDerivation {
  /// PBKDF2 (RFC 8018 §5.2) with HMAC over `hash`.
  ///
  /// - Parameters:
  ///   - iterations: at least 1.
  ///   - keyLength: output size in bytes, at least 1.
  public static func pbkdf2(
    password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int,
    hash: DigestKind = .sha256
  ) throws(CryptoError) -> [UInt8] {
    guard iterations >= 1, keyLength >= 1 else {
      throw .invalidParameter("PBKDF2 needs iterations >= 1 and keyLength >= 1")
    }
    var out = [UInt8](repeating: 0, count: keyLength)
    // C interop: all buffers are borrowed for the call only; libcrypto copies nothing out.
    // Int8 and UInt8 views of the same bytes may alias (same size, signed/unsigned pair).
    let ok = password.withUnsafeBytes { pw in
      salt.withUnsafeBufferPointer { s in
        out.withUnsafeMutableBufferPointer { o in
          PKCS5_PBKDF2_HMAC(
            pw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pw.count), s.baseAddress,
            Int32(s.count), Int32(iterations), hash.evpMD, Int32(keyLength), o.baseAddress)
        }
      }
    }
    guard ok == 1 else { throw .libraryFailure("PKCS5_PBKDF2_HMAC") }
    return out
  }

  /// scrypt (RFC 7914).
  ///
  /// - Parameters:
  ///   - n: CPU/memory cost, a power of two greater than 1.
  ///   - r: block size parameter.
  ///   - p: parallelisation parameter.
  ///   - keyLength: output size in bytes.
  ///   - maxMemory: the most memory libcrypto may use, in bytes (default 1 GiB).
  public static func scrypt(
    password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, keyLength: Int,
    maxMemory: UInt64 = 1 << 30
  ) throws(CryptoError) -> [UInt8] {
    guard n > 1, n & (n - 1) == 0 else { throw .invalidParameter("scrypt N must be a power of 2") }
    guard r >= 1, p >= 1, keyLength >= 1 else {
      throw .invalidParameter("scrypt needs r, p and keyLength >= 1")
    }
    var out = [UInt8](repeating: 0, count: keyLength)
    let ok = password.withUnsafeBytes { pw in
      salt.withUnsafeBufferPointer { s in
        out.withUnsafeMutableBufferPointer { o in
          EVP_PBE_scrypt(
            pw.baseAddress?.assumingMemoryBound(to: CChar.self), pw.count, s.baseAddress, s.count,
            n, r, p, maxMemory, o.baseAddress, keyLength)
        }
      }
    }
    guard ok == 1 else { throw .libraryFailure("EVP_PBE_scrypt") }
    return out
  }
}
