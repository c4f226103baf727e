import SmartCard

/// When and how a test link to the card breaks: the card "leaves the field" around the Kth
/// APDU of the session, as `FaultInjectingTransport` plays it. (The simulator's vpcd client has
/// its own `VPCDFault`, which closes the socket instead.)
public struct LinkFaultPlan: Equatable, Sendable {
  /// 1-based index of the APDU at which the link breaks, counted over every APDU the
  /// transport carries (including ones sent after a reconnect).
  public var commandIndex: Int
  /// Whether that APDU reached the card and was executed before the link broke (its response
  /// is lost), or was lost on the way (the card never saw it).
  public var commandReachesCard: Bool
  /// The failure the host sees; `.cardRemoved` or `.unresponsive` (both count as link loss).
  public var failure: CardFailure

  /// - Parameters:
  ///   - commandIndex: 1-based APDU index, at least 1.
  ///   - commandReachesCard: `true` for "executed, response lost".
  public init(
    commandIndex: Int, commandReachesCard: Bool, failure: CardFailure = .cardRemoved
  ) {
    precondition(commandIndex >= 1, "APDU indices start at 1")
    self.commandIndex = commandIndex
    self.commandReachesCard = commandReachesCard
    self.failure = failure
  }
}
