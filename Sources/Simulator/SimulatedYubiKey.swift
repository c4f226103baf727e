import SmartCard
import TokenCrypto
import YubiKeyOATH

/// A YubiKey's OATH applet as a card applet (protocol note §6): credentials with touch and
/// periods, an optional access code checked the way the card does, capacity, and responses
/// continued with `61 XX` + SEND REMAINING. Pure: the clock is the host's (it sends the
/// challenge), randomness and the touch come from the caller.
///
/// Only the OATH applet answers; SELECT of any other AID (management, OTP) is `6A 82`, as over
/// an NFC reader that cannot reach them, so no serial is readable.
public final class SimulatedYubiKey: CardApplet {
  struct Credential {
    var name: [UInt8]
    var kind: UInt8
    var digits: UInt8
    var key: [UInt8]
    var touch: Bool
  }

  /// The set-up.
  public let configuration: SimulatedYubiKeyConfiguration
  /// What the applet counted.
  public internal(set) var counters = SimulatedYubiKeyCounters()
  var credentials: [Credential] = []
  var accessKey: [UInt8]?
  var salt: [UInt8]
  var selectChallenge: [UInt8]?
  var isSelected = false
  var isValidated = false
  var pending: [UInt8] = []
  var isPowered = false
  let random: any RandomSource
  let touch: () -> Bool

  /// A fresh applet; `touch` is called when a touch credential computes a code and returns
  /// whether the key was touched in time.
  public init(
    configuration: SimulatedYubiKeyConfiguration = .init(),
    random: any RandomSource = SystemRandom(), touch: @escaping () -> Bool = { true }
  ) {
    self.configuration = configuration
    self.random = random
    self.touch = touch
    salt = (try? random.bytes(8)) ?? Array(1...8)
    if let password = configuration.password {
      accessKey = try? OATHAccessCode.key(password: password, salt: salt)
    }
  }

  /// The applet's salt (its name), from which the device id is derived.
  public var appletSalt: [UInt8] { salt }
  /// Credentials stored.
  public var credentialCount: Int { credentials.count }
  /// Whether an access code is set.
  public var hasAccessCode: Bool { accessKey != nil }
  /// The stored names, for tests (no keys).
  public var credentialNames: [String] {
    credentials.map { String(decoding: $0.name, as: UTF8.self) }
  }

  public var atr: [UInt8] { SimulatorATR.yubiKeyNFC }

  public func powerOn() {
    isPowered = true
    isSelected = false
    isValidated = false
    pending = []
  }

  public func powerOff() { isPowered = false }

  public func process(_ bytes: [UInt8]) -> [UInt8] {
    guard isPowered else { return [] }
    counters.commands += 1
    guard let command = CommandAPDU(parsing: bytes) else { return sw(0x6700) }
    guard command.cla == 0x00 else { return sw(0x6E00) }
    let ins = command.ins
    if ins != YKOATH.Instruction.sendRemaining { pending = [] }
    if ins == YKOATH.Instruction.selectOrCalculateAll && command.p1 == 0x04 {
      return select(command.data)
    }
    guard isSelected else { return sw(0x6D00) }
    let open = [YKOATH.Instruction.validate, YKOATH.Instruction.reset]
    if accessKey != nil, !isValidated, !open.contains(ins), ins != YKOATH.Instruction.sendRemaining
    {
      return sw(0x6982)
    }
    guard let fields = YKOATHTLV.parse(command.data) else { return sw(0x6A80) }
    switch ins {
    case YKOATH.Instruction.put: return put(fields)
    case YKOATH.Instruction.delete: return delete(fields)
    case YKOATH.Instruction.setCode: return setCode(fields)
    case YKOATH.Instruction.reset:
      guard command.p1 == 0xDE, command.p2 == 0xAD else { return sw(0x6A86) }
      return reset()
    case YKOATH.Instruction.list: return respond(list())
    case YKOATH.Instruction.calculate: return calculate(fields, truncated: command.p2 == 0x01)
    case YKOATH.Instruction.validate: return validate(fields)
    case YKOATH.Instruction.selectOrCalculateAll where command.p1 == 0x00:
      return calculateAll(fields)
    case YKOATH.Instruction.sendRemaining: return sendRemaining()
    default: return sw(0x6D00)
    }
  }

  // MARK: - Responses

  func sw(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

  /// `data` and `90 00`, or its first chunk and `61 XX` when it is longer than a chunk.
  func respond(_ data: [UInt8]) -> [UInt8] {
    let chunk = configuration.responseChunkLength
    guard data.count > chunk else { return data + sw(0x9000) }
    pending = Array(data[chunk...])
    return Array(data[..<chunk]) + [0x61, UInt8(min(pending.count, 255))]
  }

  func sendRemaining() -> [UInt8] {
    guard !pending.isEmpty else { return sw(0x6A80) }
    let rest = pending
    pending = []
    return respond(rest)
  }

  func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] { [tag, UInt8(value.count)] + value }

  func value(_ tag: UInt8, in fields: [YKOATHTLV.Element]) -> [UInt8]? {
    fields.first { $0.tag == tag }?.value
  }
}
