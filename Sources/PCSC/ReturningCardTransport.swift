import SmartCard

/// The card port for a burn over PC/SC: transmits through a `PCSCCard`, and when the protocol
/// asks for its one reconnect after a link loss, gives the operator time to lay the token back
/// on the reader instead of failing at once.
///
/// A contactless token that slid off the reader is usually back within seconds; `PCSCCard`
/// alone reconnects only if the card is already there. This waits for the reader to report a
/// card again (`SCardGetStatusChange`), at most `returnTimeout`, then reconnects. Used on the
/// thread that owns `context`.
public final class ReturningCardTransport: CardTransport {
  /// The card session.
  public let card: PCSCCard
  /// How long a reconnect waits for the card to come back.
  public let returnTimeout: Duration

  private let context: PCSCContext
  private let onWaiting: () -> Void

  /// - Parameters:
  ///   - card: an open session made from `context`.
  ///   - returnTimeout: the longest wait for the card to return before the reconnect fails.
  ///   - onWaiting: called once per reconnect when the card is not there, before waiting
  ///     (tell the operator to put the token back).
  public init(
    card: PCSCCard, context: PCSCContext, returnTimeout: Duration,
    onWaiting: @escaping () -> Void = {}
  ) {
    self.card = card
    self.context = context
    self.returnTimeout = returnTimeout
    self.onWaiting = onWaiting
  }

  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    try card.transmit(command)
  }

  /// Reconnects at once when the card is there; otherwise waits up to `returnTimeout` for it.
  ///
  /// - Throws: the last `CardFailure` when the card did not come back in time, or at once for
  ///   failures that waiting cannot cure (pcscd gone, reader unplugged, reader busy).
  public func reconnect() throws(CardFailure) {
    guard var failure = attemptReconnect() else { return }
    guard Self.isWorthWaiting(failure) else { throw failure }
    onWaiting()
    let deadline = ContinuousClock.now + returnTimeout
    while ContinuousClock.now < deadline {
      if cardIsPresent() {
        guard let next = attemptReconnect() else { return }
        failure = next
        guard Self.isWorthWaiting(failure) else { throw failure }
      }
      let slice = min(deadline - ContinuousClock.now, .milliseconds(500))
      guard slice > .zero else { break }
      do {
        _ = try context.waitForChange(timeout: slice)
      } catch {
        throw error.cardFailure
      }
    }
    throw failure
  }

  /// One reconnect; `nil` when it worked.
  private func attemptReconnect() -> CardFailure? {
    do {
      try card.reconnect()
      return nil
    } catch {
      return error
    }
  }

  private func cardIsPresent() -> Bool {
    guard let states = try? context.readerStates() else { return false }
    return states.contains { $0.name == card.readerName && $0.card.holdsCard }
  }

  /// Whether a reconnect failure can cure itself: a card that left or went quiet may come
  /// back; a missing service or reader will not.
  public static func isWorthWaiting(_ failure: CardFailure) -> Bool {
    switch failure {
    case .noCard, .cardRemoved, .unresponsive: true
    case .serviceUnavailable, .readerUnavailable, .readerBusy: false
    }
  }
}
