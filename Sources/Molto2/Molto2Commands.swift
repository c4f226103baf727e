import OTP
import SmartCard
import TokenCrypto

/// Builders for the family-B command APDUs (protocol note §5.2), byte-exact with the vectors
/// of §5.5. `profile` is a slot number the caller has checked against the model.
public enum Molto2Commands {
  typealias Wire = Molto2Wire
  typealias Instruction = Molto2Wire.Instruction

  /// GET INFO `80 41 00 00 00`.
  public static func getInfo() -> CommandAPDU {
    CommandAPDU(cla: Wire.Class.plain, ins: Instruction.getInfo, p1: 0, p2: 0, le: 256)
  }

  /// READ PROFILE PUBLIC DATA `80 41 00 pp 01 70`: case 3 only (with Le the device answers
  /// `6F FB`).
  public static func readPublicData(profile: Int) -> CommandAPDU {
    CommandAPDU(
      cla: Wire.Class.plain, ins: Instruction.getInfo, p1: 0, p2: UInt8(profile),
      data: [Wire.publicDataSelector])
  }

  /// GET CHALLENGE `80 4B 08 00 00`.
  public static func getChallenge() -> CommandAPDU {
    CommandAPDU(
      cla: Wire.Class.plain, ins: Instruction.getChallenge, p1: Wire.challengeP1, p2: 0, le: 256)
  }

  /// AUTHENTICATE `80 CE 00 00 10 <SM4(challenge ‖ 00×8)>`.
  public static func authenticate(challenge: [UInt8], key: Molto2CustomerKey)
    throws(CryptoError) -> CommandAPDU
  {
    CommandAPDU(
      cla: Wire.Class.plain, ins: Instruction.authenticate, p1: 0, p2: 0,
      data: try Molto2Crypto.authenticationResponse(challenge: challenge, key: key))
  }

  /// WRITE SEED `84 C5 01 pp Lc <SM4(seed ‖ 80 00…)> <MAC>`; the seed is 1...63 bytes.
  public static func writeSeed(_ seed: Secret, profile: Int, key: Molto2CustomerKey)
    throws(CryptoError) -> CommandAPDU
  {
    var raw = seed.revealedBytes()
    defer { SecureBytes.zero(&raw) }
    guard (Wire.Seed.minimumLength...Wire.Seed.maximumLength).contains(raw.count) else {
      throw .invalidInputLength(operation: "Molto2 seed", actual: raw.count)
    }
    let body = try Molto2Crypto.encryptPadded(raw, key: key)
    return try secured(ins: Instruction.writeSeed, p1: Wire.writeSeedP1, profile, body, key)
  }

  /// WRITE TITLE `84 D5 00 pp 14 <SM4(title ‖ 80 00…)> <MAC>`.
  public static func writeTitle(_ title: Molto2Title, profile: Int, key: Molto2CustomerKey)
    throws(CryptoError) -> CommandAPDU
  {
    let body = try Molto2Crypto.encryptPadded(title.bytes, key: key)
    return try secured(ins: Instruction.writeTitle, p1: 0, profile, body, key)
  }

  /// WRITE CONFIG `84 D4 01 pp 1A <TLV 22> <MAC>`.
  public static func writeConfig(
    _ configuration: Molto2Configuration, profile: Int, key: Molto2CustomerKey
  ) throws(CryptoError) -> CommandAPDU {
    try secured(
      ins: Instruction.writeConfig, p1: Wire.writeConfigP1, profile, configuration.tlv, key)
  }

  /// SYNC TIME `84 D4 01 pp 0C 81 06 0F 04 <time> <MAC>`.
  public static func syncTime(_ time: UInt32, profile: Int, key: Molto2CustomerKey)
    throws(CryptoError) -> CommandAPDU
  {
    try secured(
      ins: Instruction.writeConfig, p1: Wire.writeConfigP1, profile,
      Molto2Configuration.syncTLV(time: time), key)
  }

  /// DELETE SEED `80 E6 00 pp 00` (the title survives).
  public static func deleteSeed(profile: Int) -> CommandAPDU {
    CommandAPDU(
      cla: Wire.Class.plain, ins: Instruction.deleteSeed, p1: 0, p2: UInt8(profile), le: 256)
  }

  /// CHANGE CUSTOMER KEY `84 D7 00 00 24 <SM4(00 ‖ SHA1(new)[0..16] ‖ 80 ‖ 00×14)> <MAC>`; the
  /// device answers `90 60` and commits after ▲ is pressed.
  public static func changeCustomerKey(to new: Molto2CustomerKey, key: Molto2CustomerKey)
    throws(CryptoError) -> CommandAPDU
  {
    var plaintext = [0x00] + new.sm4Key
    defer { SecureBytes.zero(&plaintext) }
    let body = try Molto2Crypto.encryptPadded(plaintext, key: key)
    return try secured(ins: Instruction.changeKey, p1: 0, 0, body, key)
  }

  /// FACTORY RESET `80 56 00 00 00` (no key; `90 60`, then ▲ on the device).
  public static func factoryReset() -> CommandAPDU {
    CommandAPDU(cla: Wire.Class.plain, ins: Instruction.factoryReset, p1: 0, p2: 0, le: 256)
  }

  // `84 INS P1 pp (Lc'+4) body MAC`, the MAC over the plain-class header (§3.4).
  private static func secured(
    ins: UInt8, p1: UInt8, _ profile: Int, _ body: [UInt8], _ key: Molto2CustomerKey
  ) throws(CryptoError) -> CommandAPDU {
    let p2 = UInt8(profile)
    let mac = try Molto2Crypto.commandMAC(ins: ins, p1: p1, p2: p2, body: body, key: key)
    return CommandAPDU(cla: Wire.Class.secured, ins: ins, p1: p1, p2: p2, data: body + mac)
  }
}
