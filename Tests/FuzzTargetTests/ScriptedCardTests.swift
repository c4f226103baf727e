import OTP
import SmartCard
import TestSupport
import Testing
import Token2

@testable import FuzzTargets

/// The scripted card of the `apdu` target answers exactly what the script says, so a fuzz input
/// can steer a burn down any path.
@Suite struct ScriptedCardTests {
  let getInfo = CommandAPDU(cla: 0x80, ins: 0x41, p1: 0, p2: 0, data: [0x02, 0x11])

  @Test func answersInOrderThenLosesTheLink() throws {
    let card = ScriptedCard([2, 0x90, 0x00, 3, 0x01, 0x6A, 0x82])
    #expect(try card.transmit(getInfo) == ResponseAPDU(status: .success))
    #expect(
      try card.transmit(getInfo) == ResponseAPDU(data: [0x01], status: StatusWord(0x6A, 0x82)))
    #expect(throws: CardFailure.cardRemoved) { try card.transmit(getInfo) }
    #expect(card.exchanges == 3)
  }

  @Test func shortAnswerIsALostLinkAndFFFailsTheReconnect() throws {
    let card = ScriptedCard([1, 0x90, 0xFF, 2, 0x90, 0x00])
    #expect(throws: CardFailure.cardRemoved) { try card.transmit(getInfo) }
    #expect(throws: CardFailure.unresponsive("scripted")) { try card.transmit(getInfo) }
    #expect(throws: CardFailure.noCard) { try card.reconnect() }
    try card.reconnect()
    #expect(try card.transmit(getInfo).status == .success)
  }

  /// A realistic GET INFO answer parses through the scripted card into a token identity.
  @Test func identifyReadsAScriptedGetInfo() throws {
    let info = TokenInfo(serial: "8659622000001", tokenTime: 1_700_000_000)
    let answer = info.encoded + [0x90, 0x00]
    let card = ScriptedCard([UInt8(answer.count)] + answer)
    let identity = try Token2Card(transport: card, clock: { 1_700_000_000 }).identify()
    #expect(identity.info.serial == "8659622000001")
  }
}

