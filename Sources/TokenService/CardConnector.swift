import SmartCard

/// Which reader a session is for.
public enum ReaderRequest: Equatable, Sendable {
  /// This reader, by its full name (the wizard's reader list).
  case named(String)
  /// The `--reader NAME` rule: the reader whose name contains this (case-insensitive), or
  /// with `nil` the single reader that holds a card.
  case choose(String?)
}

/// What a session will do with the card, which decides how it is opened.
public enum CardAccess: Equatable, Sendable {
  /// Read only: shared with other programs; a lost link ends the session.
  case read
  /// Authenticate and write: exclusive (nothing may interleave with the authenticated
  /// session), and the one reconnect a burn asks for waits for a token that left the reader.
  case write
}

/// An open card session: the port the family driver talks to, until `close`.
public protocol CardSession: AnyObject {
  /// The link to the card for the family's protocol.
  var transport: any CardTransport { get }
  /// Ends the session and leaves the card as it is.
  func close()
}

/// Opens card sessions on readers: PC/SC in the product, in-memory cards in tests.
public protocol CardConnector {
  /// Opens a session on `reader` for `access`.
  ///
  /// - Throws: `ConnectFailure` when no session could be opened; nothing was sent to a card.
  func connect(_ reader: ReaderRequest, for access: CardAccess) throws(ConnectFailure)
    -> any CardSession
}

/// Why no session was opened: the link-level failure and the driver's own sentence for it
/// (which names the reader or the service, as the operator needs it).
public struct ConnectFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// The transport-level meaning (pcscd gone, no reader, no card, reader busy).
  public var failure: CardFailure
  /// One sentence for the operator.
  public var sentence: String

  /// A failure with the connector's sentence for it.
  public init(_ failure: CardFailure, sentence: String) {
    self.failure = failure
    self.sentence = sentence
  }

  public var description: String { sentence }
}
