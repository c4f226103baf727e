/// Why a secret (or a line typed for one) could not be read, in one sentence that never holds
/// secret material. The command line maps `kind` to its exit status once (`FailureMapping`).
public struct SourceFailure: Error, Equatable, CustomStringConvertible {
  /// What went wrong, for the exit status.
  public enum Kind: Equatable, Sendable {
    /// The source does not fit the option used (a URI read with --secret-stdin, no source).
    case usage
    /// The input is unreadable, too large, not UTF-8, empty, or not a usable key.
    case badData
    /// A seed file's key or password does not open it.
    case wrongKey
  }

  /// The sentence for the operator.
  public var message: String
  /// Usage or data.
  public var kind: Kind

  /// A failure saying `message`.
  public init(_ message: String, kind: Kind) {
    self.message = message
    self.kind = kind
  }

  public var description: String { message }
}