/// The `apdu` target's burn reaches every outcome from a script alone, so the fuzzer can too.
@Suite struct ScriptedBurnTests {
  static let info =
    TokenInfo(serial: "8659632000001", tokenTime: 1_700_000_000).encoded + [0x90, 0x00]
  static let challenge: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 0x90, 0x00]
  static let ok: [UInt8] = [0x90, 0x00]

  /// Length-prefixed answers, as `ScriptedCard` reads them.
  static func script(_ answers: [[UInt8]]) -> [UInt8] { answers.flatMap { [UInt8($0.count)] + $0 } }

  func burn(_ answers: [[UInt8]]) -> (Result<BurnReport, Token2Failure>, RecordingTransport) {
    let recorder = RecordingTransport(wrapping: ScriptedCard(Self.script(answers)))
    let request = BurnRequest(secret: Secret(Array(repeating: 0x5A, count: 20)))
    let card = Token2Card(transport: recorder, clock: { APDUTargets.hostTime })
    let result = Result { () throws(Token2Failure) -> BurnReport in try card.burn(request) }
    return (result, recorder)
  }

  @Test func aFullScriptBurns() throws {
    let (result, recorder) = burn([Self.info, Self.challenge, Self.ok, Self.ok, Self.ok, Self.info])
    let report = try result.get()
    #expect(report.apduCount == 6)
    #expect(recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE, 0xD4, 0xC5, 0x41])
  }

  @Test func aRefusedKeyStopsAfterOneAuthenticate() {
    let (result, recorder) = burn([
      Self.info, Self.challenge, [0x69, 0x83], Self.challenge, Self.ok,
    ])
    guard case .failure(.tokenRefusedKey) = result else {
      Issue.record("expected a refused key, got \(result)")
      return
    }
    #expect(recorder.count(ins: 0xCE) == 1)
    // The whole run of the fuzz target on the same bytes keeps its invariants.
    FuzzTarget.apdu.run(Self.script([Self.info, Self.challenge, [0x69, 0x83]]))
  }

  /// A one-byte answer is a lost link: the AUTHENTICATE's answer never came. A script that
  /// would let a second AUTHENTICATE through after the reconnect is not followed.
  @Test func aLostAuthenticateAnswerStopsAfterOneAuthenticate() {
    let answers = [
      Self.info, Self.challenge, [0x90], Self.info, Self.challenge, Self.ok, Self.ok, Self.ok,
      Self.info,
    ]
    let (result, recorder) = burn(answers)
    guard case .failure(.authenticationAnswerLost(state: .unchanged)) = result else {
      Issue.record("expected a lost AUTHENTICATE answer, got \(result)")
      return
    }
    #expect(recorder.count(ins: 0xCE) == 1)
    #expect(recorder.reconnectCount == 0)
    #expect(!APDUTargets.authenticatesAgainAfterUnconfirmed(recorder.exchanges))
    FuzzTarget.apdu.run(Self.script(answers))
  }

  /// The target's invariant itself: it flags an AUTHENTICATE after a lost or refused one, and
  /// not after an accepted one.
  @Test func theInvariantFlagsAnAuthenticateAfterALostOrRefusedOne() {
    let authenticate = CommandAPDU(
      cla: 0x80, ins: 0xCE, p1: 0, p2: 0, data: [UInt8](repeating: 0, count: 16))
    func exchange(_ outcome: Result<ResponseAPDU, CardFailure>) -> RecordingTransport.Exchange {
      RecordingTransport.Exchange(command: authenticate, outcome: outcome)
    }
    let accepted = exchange(.success(ResponseAPDU(status: .success)))
    let refused = exchange(.success(ResponseAPDU(status: .authenticationBlocked)))
    let lost = exchange(.failure(.cardRemoved))
    #expect(APDUTargets.authenticatesAgainAfterUnconfirmed([lost, accepted]))
    #expect(APDUTargets.authenticatesAgainAfterUnconfirmed([refused, refused]))
    #expect(APDUTargets.authenticatesAgainAfterUnconfirmed([accepted, lost, accepted]))
    #expect(!APDUTargets.authenticatesAgainAfterUnconfirmed([accepted, accepted, lost]))
    #expect(!APDUTargets.authenticatesAgainAfterUnconfirmed([refused]))
    // 61 XX is judged by its GET RESPONSE; 6C XX is no acceptance (its resend is a second try).
    let more = exchange(.success(ResponseAPDU(status: StatusWord(0x61, 0x02))))
    let getResponse = RecordingTransport.Exchange(
      command: CommandAPDU(cla: 0x00, ins: 0xC0, p1: 0, p2: 0, le: 2),
      outcome: .success(ResponseAPDU(data: [1, 2], status: .success)))
    let resendAsked = exchange(.success(ResponseAPDU(status: StatusWord(0x6C, 0x10))))
    #expect(!APDUTargets.authenticatesAgainAfterUnconfirmed([more, getResponse, accepted]))
    #expect(APDUTargets.authenticatesAgainAfterUnconfirmed([more, accepted]))
    #expect(APDUTargets.authenticatesAgainAfterUnconfirmed([resendAsked, accepted]))
  }

  /// `6C XX` to AUTHENTICATE: the session's continuation must not resend it.
  @Test func aWrongLengthAuthenticateAnswerIsNotResent() {
    let answers = [Self.info, Self.challenge, [0x6C, 0x10], Self.ok, Self.ok, Self.ok, Self.info]
    let (result, recorder) = burn(answers)
    guard
      case .failure(
        .unexpectedStatus(command: .authenticate, status: StatusWord(0x6C, 0x10), state: .unchanged)
      ) = result
    else {
      Issue.record("expected the 6C answer reported, got \(result)")
      return
    }
    #expect(recorder.count(ins: 0xCE) == 1)
    FuzzTarget.apdu.run(Self.script(answers))
  }
}
