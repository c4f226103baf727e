import OTP
import SmartCard
import TokenCrypto

/// The YKOATH command APDUs (protocol note §6.1), built from checked values. Pure: no card,
/// no clock, no randomness.
public enum YKOATHCommands {
  private typealias Ins = YKOATH.Instruction
  private typealias Tag = YKOATH.Tag

  /// SELECT of the OATH applet.
  public static func select() -> CommandAPDU {
    CommandAPDU(cla: 0, ins: Ins.selectOrCalculateAll, p1: 0x04, p2: 0, data: YKOATH.aid)
  }

  /// LIST: every credential's kind and name.
  public static func list() -> CommandAPDU {
    CommandAPDU(cla: 0, ins: Ins.list, p1: 0, p2: 0)
  }

  /// SEND REMAINING: the rest of a response that ended in `61 XX` (INS `A5`, not GET RESPONSE).
  public static func sendRemaining() -> CommandAPDU {
    CommandAPDU(cla: 0, ins: Ins.sendRemaining, p1: 0, p2: 0)
  }

  /// PUT of a TOTP credential; the key is prepared by `OATHNewCredential.appletKey`. The command
  /// holds the key: the caller must not log or keep it.
  public static func put(_ credential: OATHNewCredential) -> CommandAPDU {
    var secret = credential.secret.revealedBytes()
    var key = OATHNewCredential.appletKey(for: secret, algorithm: credential.algorithm)
    defer {
      SecureBytes.zero(&secret)
      SecureBytes.zero(&key)
    }
    let kind = OATHKind(type: .totp, algorithm: credential.algorithm)
    var data = tlv(Tag.name, credential.id.encoded)
    data += tlv(Tag.key, [kind.byte, UInt8(credential.digits)] + key)
    if credential.requiresTouch { data += [Tag.property, YKOATH.requireTouch] }
    return CommandAPDU(cla: 0, ins: Ins.put, p1: 0, p2: 0, data: data)
  }

  /// DELETE of the credential named `id`.
  public static func delete(_ id: OATHCredentialID) -> CommandAPDU {
    CommandAPDU(cla: 0, ins: Ins.delete, p1: 0, p2: 0, data: tlv(Tag.name, id.encoded))
  }

  /// CALCULATE of one credential, truncated (P2 `01`), for the 8-byte big-endian `counter`
  /// (the TOTP time step).
  public static func calculate(_ id: OATHCredentialID, counter: UInt64) -> CommandAPDU {
    CommandAPDU(
      cla: 0, ins: Ins.calculate, p1: 0, p2: 0x01,
      data: tlv(Tag.name, id.encoded) + tlv(Tag.challenge, bigEndian(counter)))
  }

  /// CALCULATE ALL, truncated, for the 30 s time step `counter`.
  public static func calculateAll(counter: UInt64) -> CommandAPDU {
    CommandAPDU(
      cla: 0, ins: Ins.selectOrCalculateAll, p1: 0, p2: 0x01,
      data: tlv(Tag.challenge, bigEndian(counter)))
  }

  /// VALIDATE: `response` answers the card's SELECT challenge, `challenge` is the host's.
  public static func validate(response: [UInt8], challenge: [UInt8]) -> CommandAPDU {
    CommandAPDU(
      cla: 0, ins: Ins.validate, p1: 0, p2: 0,
      data: tlv(Tag.fullResponse, response) + tlv(Tag.challenge, challenge))
  }

  /// A tag, a one-byte length and the value.
  static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
    precondition(value.count <= 255, "YKOATH values are at most 255 bytes")
    return [tag, UInt8(value.count)] + value
  }

  /// Eight bytes, most significant first.
  public static func bigEndian(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
  }
}
