internal import CLibCrypto

/// AES in CBC mode (NIST SP 800-38A §6.2) with 128- or 256-bit keys, as PSKC files (RFC 6030
/// §6.1, XML Encryption `aes128-cbc` / `aes256-cbc`) carry their secrets: the 16-byte IV first,
/// then the ciphertext.
public enum AESCBC {
  /// Block and IV size in bytes.
  public static let blockSize = 16

  /// Encrypts whole blocks, no padding (the caller pads).
  ///
  /// - Parameters:
  ///   - key: 16 bytes (AES-128) or 32 bytes (AES-256).
  ///   - iv: 16 bytes, unpredictable for each message.
  ///   - plaintext: a multiple of 16 bytes.
  public static func encrypt(key: [UInt8], iv: [UInt8], _ plaintext: [UInt8]) throws(CryptoError)
    -> [UInt8]
  {
    try BlockCipherPass.run(
      cipher: try cipher(key: key, iv: iv), key: key, iv: iv, input: plaintext, encrypt: true,
      operation: "AES-CBC encrypt")
  }

  /// Decrypts whole blocks, no padding removal.
  public static func decrypt(key: [UInt8], iv: [UInt8], _ ciphertext: [UInt8]) throws(CryptoError)
    -> [UInt8]
  {
    try BlockCipherPass.run(
      cipher: try cipher(key: key, iv: iv), key: key, iv: iv, input: ciphertext, encrypt: false,
      operation: "AES-CBC decrypt")
  }

  /// Pads to whole blocks as XML Encryption §5.2 asks (1 to 16 bytes, the last one giving the
  /// count; here all of them do, which is also PKCS#7).
  public static func pad(_ bytes: [UInt8]) -> [UInt8] {
    let count = blockSize - bytes.count % blockSize
    return bytes + [UInt8](repeating: UInt8(count), count: count)
  }

  /// Removes XML Encryption padding: the last byte says how many bytes (1...16) to drop; the
  /// others may hold anything (XML Encryption §5.2), so they are not checked.
  ///
  /// - Throws: `.invalidInputLength` when the count is impossible (wrong key, damaged data).
  public static func unpad(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
    guard let last = bytes.last, (1...blockSize).contains(Int(last)), Int(last) <= bytes.count,
      bytes.count % blockSize == 0
    else { throw .invalidInputLength(operation: "AES-CBC padding", actual: bytes.count) }
    return Array(bytes.dropLast(Int(last)))
  }

  private static func cipher(key: [UInt8], iv: [UInt8]) throws(CryptoError) -> OpaquePointer {
    guard iv.count == blockSize else {
      throw .invalidParameter("AES-CBC IV must be 16 bytes, got \(iv.count)")
    }
    switch key.count {
    case 16: return EVP_aes_128_cbc()
    case 32: return EVP_aes_256_cbc()
    default: throw .invalidKeyLength(expected: 16, actual: key.count)
    }
  }
}
