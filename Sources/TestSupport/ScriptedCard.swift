import SmartCard

/// A card whose answers are read, one after another, from fuzz input: each answer is one
/// length byte and that many bytes of response (data and status word). An answer shorter than
/// a status word, or the end of the input, is a lost link; a length byte of 0xFF makes the
/// next `reconnect()` fail.
public final class ScriptedCard: CardTransport {
  private var script: ArraySlice<UInt8>
  private var failNextReconnect = false
  /// Commands sent so far, answered or not.
  public private(set) var exchanges = 0

  /// A card that answers from `bytes`, first byte first.
  public init(_ bytes: [UInt8]) { script = bytes[...] }

  /// The next scripted answer; `cardRemoved` when it is shorter than a status word or missing.
  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    exchanges += 1
    // Every command the protocol sends must be encodable and parse back to itself.
    precondition(CommandAPDU(parsing: command.bytes) == command, "a sent APDU does not round-trip")
    guard let length = script.popFirst() else { throw .cardRemoved }
    if length == 0xFF {
      failNextReconnect = true
      throw .unresponsive("scripted")
    }
    let answer = Array(script.prefix(Int(length)))
    script = script.dropFirst(answer.count)
    guard let response = ResponseAPDU(bytes: answer) else { throw .cardRemoved }
    return response
  }

  /// Fails after a 0xFF length byte or once the script is used up.
  public func reconnect() throws(CardFailure) {
    if failNextReconnect || script.isEmpty {
      failNextReconnect = false
      throw .noCard
    }
  }
}
