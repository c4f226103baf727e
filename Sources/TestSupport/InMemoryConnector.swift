import SmartCard
import TokenService

/// A `CardConnector` whose one reader holds the card behind `transport` (or whose connect
/// fails with `failure`), recording every connect and close, so a test sees which access a
/// service asked for and that it closed what it opened.
public final class InMemoryConnector: CardConnector {
  /// The card's port, handed to every session.
  public let transport: any CardTransport
  /// When set, every connect fails with it.
  public let failure: ConnectFailure?
  /// Every connect, in order.
  public private(set) var connects: [(reader: ReaderRequest, access: CardAccess)] = []
  /// Sessions closed so far.
  public private(set) var closes = 0

  /// A reader with the card behind `transport`; with `failure`, one that cannot be opened.
  public init(_ transport: any CardTransport, failure: ConnectFailure? = nil) {
    self.transport = transport
    self.failure = failure
  }

  /// Sessions opened and not yet closed.
  public var openSessions: Int { connects.count - closes }

  public func connect(_ reader: ReaderRequest, for access: CardAccess) throws(ConnectFailure)
    -> any CardSession
  {
    if let failure { throw failure }
    connects.append((reader, access))
    return Session(owner: self)
  }

  private final class Session: CardSession {
    let owner: InMemoryConnector
    init(owner: InMemoryConnector) { self.owner = owner }
    var transport: any CardTransport { owner.transport }
    func close() { owner.closes += 1 }
  }
}
