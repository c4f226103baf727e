import Foundation
import SmartCard
import TokenService

/// Bench instrumentation for `burn`, off unless `TOKENBURNER_BENCH_TRANSMIT_FILE` names a file:
/// a burn's card port is then wrapped in `TimedCardTransport`, and when its session closes the total time
/// spent inside its transmit calls (for PC/SC: `SCardTransmit`, a round trip through pcscd to
/// the card) is written to that file as one JSON object,
/// `{"transmit_ns": N, "transmits": N, "reconnects": N}`. No command or response byte is kept,
/// so nothing secret can reach the file. Read here, in the composition root, and nowhere else.
struct TransmitTiming: CardConnector {
  /// The environment variable that turns the timing on.
  static let environmentVariable = "TOKENBURNER_BENCH_TRANSMIT_FILE"

  private let inner: any CardConnector
  private let path: String?

  init(
    wrapping inner: any CardConnector,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.inner = inner
    path = environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The connector to hand to the service: this one when timing is on, `inner` itself when off.
  var connector: any CardConnector { path == nil ? inner : self }

  /// Write (burn) sessions are timed; read sessions pass through.
  func connect(_ reader: ReaderRequest, for access: CardAccess) throws(ConnectFailure)
    -> any CardSession
  {
    let session = try inner.connect(reader, for: access)
    guard access == .write, let path else { return session }
    return TimedSession(session, path: path)
  }
}

/// A write session whose port is timed; closing it writes the totals, then closes the card.
final class TimedSession: CardSession {
  private let inner: any CardSession
  private let timer: TimedCardTransport
  private let path: String

  init(_ inner: any CardSession, path: String) {
    self.inner = inner
    self.timer = TimedCardTransport(wrapping: inner.transport)
    self.path = path
  }

  var transport: any CardTransport { timer }

  /// Writes the totals (a bench aid: a write failure is ignored), then ends the session.
  func close() {
    let nanoseconds =
      timer.inside.components.seconds * 1_000_000_000
      + timer.inside.components.attoseconds / 1_000_000_000
    let json =
      #"{"transmit_ns": \#(nanoseconds), "transmits": \#(timer.transmits), "reconnects": \#(timer.reconnects)}"#
    try? Data((json + "\n").utf8).write(to: URL(fileURLWithPath: path))
    inner.close()
  }
}

/// A `CardTransport` decorator that sums the wall time spent inside `transmit`.
final class TimedCardTransport: CardTransport {
  private let inner: any CardTransport
  /// Total time inside `inner.transmit`, failed exchanges included.
  private(set) var inside: Duration = .zero
  private(set) var transmits = 0
  private(set) var reconnects = 0

  init(wrapping inner: any CardTransport) { self.inner = inner }

  func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    let started = ContinuousClock.now
    defer {
      inside += ContinuousClock.now - started
      transmits += 1
    }
    return try inner.transmit(command)
  }

  func reconnect() throws(CardFailure) {
    reconnects += 1
    try inner.reconnect()
  }
}
