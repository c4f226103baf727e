/// Why a Molto2 request is refused before any APDU is sent. No case carries secret bytes.
public enum Molto2InputProblem: Error, Equatable, Sendable, CustomStringConvertible {
  /// The title is longer than 12 bytes (its length in bytes).
  case titleTooLong(bytes: Int)
  /// The title holds something other than printable ASCII (space to tilde).
  case titleNotPrintableASCII
  /// The profile number is outside the model's slots (or above 99 when the model is unknown).
  case profileOutOfRange(profile: Int, highest: Int)
  /// The customer key is not 16 bytes long (its length).
  case customerKeyLength(actual: Int)
  /// The secret is empty.
  case emptySecret
  /// The secret is longer than 63 bytes (its length).
  case secretTooLong(length: Int)

  public var description: String {
    switch self {
    case .titleTooLong(let bytes):
      "the title is \(bytes) bytes long; a Molto2 title holds at most \(Molto2Title.maximumLength)"
    case .titleNotPrintableASCII:
      "the title must be printable ASCII (letters, digits, punctuation and spaces)"
    case .profileOutOfRange(let profile, let highest):
      "profile \(profile) does not exist; this token has profiles 0 to \(highest)"
    case .customerKeyLength(let actual):
      "the customer key must be \(Molto2CustomerKey.length) bytes, not \(actual)"
    case .emptySecret: "the secret is empty"
    case .secretTooLong(let length):
      "the secret is \(length) bytes long; a Molto2 profile holds at most "
        + "\(Molto2Wire.Seed.maximumLength)"
    }
  }
}
