import Simulator
import SmartCard
import TestSupport
import Testing
import Token2

/// A card that answers every command from a script, for transport decorators.
private final class ScriptedApplet: CardApplet {
  var answers: [[UInt8]]
  var received: [[UInt8]] = []
  var powerCycles = 0
  init(_ answers: [[UInt8]]) { self.answers = answers }
  var atr: [UInt8] { [0x3B, 0x00] }
  func powerOn() { powerCycles += 1 }
  func powerOff() {}
  func process(_ command: [UInt8]) -> [UInt8] {
    received.append(command)
    return answers.isEmpty ? [0x90, 0x00] : answers.removeFirst()
  }
}

@Suite("SmartCard transports and helpers")
struct TransportTests {
  @Test("AppletTransport powers on, passes bytes, reconnect power-cycles")
  func applet() throws {
    let applet = ScriptedApplet([[0x01, 0x90, 0x00], [0x6A]])
    let transport = AppletTransport(applet: applet)
    #expect(applet.powerCycles == 1)
    let response = try transport.transmit(Token2Commands.getInfo())
    #expect(response == ResponseAPDU(data: [1], status: .success))
    #expect(applet.received == [hex("80 41 00 00 02 02 11")])
    #expect(throws: CardFailure.self) { try transport.transmit(Token2Commands.getInfo()) }
    try transport.reconnect()
    #expect(applet.powerCycles == 2)
  }

  @Test("FaultInjectingTransport: executed vs lost command, broken until reconnect")
  func faults() throws {
    for reaches in [true, false] {
      let applet = ScriptedApplet([])
      let transport = FaultInjectingTransport(
        wrapping: AppletTransport(applet: applet),
        fault: LinkFaultPlan(commandIndex: 2, commandReachesCard: reaches))
      _ = try transport.transmit(Token2Commands.getInfo())
      #expect(throws: CardFailure.cardRemoved) {
        try transport.transmit(Token2Commands.getChallenge())
      }
      #expect(applet.received.count == (reaches ? 2 : 1))
      #expect(throws: CardFailure.cardRemoved) { try transport.transmit(Token2Commands.getInfo()) }
      #expect(applet.received.count == (reaches ? 2 : 1))
      try transport.reconnect()
      _ = try transport.transmit(Token2Commands.getInfo())
      #expect(transport.commandCount == 4)
      #expect(transport.reconnectCount == 1)
      #expect(transport.firedFaults.count == 1)
    }
  }

  @Test("FaultInjectingTransport: failing reconnects report no card")
  func failingReconnect() throws {
    let transport = FaultInjectingTransport(
      wrapping: AppletTransport(applet: ScriptedApplet([])), faults: [], failingReconnects: 1)
    #expect(throws: CardFailure.noCard) { try transport.reconnect() }
    try transport.reconnect()
  }

  @Test("RecordingTransport keeps commands, outcomes and reconnects")
  func recording() throws {
    let recorder = RecordingTransport(
      wrapping: FaultInjectingTransport(
        wrapping: AppletTransport(applet: ScriptedApplet([])),
        fault: LinkFaultPlan(
          commandIndex: 2, commandReachesCard: false, failure: .unresponsive("gone"))))
    _ = try recorder.transmit(Token2Commands.getInfo())
    _ = try? recorder.transmit(Token2Commands.getChallenge())
    try recorder.reconnect()
    #expect(recorder.commands == [Token2Commands.getInfo(), Token2Commands.getChallenge()])
    #expect(recorder.exchanges[1].outcome == .failure(.unresponsive("gone")))
    #expect(recorder.count(ins: 0x41) == 1)
    #expect(recorder.reconnectCount == 1)
  }

  @Test("GET RESPONSE (61 XX) and 6C XX are followed, at most 64 times")
  func continuation() throws {
    let applet = ScriptedApplet([[0xAA, 0x61, 0x02], [0xBB, 0xCC, 0x90, 0x00]])
    let response = try ResponseContinuation.transmit(
      Token2Commands.getInfo(), over: AppletTransport(applet: applet))
    #expect(response == ResponseAPDU(data: [0xAA, 0xBB, 0xCC], status: .success))
    #expect(applet.received[1] == hex("00 C0 00 00 02"))

    let resend = ScriptedApplet([[0x6C, 0x08], [1, 2, 3, 4, 5, 6, 7, 8, 0x90, 0x00]])
    let wrapped = ContinuationHandlingTransport(wrapping: AppletTransport(applet: resend))
    let challenge = try wrapped.transmit(CommandAPDU(cla: 0x80, ins: 0x4B, p1: 8, p2: 0, le: 256))
    #expect(challenge.data.count == 8)
    #expect(resend.received[1] == hex("80 4B 08 00 08"))

    let endless = ScriptedApplet(Array(repeating: [0x61, 0x01], count: 100))
    #expect(throws: CardFailure.self) {
      try ResponseContinuation.transmit(
        Token2Commands.getInfo(), over: AppletTransport(applet: endless))
    }
    #expect(endless.received.count == 1 + ResponseContinuation.maximumFollowUps)
  }

  @Test("SimpleTLV encodes nested elements and rejects overruns")
  func tlv() {
    let element = SimpleTLV(tag: 0x86, children: [SimpleTLV(tag: 0x0A, value: [1])])
    #expect(element.encoded == hex("86 03 0A 01 01"))
    #expect(
      SimpleTLV.parseAll(hex("0A 01 01 0D 01 1E")) == [
        SimpleTLV(tag: 0x0A, value: [1]), SimpleTLV(tag: 0x0D, value: [0x1E]),
      ])
    #expect(SimpleTLV.parseAll(hex("0A 05 01")) == nil)
    #expect(SimpleTLV.parseAll(hex("0A")) == nil)
    #expect(SimpleTLV.parseAll([]) == [])
  }

  @Test("Simulator ATR is a well-formed contactless ATR")
  func atr() {
    let atr = SimulatorATR.token2
    #expect(Array(atr.prefix(4)) == hex("3B 8A 80 01"))
    #expect(atr.count == 4 + 10 + 1)
    #expect(atr.dropFirst().reduce(0, ^) == 0)
  }
}
