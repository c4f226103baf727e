import SmartCard

/// Drops the link at one APDU, and on the reconnect finds a different card in the field: a
/// token swapped on the reader mid-burn.
public final class SwappingTransport: CardTransport {
  private var current: AppletTransport
  private let second: any CardApplet
  private let dropAt: Int
  private var count = 0
  private var broken = false

  /// `first` answers up to APDU `dropAt` (executed, its answer lost); `second` after the
  /// reconnect.
  public init(first: any CardApplet, second: any CardApplet, dropAt: Int) {
    self.current = AppletTransport(applet: first)
    self.second = second
    self.dropAt = dropAt
  }

  /// The current card's answer; `cardRemoved` at `dropAt` and until the reconnect.
  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    count += 1
    if broken { throw .cardRemoved }
    if count == dropAt {
      broken = true
      _ = try? current.transmit(command)
      throw .cardRemoved
    }
    return try current.transmit(command)
  }

  /// Puts the second card on the reader (powered on, as a fresh session).
  public func reconnect() throws(CardFailure) {
    current = AppletTransport(applet: second)
    broken = false
  }
}
