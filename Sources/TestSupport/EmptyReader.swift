import SmartCard

/// A reader with no card on it: every command and every reconnect fails with `noCard`.
public final class EmptyReader: CardTransport {
  /// An empty reader.
  public init() {}

  /// Always `noCard`.
  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU { throw .noCard }

  /// Always `noCard`.
  public func reconnect() throws(CardFailure) { throw .noCard }
}
