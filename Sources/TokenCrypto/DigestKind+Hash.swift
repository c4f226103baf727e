internal import CLibCrypto

extension DigestKind {
  /// The input block size in bytes: HMAC hashes keys longer than this first (RFC 2104 §2).
  public var blockLength: Int {
    switch self {
    case .sha1, .sha256: 64
    case .sha512: 128
    }
  }

  /// The digest of `message` (FIPS 180-4), computed by libcrypto.
  public func hash(_ message: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var outLength: UInt32 = 0
    // C interop: EVP_Digest() reads the message for the call only and writes at most
    // EVP_MAX_MD_SIZE bytes to `out`.
    let ok = message.withUnsafeBufferPointer { input in
      out.withUnsafeMutableBufferPointer { output in
        EVP_Digest(input.baseAddress, input.count, output.baseAddress, &outLength, evpMD, nil)
      }
    }
    // EVP_Digest() fails only on allocation failure; a wrong digest would be a silent wrong key.
    precondition(ok == 1, "libcrypto EVP_Digest failed")
    let digest = Array(out.prefix(Int(outLength)))
    SecureBytes.zero(&out)
    return digest
  }
}
