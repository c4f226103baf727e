/// One credential's answer to CALCULATE ALL or CALCULATE.
public struct OATHCode: Equatable, Sendable {
  /// What the card computed for a credential.
  public enum Value: Equatable, Sendable {
    /// A code (zero-padded digits).
    case code(String)
    /// The credential needs a touch; CALCULATE ALL computed nothing.
    case touchRequired
    /// A TOTP period other than 30 s: CALCULATE ALL used the wrong time step, so the code needs
    /// its own CALCULATE.
    case otherPeriod
    /// An HOTP credential; CALCULATE ALL never advances its counter.
    case hotp
  }

  /// The credential's name.
  public var id: OATHCredentialID
  /// The code or the reason there is none.
  public var value: Value

  public init(id: OATHCredentialID, value: Value) {
    self.id = id
    self.value = value
  }

  /// The code, or `nil` when none was computed.
  public var code: String? {
    if case .code(let code) = value { return code }
    return nil
  }

  /// A truncated response (`digits`, then four bytes) as a code: the 31 low bits, reduced
  /// modulo 10^digits, zero-padded. `nil` for a value that is not 5 bytes or 6...10 digits.
  public static func truncated(_ value: [UInt8]) -> String? {
    guard value.count == 5, (6...10).contains(Int(value[0])) else { return nil }
    let digits = Int(value[0])
    let number =
      (UInt32(value[1] & 0x7F) << 24) | (UInt32(value[2]) << 16) | (UInt32(value[3]) << 8)
      | UInt32(value[4])
    var modulus: UInt64 = 1
    for _ in 0..<digits { modulus *= 10 }
    let text = String(UInt64(number) % modulus)
    return String(repeating: "0", count: digits - text.count) + text
  }
}
