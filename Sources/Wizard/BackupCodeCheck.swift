/// The verify-code task: whose code it is, the code as typed (never shown), and the verdict.
public struct BackupCodeCheck: Equatable, Sendable {
  /// The user's ID.
  public internal(set) var user = TextField(limit: 128)
  /// The typed code; the screen shows only one mask glyph per character.
  public internal(set) var code = TextField(limit: 32)
  /// The field with the keyboard.
  public internal(set) var focus: CodeCheckField = .user
  /// Whether the registry is checking a code now.
  public internal(set) var isChecking = false
  /// The last verdict, until the operator types again.
  public internal(set) var verdict: BackupCodeVerdict?

  /// An empty check with the keyboard on the user field.
  public init() {}
}

/// The text field that has the keyboard on the verify-code step.
public enum CodeCheckField: Equatable, Sendable {
  /// The user's ID.
  case user
  /// The backup code.
  case code
}

/// What the registry said about one backup code.
public enum BackupCodeVerdict: Equatable, Sendable {
  /// The code was good and is now used up: code number `position` of the set on the token
  /// `serial`, with `remaining` unused codes left.
  case accepted(position: Int, remaining: Int, serial: String)
  /// The code is wrong, used or revoked; `attemptsLeft` more failures before the rate limit.
  case refused(attemptsLeft: Int)
  /// Too many failures lately; the registry checks no code for `retryAfter` seconds.
  case rateLimited(retryAfter: Int64)
}
