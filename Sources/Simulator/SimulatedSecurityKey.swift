import SmartCard
import Token2

/// A FIDO security key or a YubiKey-style OATH key as a card applet: it only answers SELECT of
/// its own applet, and refuses Token2's proprietary class like a real key (`6E 00`). Used to
/// check that tokenburner recognises a key tapped by mistake (protocol note §4.2, §7).
public final class SimulatedSecurityKey: CardApplet {
  /// Which applet this key exposes.
  public let kind: SecurityKeyKind
  /// SELECT commands received.
  public private(set) var selectCount = 0
  private var isPowered = false

  /// A key exposing the applet of `kind`.
  public init(kind: SecurityKeyKind) {
    self.kind = kind
  }

  public var atr: [UInt8] { SimulatorATR.securityKey }

  public func powerOn() { isPowered = true }
  public func powerOff() { isPowered = false }

  public func process(_ bytes: [UInt8]) -> [UInt8] {
    guard isPowered else { return [] }
    guard let command = CommandAPDU(parsing: bytes) else { return StatusWord.wrongLength.bytes }
    guard command.cla == 0x00 else { return StatusWord.classNotSupported.bytes }
    guard command.ins == 0xA4, command.p1 == 0x04 else {
      return StatusWord.instructionNotSupported.bytes
    }
    selectCount += 1
    switch kind {
    case .fido where command.data == FamilyA.ForeignAID.fido:
      return Array("U2F_V2".utf8) + StatusWord.success.bytes
    case .yubiKeyOATH where command.data == FamilyA.ForeignAID.yubiKeyOATH:
      // YKOATH SELECT answer: version tag 79 and name/salt tag 71 (§6.1).
      return [0x79, 0x03, 0x05, 0x04, 0x03, 0x71, 0x08, 1, 2, 3, 4, 5, 6, 7, 8]
        + StatusWord.success.bytes
    default:
      return StatusWord.fileNotFound.bytes
    }
  }
}

extension StatusWord {
  /// SW1 SW2 as bytes.
  var bytes: [UInt8] { [sw1, sw2] }
}
