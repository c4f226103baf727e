import SmartCard
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
    #expect(try card.transmit(getInfo) == ResponseAPDU(data: [0x01], status: StatusWord(0x6A, 0x82)))
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
