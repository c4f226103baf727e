import Molto2
import OTP
import Simulator
import SmartCard
import TestSupport
import TokenCrypto

/// A simulated Molto2 on an in-memory reader with every exchange recorded, its clock fixed at
/// t = 1700000000.
struct Molto2Fixture {
  static let time: Int64 = 1_700_000_000
  /// JBSWY3DPEHPK3PXP: protocol note §4.10 gives its SHA-1/30 s code at 1700000000, 324550
  /// (computed there independently, cross-checked with oathtool).
  static let noteSecret = Secret(hex("48 65 6C 6C 6F 21 DE AD BE EF"))
  static let noteCode = "324550"

  let token: SimulatedMolto2
  let recorder: RecordingTransport
  let card: Molto2Card

  init(
    model: Molto2Model = .molto2, key: Molto2CustomerKey = .factoryDefault,
    fault: LinkFaultPlan? = nil
  ) {
    token = SimulatedMolto2(
      configuration: SimulatedMolto2Configuration(model: model, customerKey: key),
      clock: { Self.time }, random: FixedChallenge())
    let applet: any CardTransport = AppletTransport(applet: token)
    let link: any CardTransport =
      fault.map { FaultInjectingTransport(wrapping: applet, fault: $0) } ?? applet
    recorder = RecordingTransport(wrapping: link)
    card = Molto2Card(transport: recorder, clock: { Self.time })
  }

  /// The instruction bytes sent so far, with P2 for the profile-addressed ones.
  var trace: [String] {
    recorder.commands.map { command in
      let name: String
      switch (command.ins, command.data) {
      case (0x41, [0x70]): name = "PUBLIC"
      case (0x41, _): name = "INFO"
      case (0x4B, _): name = "CHALLENGE"
      case (0xCE, _): name = "AUTH"
      case (0xE6, _): name = "DELETE"
      case (0xC5, _): name = "SEED"
      case (0xD5, _): name = "TITLE"
      case (0xD4, let data) where data.count == 12: name = "SYNC"
      case (0xD4, _): name = "CONFIG"
      default: name = "?\(command.ins)"
      }
      return [0x4B, 0xCE].contains(command.ins) || name == "INFO" ? name : "\(name) \(command.p2)"
    }
  }

  func request(
    profile: Int, title: String = "Google", overwrite: Bool = false,
    settings: Molto2Settings = .init(), secret: Secret = noteSecret
  ) throws -> Molto2BurnRequest {
    try Molto2BurnRequest(
      profile: profile, secret: secret, title: Molto2Title(title), settings: settings,
      overwrite: overwrite)
  }
}

/// Answers from a list: each entry is one response's hex (data then SW).
func scripted(_ answers: [String]) -> ScriptedCard {
  ScriptedCard(
    answers.flatMap { answer -> [UInt8] in
      let bytes = hex(answer)
      return [UInt8(bytes.count)] + bytes
    })
}
