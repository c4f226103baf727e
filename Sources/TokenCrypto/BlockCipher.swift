internal import CLibCrypto

/// Runs one unpadded EVP block-cipher pass (ECB or CBC) over whole blocks.
///
/// Padding is always the caller's job here: the Token2 protocol defines its own (ISO/IEC 9797-1
/// method 2), so libcrypto's PKCS#7 padding is switched off.
enum BlockCipherPass {
  static func run(
    cipher: OpaquePointer, key: [UInt8], iv: [UInt8]?, input: [UInt8], encrypt: Bool,
    operation: String
  ) throws(CryptoError) -> [UInt8] {
    let blockSize = 16
    guard input.count % blockSize == 0 else {
      throw .invalidInputLength(operation: operation, actual: input.count)
    }
    guard let context = EVP_CIPHER_CTX_new() else { throw .libraryFailure("EVP_CIPHER_CTX_new") }
    // C interop: the context is owned here and freed (and cleansed) on every path.
    defer { EVP_CIPHER_CTX_free(context) }
    let initialised = key.withUnsafeBufferPointer { keyBuffer in
      (iv ?? []).withUnsafeBufferPointer { ivBuffer in
        EVP_CipherInit_ex(
          context, cipher, nil, keyBuffer.baseAddress, iv == nil ? nil : ivBuffer.baseAddress,
          encrypt ? 1 : 0)
      }
    }
    guard initialised == 1 else { throw .libraryFailure("EVP_CipherInit_ex") }
    EVP_CIPHER_CTX_set_padding(context, 0)
    if input.isEmpty { return [] }
    var output = [UInt8](repeating: 0, count: input.count + blockSize)
    var written: Int32 = 0
    var finalWritten: Int32 = 0
    let ok = input.withUnsafeBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer -> Bool in
        guard
          EVP_CipherUpdate(
            context, outBuffer.baseAddress, &written, inBuffer.baseAddress, Int32(inBuffer.count))
            == 1
        else { return false }
        return EVP_CipherFinal_ex(context, outBuffer.baseAddress! + Int(written), &finalWritten)
          == 1
      }
    }
    guard ok else { throw .libraryFailure("EVP_CipherUpdate/Final") }
    return Array(output.prefix(Int(written + finalWritten)))
  }
}
