import OTP
import Simulator
import SmartCard
import TestSupport
import YubiKeyOATH

/// Family C's byte parsers, the simulated applet's command handling, and the driver against a
/// card whose every answer comes from the input.
enum YubiKeyTargets {
  static let hostTime: Int64 = 1_700_000_000

  static func run(_ bytes: [UInt8]) {
    parsers(bytes)
    simulatedKey(bytes)
    scriptedDriver(bytes)
  }

  /// Each parser alone, with the round trips its type promises.
  static func parsers(_ bytes: [UInt8]) {
    if let elements = YKOATHTLV.parse(bytes) {
      let encoded = elements.flatMap { element -> [UInt8] in
        // The property tag carries its one byte without a length.
        let length = element.tag == YKOATH.Tag.property ? [] : [UInt8(element.value.count)]
        return [element.tag] + length + element.value
      }
      precondition(encoded == bytes, "YKOATH TLV does not round-trip")
    }
    if let info = OATHAppletInfo(selectResponse: bytes) {
      precondition(!info.deviceID.contains("="), "a device id with padding")
      precondition([32, 64].contains(info.capacity), "a capacity other than 32 or 64")
    }
    for isTOTP in [true, false] {
      if let id = OATHCredentialID.parse(bytes, isTOTP: isTOTP) {
        precondition(!id.account.isEmpty, "a parsed name without an account")
        precondition(
          OATHCredentialID.parse(id.encoded, isTOTP: isTOTP) == id, "a name does not round-trip")
      }
    }
    if bytes.count == 5, let code = OATHCode.truncated(bytes) {
      precondition(code.count == Int(bytes[0]), "a code of the wrong length")
    }
  }

  /// The simulated key, its OATH applet selected, takes the input as one command.
  static func simulatedKey(_ bytes: [UInt8]) {
    let key = SimulatedYubiKey(
      configuration: .init(password: bytes.first.map { $0 & 1 == 1 ? [0x70] : nil } ?? nil),
      random: CountingBytes())
    key.powerOn()
    _ = key.process(YKOATHCommands.select().bytes)
    let answer = key.process(bytes)
    precondition(answer.count >= 2, "the simulated key answered without a status word")
  }

  /// `open`, `list` and `codes` against a card that answers with the input: never a trap, and
  /// never a second VALIDATE after one that was refused or lost its answer.
  static func scriptedDriver(_ bytes: [UInt8]) {
    let recorder = RecordingTransport(wrapping: ScriptedCard(bytes))
    let card = YubiKeyOATHCard(transport: recorder, random: CountingBytes())
    for _ in 0..<2 {
      _ = try? card.open(password: Array("password".utf8))
      _ = try? card.list()
      _ = try? card.codes(at: hostTime, touching: true)
    }
    let validates = recorder.exchanges.filter { $0.command.ins == YKOATH.Instruction.validate }
    let accepted = validates.filter { exchange in
      guard case .success(let response) = exchange.outcome else { return false }
      return response.status.isSuccess
    }
    precondition(
      validates.count <= accepted.count + 1, "VALIDATE was sent again after a refused or lost one")
  }
}
