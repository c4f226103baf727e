internal import CLibCrypto

/// AES-256 in Galois/Counter Mode (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag.
public enum AESGCM {
  /// Key size in bytes.
  public static let keyLength = 32
  /// Nonce size in bytes (the SP 800-38D recommended 96 bits).
  public static let nonceLength = 12
  /// Tag size in bytes.
  public static let tagLength = 16

  /// A sealed message: ciphertext of the same length as the plaintext, and its tag.
  public struct SealedBox: Equatable, Sendable {
    public var ciphertext: [UInt8]
    public var tag: [UInt8]
    public init(ciphertext: [UInt8], tag: [UInt8]) {
      self.ciphertext = ciphertext
      self.tag = tag
    }
  }

  /// Encrypts and authenticates `plaintext`, also authenticating `associatedData`.
  ///
  /// - Parameters:
  ///   - key: 32 bytes (AES-256). Nonce sizes other than 12 bytes are accepted for test vectors.
  ///   - nonce: never reuse a nonce with the same key.
  public static func seal(
    _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []
  ) throws(CryptoError) -> SealedBox {
    let context = try makeContext(key: key, nonce: nonce, encrypt: true)
    defer { EVP_CIPHER_CTX_free(context) }
    try feedAAD(context, associatedData)
    var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
    try update(context, input: plaintext, output: &ciphertext)
    var scratch = [UInt8](repeating: 0, count: 16)
    var finalLength: Int32 = 0
    guard EVP_EncryptFinal_ex(context, &scratch, &finalLength) == 1 else {
      throw .libraryFailure("EVP_EncryptFinal_ex")
    }
    var tag = [UInt8](repeating: 0, count: tagLength)
    guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag) == 1 else {
      throw .libraryFailure("EVP_CTRL_GCM_GET_TAG")
    }
    return SealedBox(ciphertext: ciphertext, tag: tag)
  }

  /// Verifies and decrypts a sealed box.
  ///
  /// - Throws: `CryptoError.authenticationFailed` when key, nonce, associated data, ciphertext
  ///   or tag do not match; no plaintext is returned in that case.
  public static func open(
    _ box: SealedBox, key: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []
  ) throws(CryptoError) -> [UInt8] {
    guard box.tag.count == tagLength else { throw .authenticationFailed }
    let context = try makeContext(key: key, nonce: nonce, encrypt: false)
    defer { EVP_CIPHER_CTX_free(context) }
    try feedAAD(context, associatedData)
    var plaintext = [UInt8](repeating: 0, count: box.ciphertext.count)
    try update(context, input: box.ciphertext, output: &plaintext)
    var tag = box.tag
    guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1 else {
      throw .libraryFailure("EVP_CTRL_GCM_SET_TAG")
    }
    var scratch = [UInt8](repeating: 0, count: 16)
    var finalLength: Int32 = 0
    guard EVP_DecryptFinal_ex(context, &scratch, &finalLength) == 1 else {
      SecureBytes.zero(&plaintext)
      throw .authenticationFailed
    }
    return plaintext
  }

  // C interop: the returned context is owned by the caller, who frees it with
  // EVP_CIPHER_CTX_free (which also cleanses the expanded key schedule).
  private static func makeContext(key: [UInt8], nonce: [UInt8], encrypt: Bool)
    throws(CryptoError) -> OpaquePointer
  {
    guard key.count == keyLength else {
      throw .invalidKeyLength(expected: keyLength, actual: key.count)
    }
    guard !nonce.isEmpty else { throw .invalidParameter("GCM nonce must not be empty") }
    guard let context = EVP_CIPHER_CTX_new() else { throw .libraryFailure("EVP_CIPHER_CTX_new") }
    let enc: Int32 = encrypt ? 1 : 0
    guard EVP_CipherInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil, enc) == 1,
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
      EVP_CipherInit_ex(context, nil, nil, key, nonce, enc) == 1
    else {
      EVP_CIPHER_CTX_free(context)
      throw .libraryFailure("EVP_CipherInit_ex (AES-256-GCM)")
    }
    return context
  }

  private static func feedAAD(_ context: OpaquePointer, _ aad: [UInt8]) throws(CryptoError) {
    guard !aad.isEmpty else { return }
    var ignored: Int32 = 0
    guard EVP_CipherUpdate(context, nil, &ignored, aad, Int32(aad.count)) == 1 else {
      throw .libraryFailure("EVP_CipherUpdate (AAD)")
    }
  }

  private static func update(_ context: OpaquePointer, input: [UInt8], output: inout [UInt8])
    throws(CryptoError)
  {
    guard !input.isEmpty else { return }
    var written: Int32 = 0
    guard EVP_CipherUpdate(context, &output, &written, input, Int32(input.count)) == 1,
      Int(written) == input.count
    else { throw .libraryFailure("EVP_CipherUpdate") }
  }
}
