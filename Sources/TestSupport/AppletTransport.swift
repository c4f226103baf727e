import SmartCard

/// An in-memory `CardTransport` that hands every APDU straight to a `CardApplet`: the card
/// "on the reader" in unit tests. Powers the applet on when created.
public final class AppletTransport: CardTransport {
  /// The card application behind this transport.
  public let applet: any CardApplet

  /// Wraps `applet` and powers it on (a fresh card session).
  public init(applet: any CardApplet) {
    self.applet = applet
    applet.powerOn()
  }

  /// Passes the encoded command to the applet.
  ///
  /// - Throws: `CardFailure.unresponsive` when the applet returns fewer than two bytes.
  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    guard let response = ResponseAPDU(bytes: applet.process(command.bytes)) else {
      throw .unresponsive("the card returned no status word")
    }
    return response
  }

  /// Power-cycles the applet: volatile state such as authentication is lost.
  public func reconnect() throws(CardFailure) {
    applet.powerOff()
    applet.powerOn()
  }
}
