import Foundation
import PCSC
import Simulator
import SmartCard
import Testing

/// One real-stack setup: a sandbox pcscd, the echo applet behind a vpcd client, and a PC/SC
/// context on the test's thread, with the card on `Virtual PCD 00 00`.
final class RealStackBench {
  static let reader = "Virtual PCD 00 00"
  static let secondSlot = "Virtual PCD 00 01"

  let sandbox: PCSCSandbox
  let applet = EchoApplet()
  let client: VPCDClient
  let context: PCSCContext

  init() throws {
    sandbox = try PCSCSandbox()
    client = VPCDClient(
      applet: applet,
      configuration: VPCDConfiguration(port: sandbox.port, giveUpAfter: .seconds(10)))
    client.start()
    do {
      context = try PCSCContext()
      try waitForCard(present: true)
    } catch {
      client.stop()
      sandbox.stop()
      throw error
    }
  }

  /// Tears everything down; call it in a `defer` so a failing test cleans up too.
  func shutdown() {
    client.stop()
    context.release()
    sandbox.stop()
  }

  /// Waits through `waitForChange` until the reader shows (or stops showing) a card.
  @discardableResult
  func waitForCard(present: Bool, timeout: Duration = .seconds(5)) throws -> ReaderState {
    let deadline = ContinuousClock.now + timeout
    var states = try context.readerStates()
    while true {
      if let state = states.first(where: { $0.name == Self.reader }),
        state.card.holdsCard == present
      {
        return state
      }
      let left = deadline - ContinuousClock.now
      guard left > .zero else {
        throw BenchError.timedOut("card \(present ? "present" : "absent")", states, sandbox.log)
      }
      switch try context.waitForChange(timeout: min(left, .seconds(1))) {
      case .changed(let now): states = now
      case .timedOut, .cancelled: states = try context.readerStates()
      }
    }
  }

  /// A connected card session on the virtual reader.
  func connect(_ share: PCSCCard.ShareMode = .shared) throws -> PCSCCard {
    try PCSCCard(context: context, reader: Self.reader, share: share)
  }

  enum BenchError: Error, CustomStringConvertible {
    case timedOut(String, [ReaderState], String)

    var description: String {
      switch self {
      case .timedOut(let what, let states, let log):
        "timed out waiting for \(what); readers: \(states)\npcscd log:\n\(log.suffix(3000))"
      }
    }
  }
}

/// Runs `body` expecting it to throw an `E`; returns the error (nil and a recorded issue
/// otherwise).
func expectError<E: Error>(
  _ type: E.Type, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) -> E? {
  do {
    try body()
    Issue.record("expected a \(E.self)", sourceLocation: sourceLocation)
  } catch let error as E {
    return error
  } catch {
    Issue.record("expected a \(E.self), got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}
