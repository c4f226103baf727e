import OTP
import Simulator
import SmartCard
import TestSupport
import Token2
import TokenCrypto

/// The byte parsers of the card side, and the burn procedure driven by a scripted card.
enum APDUTargets {
  /// The host time the scripted burns run at (fixed: a target never reads the clock).
  static let hostTime: Int64 = 1_700_000_000

  static func run(_ bytes: [UInt8]) {
    parsers(bytes)
    simulatedToken(bytes)
    scriptedBurn(bytes)
  }

  /// Each parser alone, with the round trips its type promises.
  static func parsers(_ bytes: [UInt8]) {
    if let response = ResponseAPDU(bytes: bytes) {
      precondition(response.bytes == bytes, "ResponseAPDU does not round-trip")
    }
    if let info = try? TokenInfo(parsing: bytes) {
      precondition((try? TokenInfo(parsing: info.encoded)) == info, "TokenInfo does not round-trip")
      _ = info.model
      _ = info.clockDrift(hostTime: hostTime)
    }
    if let elements = SimpleTLV.parseAll(bytes) {
      precondition(elements.flatMap(\.encoded) == bytes, "SIMPLE-TLV does not round-trip")
    }
    if let command = CommandAPDU(parsing: bytes) {
      precondition(
        CommandAPDU(parsing: command.bytes) == command, "CommandAPDU does not round-trip")
    }
    _ = VPCDMessage(payload: bytes)
    if bytes.count >= 2 { _ = VPCDFrame.payloadLength(header: Array(bytes.prefix(2))) }
  }

  /// The simulated token parses commands from pcscd: every input is a command to it, powered.
  static func simulatedToken(_ bytes: [UInt8]) {
    let token = SimulatedToken2(clock: { hostTime }, random: CountingBytes())
    token.powerOn()
    let answer = token.process(bytes)
    precondition(answer.count >= 2, "the simulated token answered without a status word")
  }

  /// `identify` and `burn` against a card that answers with the input (see `ScriptedCard`).
  /// Whatever the answers, the burn must end in a report or a `Token2Failure`, never a trap,
  /// and never send AUTHENTICATE again after one that was refused or whose answer was lost.
  static func scriptedBurn(_ bytes: [UInt8]) {
    let identifyCard = ScriptedCard(bytes)
    _ = try? Token2Card(transport: identifyCard, clock: { hostTime }).identify()

    let burnCard = ScriptedCard(bytes)
    // The recorder sits on the card, so it sees every AUTHENTICATE the card would receive,
    // the continuation resends of the burn's own session included.
    let recorder = RecordingTransport(wrapping: burnCard)
    let request = BurnRequest(
      secret: Secret(Array(repeating: 0x5A, count: 20)), algorithm: .sha1, period: .seconds30,
      displayTimeout: .seconds30, allowUnknownModel: bytes.first.map { $0 & 1 == 1 } ?? false)
    _ = try? Token2Card(transport: recorder, clock: { hostTime }).burn(request)
    precondition(burnCard.exchanges <= 64 * 8, "the burn did not stop exchanging")
    precondition(recorder.reconnectCount <= 1, "the burn reconnected more than once")
    precondition(
      !authenticatesAgainAfterUnconfirmed(recorder.exchanges),
      "AUTHENTICATE sent again after one that was refused or whose answer was lost")
  }

  /// Whether an AUTHENTICATE follows one that did not get `90 00`: refused, answered with any
  /// other status (a `6C XX` included: its resend is a second attempt), or with its answer lost
  /// (the token may have refused the key). An answer `61 XX` is judged by the GET RESPONSE
  /// exchanges that follow it.
  static func authenticatesAgainAfterUnconfirmed(_ exchanges: [RecordingTransport.Exchange]) -> Bool
  {
    var unconfirmed = false
    var judging = false
    for exchange in exchanges {
      let status = try? exchange.outcome.get().status
      switch exchange.command.ins {
      case FamilyA.Instruction.authenticate:
        if unconfirmed { return true }
        judging = true
      case getResponse where judging:
        break
      default:
        judging = false
        continue
      }
      unconfirmed = status?.isSuccess != true
      judging = judging && status?.sw1 == 0x61
    }
    return false
  }

  private static let getResponse: UInt8 = 0xC0
}

/// Deterministic "random" bytes for the simulated token's challenges.
struct CountingBytes: RandomSource {
  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
  }
}
