internal import CLibCrypto

/// Keyed-hash message authentication code (RFC 2104), computed by libcrypto.
public enum HMAC {
  /// Computes HMAC of `message` under `key`.
  ///
  /// - Parameters:
  ///   - algorithm: the underlying hash.
  ///   - key: any length; keys longer than the hash block are hashed first (RFC 2104 §2).
  ///   - message: the data to authenticate.
  /// - Returns: `algorithm.digestLength` bytes.
  public static func authenticationCode(
    _ algorithm: DigestKind, key: [UInt8], message: [UInt8]
  ) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var outLength: UInt32 = 0
    // C interop: HMAC() only reads key and message for the duration of the call and writes at
    // most EVP_MAX_MD_SIZE bytes to `out`. A NULL key pointer with length 0 is accepted.
    let result = key.withUnsafeBufferPointer { keyBuffer in
      message.withUnsafeBufferPointer { messageBuffer in
        out.withUnsafeMutableBufferPointer { outBuffer in
          CLibCrypto.HMAC(
            algorithm.evpMD, keyBuffer.baseAddress, Int32(keyBuffer.count),
            messageBuffer.baseAddress, messageBuffer.count,
            outBuffer.baseAddress, &outLength)
        }
      }
    }
    // HMAC() fails only on allocation failure; a missing MAC would be a silent wrong code.
    precondition(result != nil, "libcrypto HMAC failed")
    return Array(out.prefix(Int(outLength)))
  }
}
