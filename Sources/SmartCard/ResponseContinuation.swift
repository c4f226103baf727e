/// T=0 continuation handling (ISO/IEC 7816-4 §5.1.3, protocol note §2): `61 XX` means XX more
/// bytes wait for a GET RESPONSE, `6C XX` means "resend with Le = XX". Contactless cards never
/// answer this way, but contact readers and T=0 CCID devices may.
public enum ResponseContinuation {
  /// The most follow-up commands sent for one command before giving up.
  public static let maximumFollowUps = 64

  /// Sends `command`, then follows `61 XX` / `6C XX` answers, returning the assembled response.
  ///
  /// - Parameter resendingOnWrongLength: whether `6C XX` sends `command` again. `false` for a
  ///   key proof (`AuthenticationGate`): the resend would be a second attempt, so the `6C XX`
  ///   answer is returned as it is.
  /// - Throws: the transport's `CardFailure`, or `.unresponsive` after `maximumFollowUps`
  ///   follow-ups (a card looping forever).
  public static func transmit(
    _ command: CommandAPDU, over transport: any CardTransport, resendingOnWrongLength: Bool = true
  ) throws(CardFailure) -> ResponseAPDU {
    var response = try transport.transmit(command)
    var data: [UInt8] = []
    var followUps = 0
    while true {
      switch response.status.sw1 {
      case 0x61:
        data += response.data
        let getResponse = CommandAPDU(
          cla: command.cla & 0x03, ins: 0xC0, p1: 0, p2: 0, le: wireLength(response.status.sw2))
        response = try followUp(getResponse, over: transport, count: &followUps)
      case 0x6C where resendingOnWrongLength:
        var corrected = command
        corrected.le = wireLength(response.status.sw2)
        response = try followUp(corrected, over: transport, count: &followUps)
      default:
        return ResponseAPDU(data: data + response.data, status: response.status)
      }
    }
  }

  private static func followUp(
    _ command: CommandAPDU, over transport: any CardTransport, count: inout Int
  ) throws(CardFailure) -> ResponseAPDU {
    count += 1
    guard count <= maximumFollowUps else {
      throw .unresponsive("more than \(maximumFollowUps) continuation responses")
    }
    return try transport.transmit(command)
  }

  // A length byte of 00 means 256 in short APDUs.
  private static func wireLength(_ byte: UInt8) -> Int { byte == 0 ? 256 : Int(byte) }
}

/// A `CardTransport` decorator that applies `ResponseContinuation` to every command.
public final class ContinuationHandlingTransport: CardTransport {
  private let inner: any CardTransport

  /// Follows continuations for every command sent through `inner`.
  public init(wrapping inner: any CardTransport) {
    self.inner = inner
  }

  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    try ResponseContinuation.transmit(command, over: inner)
  }

  public func reconnect() throws(CardFailure) {
    try inner.reconnect()
  }
}
