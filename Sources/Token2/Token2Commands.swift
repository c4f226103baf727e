import OTP
import SmartCard
import TokenCrypto

/// Builders for the five family-A command APDUs (protocol note §4.1), byte-exact with the
/// golden vectors of §3.5 and §4.10.
public enum Token2Commands {
  /// GET INFO `80 41 00 00 02 02 11` (§4.2).
  public static func getInfo() -> CommandAPDU {
    CommandAPDU(
      cla: FamilyA.Class.plain, ins: FamilyA.Instruction.getInfo, p1: 0, p2: 0,
      data: FamilyA.getInfoData)
  }

  /// GET CHALLENGE `80 4B 08 00 01 00`, the reference framing (§4.3).
  public static func getChallenge() -> CommandAPDU {
    CommandAPDU(
      cla: FamilyA.Class.plain, ins: FamilyA.Instruction.getChallenge, p1: FamilyA.challengeP1,
      p2: 0, data: FamilyA.getChallengeData)
  }

  /// AUTHENTICATE `80 CE 00 00 10 <SM4-ECB(key, challenge ‖ 00×8)>` (§4.4).
  ///
  /// - Parameter challenge: the 8 bytes GET CHALLENGE returned.
  public static func authenticate(challenge: [UInt8], key: Token2Key) throws(CryptoError)
    -> CommandAPDU
  {
    CommandAPDU(
      cla: FamilyA.Class.plain, ins: FamilyA.Instruction.authenticate, p1: 0, p2: 0,
      data: try Token2Crypto.authenticationResponse(challenge: challenge, key: key))
  }

  /// WRITE CONFIG `84 D4 00 00 17 <TLV 19> <MAC 4>` (§4.5).
  public static func writeConfig(_ configuration: TokenConfiguration, key: Token2Key)
    throws(CryptoError) -> CommandAPDU
  {
    try secured(ins: FamilyA.Instruction.writeConfig, p1: 0, body: configuration.tlv, key: key)
  }

  /// WRITE SEED `84 C5 01 00 Lc <SM4-ECB(padded seed)> <MAC 4>` (§4.6): the seed is
  /// zero-extended to 20 bytes and always padded, so Lc is `24`, `34` or `44`.
  ///
  /// - Parameter seed: 1...63 bytes (checked by the caller; longer seeds would not fit).
  public static func writeSeed(_ seed: Secret, key: Token2Key) throws(CryptoError) -> CommandAPDU {
    var raw = seed.revealedBytes()
    defer { SecureBytes.zero(&raw) }
    guard (FamilyA.Seed.minimumLength...FamilyA.Seed.maximumLength).contains(raw.count) else {
      throw .invalidInputLength(operation: "Token2 seed", actual: raw.count)
    }
    let ciphertext = try Token2Crypto.seedCiphertext(raw, key: key)
    return try secured(
      ins: FamilyA.Instruction.writeSeed, p1: FamilyA.writeSeedP1, body: ciphertext, key: key)
  }

  // Secured framing (§3.4): `84 INS P1 P2 (Lc'+4) body MAC`, MAC over the plain-class header.
  private static func secured(ins: UInt8, p1: UInt8, body: [UInt8], key: Token2Key)
    throws(CryptoError) -> CommandAPDU
  {
    let mac = try Token2Crypto.commandMAC(ins: ins, p1: p1, p2: 0, body: body, key: key)
    return CommandAPDU(cla: FamilyA.Class.secured, ins: ins, p1: p1, p2: 0, data: body + mac)
  }
}
