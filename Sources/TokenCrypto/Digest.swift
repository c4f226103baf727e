internal import CLibCrypto

/// Plain message digests (FIPS 180-4), computed by libcrypto.
public enum Digest {
  /// The digest of `message` (`algorithm.digestLength` bytes). The Molto2 derives its SM4 key
  /// from the SHA-1 of the customer key (protocol note §3.1); the caller zeroes the result.
  public static func hash(_ algorithm: HashAlgorithm, _ message: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var outLength: UInt32 = 0
    // C interop: EVP_Digest reads `message` and writes at most EVP_MAX_MD_SIZE bytes to `out`
    // during the call only.
    let result = message.withUnsafeBufferPointer { input in
      out.withUnsafeMutableBufferPointer { output in
        EVP_Digest(
          input.baseAddress, input.count, output.baseAddress, &outLength, algorithm.evpMD, nil)
      }
    }
    // EVP_Digest fails only on allocation failure; a wrong digest would be a wrong key.
    precondition(result == 1, "libcrypto EVP_Digest failed")
    let digest = Array(out.prefix(Int(outLength)))
    SecureBytes.zero(&out)
    return digest
  }
}
