import OTP
import TokenCrypto

/// The verdict on a code the operator typed from the token's display.
public enum CodeVerdict: Equatable, Sendable {
  /// The code matches the step at `stepOffset` from now: -1, 0 or +1.
  case matched(stepOffset: Int)
  /// The operator compared the codes by eye and said they match.
  case matchedByEye
  /// The code is not within ±1 step; the diagnosis says what is likely wrong.
  case mismatch(CodeMismatch)

  /// Whether the token is confirmed.
  public var isMatch: Bool {
    if case .mismatch = self { return false }
    return true
  }
}

/// What a code outside the ±1 step window most likely means.
public enum CodeMismatch: Equatable, Sendable {
  /// Not six digits.
  case wrongLength(Int)
  /// The code belongs to this key, but the token's clock is this many steps away.
  case clockDrift(steps: Int, seconds: Int)
  /// The code belongs to this key with the other period (seconds the token uses).
  case periodDiffers(tokenPeriod: Int)
  /// The code belongs to this key with the other hash.
  case algorithmDiffers(tokenAlgorithm: HashAlgorithm)
  /// No nearby explanation: another key, or a typing mistake.
  case unexplained
}

/// Checks a typed code against the credential around `now` (PRODUCT.md "Confirm screen"):
/// accepts ±1 step, otherwise looks for drift (±10 steps), the other period and the other hash.
public enum CodeCheck {
  /// Steps searched each way for a drifted clock.
  public static let driftSearchSteps = 10

  /// The verdict for `typed` (digits, spaces ignored) at Unix time `now`.
  public static func verdict(
    typed: String, secret: Secret, parameters: TOTPParameters, now: Int64
  ) -> CodeVerdict {
    let code = typed.filter { !$0.isWhitespace }
    guard code.count == parameters.digits, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber)
    else { return .mismatch(.wrongLength(code.count)) }
    let period = Int64(parameters.period)
    func matches(_ offset: Int, _ p: TOTPParameters) -> Bool {
      TOTP.code(secret: secret, at: now + Int64(offset) * Int64(p.period), parameters: p) == code
    }
    for offset in [0, -1, 1] where matches(offset, parameters) {
      return .matched(stepOffset: offset)
    }
    for distance in 2...driftSearchSteps {
      for offset in [-distance, distance] where matches(offset, parameters) {
        return .mismatch(.clockDrift(steps: offset, seconds: offset * Int(period)))
      }
    }
    var otherPeriod = parameters
    otherPeriod.period = parameters.period == 30 ? 60 : 30
    if [0, -1, 1].contains(where: { matches($0, otherPeriod) }) {
      return .mismatch(.periodDiffers(tokenPeriod: otherPeriod.period))
    }
    var otherHash = parameters
    otherHash.algorithm = parameters.algorithm == .sha1 ? .sha256 : .sha1
    if [0, -1, 1].contains(where: { matches($0, otherHash) }) {
      return .mismatch(.algorithmDiffers(tokenAlgorithm: otherHash.algorithm))
    }
    return .mismatch(.unexplained)
  }
}

/// The confirm step's input and verdict.
public struct Confirmation: Equatable, Sendable {
  /// The code typed from the token's display.
  public internal(set) var typed = TextField(limit: 8)
  /// The verdict on the last code checked.
  public internal(set) var verdict: CodeVerdict?

  /// Whether the token is confirmed and the wizard may go on.
  public var isConfirmed: Bool { verdict?.isMatch ?? false }
}
