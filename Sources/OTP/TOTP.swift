/// Time-based one-time passwords (RFC 6238). Pure: the caller supplies the time.
public enum TOTP {
  /// The time step number for `unixTime` (RFC 6238 §4.2, T0 = 0); negative times map to step 0.
  public static func step(at unixTime: Int64, period: Int) -> UInt64 {
    precondition(period >= 1, "period must be at least 1 second")
    return unixTime <= 0 ? 0 : UInt64(unixTime) / UInt64(period)
  }

  /// The code shown at `unixTime` (seconds since 1970-01-01 UTC).
  public static func code(secret: Secret, at unixTime: Int64, parameters: TOTPParameters)
    -> String
  {
    HOTP.code(
      secret: secret, counter: step(at: unixTime, period: parameters.period),
      digits: parameters.digits, algorithm: parameters.algorithm)
  }

  /// Seconds until the code shown at `unixTime` is replaced, 1...period.
  public static func secondsLeft(at unixTime: Int64, period: Int) -> Int {
    precondition(period >= 1, "period must be at least 1 second")
    let elapsed = Int(((unixTime % Int64(period)) + Int64(period)) % Int64(period))
    return period - elapsed
  }

  /// The previous, current and next codes around `unixTime`, for a confirmation countdown.
  public static func window(secret: Secret, at unixTime: Int64, parameters: TOTPParameters)
    -> TOTPWindow
  {
    let current = step(at: unixTime, period: parameters.period)
    func codeAt(_ step: UInt64) -> String {
      HOTP.code(
        secret: secret, counter: step, digits: parameters.digits,
        algorithm: parameters.algorithm)
    }
    return TOTPWindow(
      step: current,
      previous: current > 0 ? codeAt(current - 1) : nil,
      current: codeAt(current),
      next: codeAt(current + 1),
      secondsLeft: secondsLeft(at: unixTime, period: parameters.period),
      period: parameters.period)
  }
}

/// Codes around one moment: what a confirmation screen shows beside the token's display.
public struct TOTPWindow: Equatable, Sendable {
  /// The current time step number.
  public var step: UInt64
  /// The code of the step before, or `nil` at step 0.
  public var previous: String?
  /// The code of the current step.
  public var current: String
  /// The code of the step after.
  public var next: String
  /// Seconds until `current` expires, 1...period.
  public var secondsLeft: Int
  /// Step length in seconds.
  public var period: Int
}
