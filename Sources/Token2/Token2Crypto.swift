import TokenCrypto

/// The cryptographic pieces of the family-A protocol (protocol note §3), keyed by `Token2Key`.
/// Shared by the command builders and the simulator; pinned by the golden vectors of §3.5/§4.10.
public enum Token2Crypto {
  /// `SM4-ECB(key, challenge ‖ 00×8)`: the AUTHENTICATE data (§3.2).
  ///
  /// - Parameter challenge: exactly 8 bytes from GET CHALLENGE.
  /// - Throws: `CryptoError.invalidInputLength` for another challenge length.
  public static func authenticationResponse(challenge: [UInt8], key: Token2Key)
    throws(CryptoError) -> [UInt8]
  {
    guard challenge.count == FamilyA.challengeLength else {
      throw .invalidInputLength(operation: "Token2 challenge", actual: challenge.count)
    }
    return try SM4.encryptECB(key: key.bytes, challenge + [UInt8](repeating: 0, count: 8))
  }

  /// The 4-byte command MAC over `80 INS P1 P2 Lc' body` (§3.4): the class byte is the plain
  /// `80` and `Lc'` counts the body alone, even though the command goes out as `84 … Lc'+4`.
  public static func commandMAC(ins: UInt8, p1: UInt8, p2: UInt8, body: [UInt8], key: Token2Key)
    throws(CryptoError) -> [UInt8]
  {
    let input = [FamilyA.Class.plain, ins, p1, p2, UInt8(body.count)] + body
    return try SM4CommandMAC.compute(key: key.bytes, input: input, length: FamilyA.macLength)
  }

  /// Whether `mac` is the right MAC for the body, compared in constant time.
  public static func verifyCommandMAC(
    _ mac: [UInt8], ins: UInt8, p1: UInt8, p2: UInt8, body: [UInt8], key: Token2Key
  ) -> Bool {
    guard let expected = try? commandMAC(ins: ins, p1: p1, p2: p2, body: body, key: key) else {
      return false
    }
    return SecureBytes.constantTimeEquals(expected, mac)
  }

  /// The seed plaintext before encryption (§4.6.1, §4.6.3): zero-extended to 20 bytes when
  /// shorter, then always padded with `80 00…` (a whole block when already aligned).
  /// The caller owns the result and should zero it.
  public static func paddedSeed(_ seed: [UInt8]) -> [UInt8] {
    var extended = seed
    if extended.count < FamilyA.Seed.extendedLength {
      extended += [UInt8](repeating: 0, count: FamilyA.Seed.extendedLength - extended.count)
    }
    defer { SecureBytes.zero(&extended) }
    return SM4CommandMAC.padAlways(extended)
  }

  /// The bytes a token stores for `seed`: zero-extended to 20 bytes when shorter (§4.6.1).
  /// HMAC-equivalent to the seed itself. The caller owns the result and should zero it.
  public static func storedSeed(_ seed: [UInt8]) -> [UInt8] {
    guard seed.count < FamilyA.Seed.extendedLength else { return seed }
    return seed + [UInt8](repeating: 0, count: FamilyA.Seed.extendedLength - seed.count)
  }

  /// `SM4-ECB(key, paddedSeed(seed))`: the WRITE SEED ciphertext (§4.6.2).
  public static func seedCiphertext(_ seed: [UInt8], key: Token2Key) throws(CryptoError)
    -> [UInt8]
  {
    var plaintext = paddedSeed(seed)
    defer { SecureBytes.zero(&plaintext) }
    return try SM4.encryptECB(key: key.bytes, plaintext)
  }

  /// SM4-ECB decryption of a seed ciphertext, for the simulated token. The caller owns the
  /// plaintext and should zero it.
  public static func decryptSeed(_ ciphertext: [UInt8], key: Token2Key) throws(CryptoError)
    -> [UInt8]
  {
    try SM4.decryptECB(key: key.bytes, ciphertext)
  }
}
