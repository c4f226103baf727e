import SmartCard

/// A `CardTransport` decorator that breaks the link on schedule (`LinkFaultPlan`), for testing
/// what a protocol does when the token is lifted mid-session.
///
/// Once a fault fires, every `transmit` throws the plan's failure until `reconnect()` succeeds;
/// each plan fires at most once.
public final class FaultInjectingTransport: CardTransport {
  private let inner: any CardTransport
  private var pending: [LinkFaultPlan]
  private var brokenWith: CardFailure?
  private var reconnectFailuresLeft: Int

  /// APDUs offered to this transport so far (including ones that failed).
  public private(set) var commandCount = 0
  /// Successful and failed `reconnect()` calls so far.
  public private(set) var reconnectCount = 0
  /// The faults that fired, in order.
  public private(set) var firedFaults: [LinkFaultPlan] = []

  /// - Parameters:
  ///   - inner: the transport to the card.
  ///   - faults: when to break the link; indices count every APDU through this transport.
  ///   - failingReconnects: how many `reconnect()` calls fail (with `.noCard`) before one
  ///     succeeds, for "the token was not put back".
  public init(
    wrapping inner: any CardTransport, faults: [LinkFaultPlan], failingReconnects: Int = 0
  ) {
    self.inner = inner
    self.pending = faults
    self.reconnectFailuresLeft = failingReconnects
  }

  /// Convenience for a single fault.
  public convenience init(wrapping inner: any CardTransport, fault: LinkFaultPlan) {
    self.init(wrapping: inner, faults: [fault])
  }

  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    commandCount += 1
    if let brokenWith { throw brokenWith }
    guard let index = pending.firstIndex(where: { $0.commandIndex == commandCount }) else {
      return try inner.transmit(command)
    }
    let fault = pending.remove(at: index)
    firedFaults.append(fault)
    brokenWith = fault.failure
    if fault.commandReachesCard {
      // The card executes the command; only its answer is lost. A failure here is moot.
      _ = try? inner.transmit(command)
    }
    throw fault.failure
  }

  public func reconnect() throws(CardFailure) {
    reconnectCount += 1
    if reconnectFailuresLeft > 0 {
      reconnectFailuresLeft -= 1
      throw .noCard
    }
    try inner.reconnect()
    brokenWith = nil
  }
}
