/// Why an exchange with a card did not complete. These are link and reader failures; a card
/// that answers with an error status word is a `ResponseAPDU`, not a `CardFailure`.
public enum CardFailure: Error, Equatable, Sendable {
  /// The card service is not reachable (for PC/SC: pcscd is not running).
  case serviceUnavailable(String)
  /// The reader is gone or cannot be used.
  case readerUnavailable(String)
  /// Another program holds the reader exclusively.
  case readerBusy(String)
  /// No card is present on the reader.
  case noCard
  /// The card left the field during the session.
  case cardRemoved
  /// The card stopped answering (timeout, transmission error).
  case unresponsive(String)

  /// Whether the failure happened after the card was reached, so a command that was sent may
  /// or may not have taken effect ("outcome unknown").
  public var isLinkLoss: Bool {
    switch self {
    case .cardRemoved, .unresponsive: true
    default: false
    }
  }
}

/// The port every card protocol talks to: send one APDU, get one response; and start a fresh
/// card session after the link was lost. Implemented by the PC/SC driver, by an in-memory
/// applet in tests, and by decorators (tracing, fault injection).
public protocol CardTransport: AnyObject {
  /// Sends `command` and returns the card's response.
  ///
  /// - Throws: `CardFailure` when the link fails; error status words are returned, not thrown.
  func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU

  /// Drops the current card session and connects again, e.g. after the card was lifted and
  /// put back. Volatile card state (authentication) is lost.
  func reconnect() throws(CardFailure)
}

/// A card application that answers raw APDUs: the simulated token, in memory or behind vpcd.
public protocol CardApplet: AnyObject {
  /// The Answer To Reset the card presents when powered.
  var atr: [UInt8] { get }
  /// The field came up: volatile state starts fresh.
  func powerOn()
  /// The field went away: volatile state is lost.
  func powerOff()
  /// Processes one command and returns response data followed by SW1 SW2.
  func process(_ command: [UInt8]) -> [UInt8]
}
