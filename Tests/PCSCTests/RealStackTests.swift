import Foundation
import PCSC
import Simulator
import SmartCard
import Testing

/// libpcsclite against a real pcscd (private sandbox) with the vpcd driver and an in-process
/// virtual card. Serialized: they share one socket path and the vpcd ports.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct RealStackTests {
  init() {
    _ = PCSCSandbox.directory  // sets PCSCLITE_CSOCK_NAME before any PC/SC call
  }

  @Test func virtualReaderShowsTheCardAndItsATR() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let names = try bench.context.listReaders()
    #expect(names == [RealStackBench.reader, RealStackBench.secondSlot])
    let states = try bench.context.readerStates()
    let slot = try #require(states.first { $0.name == RealStackBench.reader })
    #expect(slot.card == .present)
    #expect(slot.atr == bench.applet.atr)
    #expect(states.first { $0.name == RealStackBench.secondSlot }?.card == .absent)
    #expect(try ReaderSelection.choose(from: states, named: nil).name == RealStackBench.reader)
    #expect(
      try ReaderSelection.choose(from: states, named: "virtual pcd").name == RealStackBench.reader)
    let card = try bench.connect()
    #expect(try card.atr() == bench.applet.atr)
    #expect([1, 2].contains(card.activeProtocol))
  }

  @Test func apdusRoundTripByteExact() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect()
    let commands = [
      CommandAPDU(cla: 0x80, ins: 0x41, p1: 0, p2: 0),
      CommandAPDU(cla: 0x80, ins: 0x42, p1: 1, p2: 2, data: [0xDE, 0xAD, 0xBE, 0xEF]),
      CommandAPDU(cla: 0x80, ins: 0x43, p1: 0, p2: 0, data: (0..<255).map { UInt8($0) }, le: 256),
    ]
    for command in commands {
      let response = try card.transmit(command)
      #expect(response == ResponseAPDU(data: command.bytes, status: .success))
    }
    let full = try card.transmit(CommandAPDU(cla: 0x00, ins: 0xB0, p1: 0, p2: 0, le: 256))
    #expect(full.data == (0...255).map { UInt8($0) })
    let refused = try card.transmit(CommandAPDU(cla: 0x00, ins: 0x6A, p1: 0, p2: 0))
    #expect(refused == ResponseAPDU(status: .fileNotFound))
    #expect(bench.applet.received.count == 5)
    #expect(bench.applet.received.first == commands[0].bytes)
  }

  @Test func removingTheCardIsALinkLossAndReinsertingRecovers() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect()
    _ = try card.transmit(CommandAPDU(cla: 0x80, ins: 0x41, p1: 0, p2: 0))

    bench.client.removeCard()
    try bench.waitForCard(present: false)
    let failure = expectError(CardFailure.self) {
      _ = try card.transmit(CommandAPDU(cla: 0x80, ins: 0x41, p1: 0, p2: 0))
    }
    #expect(failure?.isLinkLoss == true, "got \(String(describing: failure))")
    #expect(card.lastError != nil)
    #expect(expectError(CardFailure.self) { try card.reconnect() } == .noCard)

    bench.client.insertCard()
    try bench.waitForCard(present: true)
    try card.reconnect()
    let response = try card.transmit(CommandAPDU(cla: 0x80, ins: 0x44, p1: 0, p2: 0, data: [7]))
    #expect(response.data == [0x80, 0x44, 0, 0, 1, 7])
    #expect(bench.client.connections == 2)
  }

  @Test(arguments: [false, true])
  func faultDropsExactlyTheKthAPDU(executeBeforeDrop: Bool) throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect()
    bench.client.arm(VPCDFault(dropAfterAPDU: 3, executeBeforeDrop: executeBeforeDrop))
    for ins: UInt8 in [0x01, 0x02] {
      #expect(try card.transmit(CommandAPDU(cla: 0x80, ins: ins, p1: 0, p2: 0)).status == .success)
    }
    let failure = expectError(CardFailure.self) {
      _ = try card.transmit(CommandAPDU(cla: 0x80, ins: 0x03, p1: 0, p2: 0))
    }
    #expect(failure?.isLinkLoss == true, "got \(String(describing: failure))")
    #expect(bench.applet.received.count == (executeBeforeDrop ? 3 : 2))
    #expect(bench.client.drops == 1)

    // The card comes back by itself after `returnAfter`; a fresh session then works.
    #expect(bench.client.wait(timeout: .seconds(5)) { $0 == .connected })
    let recovered = eventually(timeout: .seconds(5), interval: .milliseconds(50)) {
      guard (try? card.reconnect()) != nil else { return false }
      return (try? card.transmit(CommandAPDU(cla: 0x80, ins: 0x04, p1: 0, p2: 0))) != nil
    }
    #expect(
      recovered, "no working session after the card came back\n\(bench.sandbox.log.suffix(2000))")
    #expect(bench.client.connections == 2)
    #expect(bench.client.drops == 1)
  }

  @Test func anExclusiveSessionMakesTheReaderBusyForOthers() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let holder = try bench.connect(.exclusive)
    let other = try PCSCContext()
    defer { other.release() }
    let error = expectError(PCSCError.self) {
      _ = try PCSCCard(context: other, reader: RealStackBench.reader)
    }
    #expect(error == .sharingViolation)
    #expect(error?.cardFailure == .readerBusy(PCSCError.sharingViolation.operatorMessage))
    #expect(try other.readerStates().first { $0.name == RealStackBench.reader }?.card == .exclusive)
    holder.disconnect()
    _ = try PCSCCard(context: other, reader: RealStackBench.reader)
  }

  @Test func transactionsBeginAndEnd() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    let card = try bench.connect()
    try card.beginTransaction()
    _ = try card.transmit(CommandAPDU(cla: 0x80, ins: 0x41, p1: 0, p2: 0))
    try card.endTransaction()
    card.disconnect()
    #expect(expectError(PCSCError.self) { try card.beginTransaction() } == .invalidHandle)
  }

  @Test func waitsTimeOutAndCanBeCancelledFromAnotherThread() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    _ = try bench.context.readerStates()
    #expect(try bench.context.waitForChange(timeout: .milliseconds(150)) == .timedOut)

    let canceller = bench.context.canceller
    let done = NSLock()
    nonisolated(unsafe) var finished = false
    let thread = Thread {
      // Cancel repeatedly: a cancel that lands before the wait starts is a no-op.
      while !done.withLock({ finished }) {
        Thread.sleep(forTimeInterval: 0.05)
        canceller.cancel()
      }
    }
    thread.start()
    let result = try bench.context.waitForChange(timeout: .seconds(20))
    done.withLock { finished = true }
    #expect(result == .cancelled)
  }

  @Test func stoppedPcscdIsServiceUnavailable() throws {
    let bench = try RealStackBench()
    defer { bench.shutdown() }
    bench.sandbox.stop()
    let existing = expectError(PCSCError.self) { _ = try bench.context.listReaders() }
    #expect(existing?.cardFailure == .serviceUnavailable(PCSCError.noService.operatorMessage))

    let error = expectError(PCSCError.self) { _ = try PCSCContext() }
    #expect(error == .noService)
    #expect(error?.cardFailure == .serviceUnavailable(PCSCError.noService.operatorMessage))
    #expect(error?.operatorMessage.contains("pcscd is not running") == true)
    #expect(error?.operatorMessage.contains("sudo systemctl start pcscd") == true)
  }
}
