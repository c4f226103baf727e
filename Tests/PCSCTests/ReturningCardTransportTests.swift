import Foundation
import PCSC
import Simulator
import SmartCard
import Testing

/// The burn's reconnect over a real pcscd: it waits for a token that left the reader, gives up
/// after its timeout, and never waits for what cannot come back. Part of `RealStackTests` so
/// it runs serialized with the other users of the sandbox and the vpcd ports.
extension RealStackTests {
  @Test func returningTransportWaitsForTheCardToComeBackThenReconnects() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect(.exclusive)
    nonisolated(unsafe) var waitingCalls = 0
    let transport = ReturningCardTransport(
      card: card, context: bench.context, returnTimeout: .seconds(10),
      onWaiting: { waitingCalls += 1 })

    bench.client.removeCard()
    _ = try bench.waitForCard(present: false)
    let client = bench.client
    let putBack = Thread {
      Thread.sleep(forTimeInterval: 0.8)
      client.insertCard()
    }
    putBack.start()
    let started = ContinuousClock.now
    try transport.reconnect()
    let waited = ContinuousClock.now - started
    #expect(waitingCalls == 1)
    #expect(waited >= .milliseconds(700), "reconnected before the card was back: \(waited)")
    let response = try transport.transmit(
      CommandAPDU(cla: 0x80, ins: 0x44, p1: 0, p2: 0, data: [9]))
    #expect(response.data == [0x80, 0x44, 0, 0, 1, 9])
  }

  @Test func returningTransportGivesUpAfterTheTimeoutWithTheLinkFailure() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect()
    let transport = ReturningCardTransport(
      card: card, context: bench.context, returnTimeout: .milliseconds(600))
    bench.client.removeCard()
    _ = try bench.waitForCard(present: false)
    let started = ContinuousClock.now
    let failure = expectError(CardFailure.self) { try transport.reconnect() }
    let waited = ContinuousClock.now - started
    #expect(failure == .noCard)
    #expect(waited >= .milliseconds(550) && waited < .seconds(3), "waited \(waited)")
  }

  @Test func returningTransportDoesNotWaitForAStoppedPcscd() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect()
    let transport = ReturningCardTransport(
      card: card, context: bench.context, returnTimeout: .seconds(30))
    bench.sandbox.stop()
    let started = ContinuousClock.now
    let failure = expectError(CardFailure.self) { try transport.reconnect() }
    #expect(
      failure.map(ReturningCardTransport.isWorthWaiting) == false,
      "got \(String(describing: failure))")
    #expect(ContinuousClock.now - started < .seconds(5))
  }
}
