/// The command MAC of Token2 tokens: ISO/IEC 9797-1 MAC algorithm 1 with SM4, truncated.
///
/// Protocol note §3.4: the input is padded with `80 00…` only when it is not already a multiple
/// of 16 bytes, encrypted with SM4-CBC under a zero IV, and the MAC is the first bytes of the
/// last ciphertext block.
public enum SM4CommandMAC {
  /// MAC length used by Token2 commands, in bytes.
  public static let tokenMACLength = 4

  /// Pads with ISO/IEC 9797-1 method 2 (`80` then zeros) to the next 16-byte boundary, adding
  /// nothing when the input is already aligned (the "minimal" variant every Token2 tool uses).
  public static func padMinimal(_ input: [UInt8]) -> [UInt8] {
    guard input.count % SM4.blockSize != 0 else { return input }
    var padded = input + [0x80]
    while padded.count % SM4.blockSize != 0 { padded.append(0) }
    return padded
  }

  /// Pads with ISO/IEC 9797-1 method 2, always adding at least the `80` byte, so an aligned
  /// input gains a whole block (the seed rule of protocol note §4.6.3).
  public static func padAlways(_ input: [UInt8]) -> [UInt8] {
    var padded = input + [0x80]
    while padded.count % SM4.blockSize != 0 { padded.append(0) }
    return padded
  }

  /// Computes the truncated MAC.
  ///
  /// - Parameters:
  ///   - key: the 16-byte SM4 key.
  ///   - input: the MAC input (`80 INS P1 P2 Lc' body`), unpadded.
  ///   - length: bytes of the last block to keep, 1...16 (4 for Token2).
  /// - Throws: `CryptoError.invalidKeyLength` for a bad key.
  public static func compute(key: [UInt8], input: [UInt8], length: Int = tokenMACLength)
    throws(CryptoError) -> [UInt8]
  {
    guard (1...SM4.blockSize).contains(length) else {
      throw .invalidParameter("MAC length \(length) outside 1...16")
    }
    let padded = padMinimal(input.isEmpty ? [0x80] : input)
    let chain = try SM4.encryptCBC(key: key, iv: [UInt8](repeating: 0, count: 16), padded)
    return Array(chain.suffix(SM4.blockSize).prefix(length))
  }
}
