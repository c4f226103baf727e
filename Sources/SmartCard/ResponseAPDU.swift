/// A response APDU: data followed by the two status bytes (ISO/IEC 7816-4 §5.1).
public struct ResponseAPDU: Equatable, Sendable {
  /// Response data, without the status word.
  public var data: [UInt8]
  /// The trailing status word.
  public var status: StatusWord

  public init(data: [UInt8] = [], status: StatusWord) {
    self.data = data
    self.status = status
  }

  /// Splits raw bytes from the card; `nil` when fewer than the two status bytes arrived.
  public init?(bytes: [UInt8]) {
    guard bytes.count >= 2 else { return nil }
    data = Array(bytes.dropLast(2))
    status = StatusWord(bytes[bytes.count - 2], bytes[bytes.count - 1])
  }

  /// Data followed by SW1 SW2.
  public var bytes: [UInt8] { data + [status.sw1, status.sw2] }
}
