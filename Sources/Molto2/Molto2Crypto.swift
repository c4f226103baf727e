import TokenCrypto

/// The cryptography of family B (protocol note §3): the family-A procedures under the key
/// derived from the customer key. Shared by the command builders and the simulated token.
public enum Molto2Crypto {
  /// `SM4-ECB(key, challenge ‖ 00×8)`: the AUTHENTICATE data (§3.2).
  ///
  /// - Throws: `CryptoError.invalidInputLength` unless `challenge` is 8 bytes.
  public static func authenticationResponse(challenge: [UInt8], key: Molto2CustomerKey)
    throws(CryptoError) -> [UInt8]
  {
    guard challenge.count == Molto2Wire.challengeLength else {
      throw .invalidInputLength(operation: "Molto2 challenge", actual: challenge.count)
    }
    var sm4Key = key.sm4Key
    defer { SecureBytes.zero(&sm4Key) }
    return try SM4.encryptECB(key: sm4Key, challenge + [UInt8](repeating: 0, count: 8))
  }

  /// The 4-byte MAC over `80 INS P1 P2 Lc' body` (§3.4).
  public static func commandMAC(
    ins: UInt8, p1: UInt8, p2: UInt8, body: [UInt8], key: Molto2CustomerKey
  ) throws(CryptoError) -> [UInt8] {
    try mac(input: [Molto2Wire.Class.plain, ins, p1, p2, UInt8(body.count)] + body, key: key)
  }

  /// The 4-byte MAC of arbitrary `input` (the M2T known-answer test MACs plain text).
  public static func mac(input: [UInt8], key: Molto2CustomerKey) throws(CryptoError) -> [UInt8] {
    var sm4Key = key.sm4Key
    defer { SecureBytes.zero(&sm4Key) }
    return try SM4CommandMAC.compute(key: sm4Key, input: input, length: Molto2Wire.macLength)
  }

  /// Whether `mac` is right for the body, compared in constant time.
  public static func verifyCommandMAC(
    _ mac: [UInt8], ins: UInt8, p1: UInt8, p2: UInt8, body: [UInt8], key: Molto2CustomerKey
  ) -> Bool {
    guard let expected = try? commandMAC(ins: ins, p1: p1, p2: p2, body: body, key: key) else {
      return false
    }
    return SecureBytes.constantTimeEquals(expected, mac)
  }

  /// `SM4-ECB(key, plaintext ‖ 80 00…)`, always padded (a whole block when aligned): the
  /// seed and title bodies (§5.2; M2T `pad_seed`). The seed is not zero-extended.
  public static func encryptPadded(_ plaintext: [UInt8], key: Molto2CustomerKey)
    throws(CryptoError) -> [UInt8]
  {
    var padded = SM4CommandMAC.padAlways(plaintext)
    defer { SecureBytes.zero(&padded) }
    var sm4Key = key.sm4Key
    defer { SecureBytes.zero(&sm4Key) }
    return try SM4.encryptECB(key: sm4Key, padded)
  }

  /// Decrypts a body and strips the `80 00…` trailer, for the simulated token.
  ///
  /// - Returns: `nil` when the ciphertext is not whole blocks or has no valid trailer. The
  ///   caller owns the plaintext and should zero it.
  public static func decryptPadded(_ ciphertext: [UInt8], key: Molto2CustomerKey) -> [UInt8]? {
    var sm4Key = key.sm4Key
    defer { SecureBytes.zero(&sm4Key) }
    guard !ciphertext.isEmpty, var plain = try? SM4.decryptECB(key: sm4Key, ciphertext) else {
      return nil
    }
    defer { SecureBytes.zero(&plain) }
    guard let marker = plain.lastIndex(where: { $0 != 0 }), plain[marker] == 0x80 else {
      return nil
    }
    return Array(plain[..<marker])
  }

  /// Decrypts a body without looking for a trailer (the all-zero CLEAR SEED form), for the
  /// simulated token; the caller zeroes it.
  public static func decryptRaw(_ ciphertext: [UInt8], key: Molto2CustomerKey) -> [UInt8]? {
    var sm4Key = key.sm4Key
    defer { SecureBytes.zero(&sm4Key) }
    return try? SM4.decryptECB(key: sm4Key, ciphertext)
  }
}
