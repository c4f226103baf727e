import SmartCard

/// A `CardTransport` decorator that keeps every exchange, for APDU counts, traces and tests.
///
/// The recorded commands include WRITE SEED ciphertext, which under the public Token2 key is
/// as good as the secret: never log or persist `exchanges` outside tests.
public final class RecordingTransport: CardTransport {
  /// One command and what came back.
  public struct Exchange: Equatable, Sendable {
    /// The command as sent.
    public var command: CommandAPDU
    /// The response, or the failure that ended the exchange.
    public var outcome: Result<ResponseAPDU, CardFailure>

    /// An exchange as recorded; public so checks over recordings can be tested on their own.
    public init(command: CommandAPDU, outcome: Result<ResponseAPDU, CardFailure>) {
      self.command = command
      self.outcome = outcome
    }
  }

  private let inner: any CardTransport

  /// Every exchange so far, in order.
  public private(set) var exchanges: [Exchange] = []
  /// Number of `reconnect()` calls so far.
  public private(set) var reconnectCount = 0

  /// Records everything sent through `inner`.
  public init(wrapping inner: any CardTransport) {
    self.inner = inner
  }

  /// The commands sent so far, in order.
  public var commands: [CommandAPDU] { exchanges.map(\.command) }

  /// Number of commands sent whose instruction byte is `ins`.
  public func count(ins: UInt8) -> Int { exchanges.filter { $0.command.ins == ins }.count }

  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    do {
      let response = try inner.transmit(command)
      exchanges.append(Exchange(command: command, outcome: .success(response)))
      return response
    } catch {
      exchanges.append(Exchange(command: command, outcome: .failure(error)))
      throw error
    }
  }

  public func reconnect() throws(CardFailure) {
    reconnectCount += 1
    try inner.reconnect()
  }
}
