import Foundation
import SmartCard

/// Bench instrumentation for `burn`, off unless `TOKENBURNER_BENCH_TRANSMIT_FILE` names a file:
/// the card port is then wrapped in `TimedCardTransport`, and when the burn ends the total time
/// spent inside its transmit calls (for PC/SC: `SCardTransmit`, a round trip through pcscd to
/// the card) is written to that file as one JSON object,
/// `{"transmit_ns": N, "transmits": N, "reconnects": N}`. No command or response byte is kept,
/// so nothing secret can reach the file. Read here, in the composition root, and nowhere else.
struct TransmitTiming {
  /// The environment variable that turns the timing on.
  static let environmentVariable = "TOKENBURNER_BENCH_TRANSMIT_FILE"

  /// The port to hand to the protocol: the timed decorator, or `inner` itself when off.
  let transport: any CardTransport
  private let timer: TimedCardTransport?
  private let path: String?

  init(
    wrapping inner: any CardTransport,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    path = environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    timer = path == nil ? nil : TimedCardTransport(wrapping: inner)
    transport = timer ?? inner
  }

  /// Writes the totals, if timing is on. A bench aid: a write failure is ignored.
  func finish() {
    guard let timer, let path else { return }
    let nanoseconds =
      timer.inside.components.seconds * 1_000_000_000
      + timer.inside.components.attoseconds / 1_000_000_000
    let json =
      #"{"transmit_ns": \#(nanoseconds), "transmits": \#(timer.transmits), "reconnects": \#(timer.reconnects)}"#
    try? Data((json + "\n").utf8).write(to: URL(fileURLWithPath: path))
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
