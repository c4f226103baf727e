internal import CLibCrypto

/// The SM4 block cipher (GB/T 32907-2016; GM/T 0002-2012): 128-bit block, 128-bit key.
///
/// Token2 tokens use plain SM4 with no vendor tweak (protocol note §3.1).
public enum SM4 {
  /// Block and key size in bytes.
  public static let blockSize = 16

  /// Encrypts whole blocks with SM4 in ECB mode, no padding.
  ///
  /// - Parameters:
  ///   - key: exactly 16 bytes.
  ///   - plaintext: a multiple of 16 bytes.
  /// - Throws: `CryptoError.invalidKeyLength` or `.invalidInputLength`.
  public static func encryptECB(key: [UInt8], _ plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
    try checkKey(key)
    return try BlockCipherPass.run(
      cipher: EVP_sm4_ecb(), key: key, iv: nil, input: plaintext, encrypt: true,
      operation: "SM4-ECB encrypt")
  }

  /// Decrypts whole blocks with SM4 in ECB mode, no padding removal.
  public static func decryptECB(key: [UInt8], _ ciphertext: [UInt8]) throws(CryptoError) -> [UInt8]
  {
    try checkKey(key)
    return try BlockCipherPass.run(
      cipher: EVP_sm4_ecb(), key: key, iv: nil, input: ciphertext, encrypt: false,
      operation: "SM4-ECB decrypt")
  }

  /// Encrypts whole blocks with SM4 in CBC mode, no padding.
  ///
  /// - Parameter iv: exactly 16 bytes.
  public static func encryptCBC(key: [UInt8], iv: [UInt8], _ plaintext: [UInt8])
    throws(CryptoError) -> [UInt8]
  {
    try checkKey(key)
    guard iv.count == blockSize else {
      throw .invalidParameter("SM4-CBC IV must be 16 bytes, got \(iv.count)")
    }
    return try BlockCipherPass.run(
      cipher: EVP_sm4_cbc(), key: key, iv: iv, input: plaintext, encrypt: true,
      operation: "SM4-CBC encrypt")
  }

  private static func checkKey(_ key: [UInt8]) throws(CryptoError) {
    guard key.count == blockSize else {
      throw .invalidKeyLength(expected: blockSize, actual: key.count)
    }
  }
}
