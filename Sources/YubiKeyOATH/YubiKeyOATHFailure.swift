import SmartCard

/// A YKOATH command, named in failure messages.
public enum OATHCommand: String, Sendable, CustomStringConvertible {
  case select, list, put, delete, calculate, calculateAll, validate

  public var description: String {
    switch self {
    case .select: "SELECT"
    case .list: "LIST"
    case .put: "PUT"
    case .delete: "DELETE"
    case .calculate: "CALCULATE"
    case .calculateAll: "CALCULATE ALL"
    case .validate: "VALIDATE"
    }
  }
}

/// Why a YubiKey OATH operation did not succeed. No case carries a key, a password or a code.
public enum YubiKeyOATHFailure: Error, Equatable, Sendable {
  /// The credential name breaks a rule; nothing was sent.
  case invalidName(OATHNameProblem)
  /// The code length is not 6 to 8; nothing was sent.
  case unsupportedDigits(Int)
  /// The reader or card service could not be used.
  case cardUnavailable(CardFailure)
  /// The card has no OATH applet (SELECT answered this status word).
  case noOATHApplet(status: StatusWord)
  /// An answer did not have the documented shape.
  case malformedResponse(OATHCommand)
  /// The applet has an access code and no password was given.
  case passwordRequired
  /// The card refused the password (`69 84` to VALIDATE). No second attempt is made.
  case wrongPassword
  /// The card accepted the password but its own proof was wrong: not a genuine applet, or one
  /// that does not hold this key. Nothing more was sent.
  case cardProofMismatch
  /// An earlier VALIDATE in this run was refused or lost its answer; no further one is sent.
  case validateNotRetried(AuthenticationGate.Closure)
  /// The applet is full (`6A 84`, or `6F 00` on some older keys).
  case full(used: Int?, capacity: Int)
  /// A touch credential's CALCULATE timed out (`69 82` after validation): nobody touched the key.
  case touchNotReceived(name: String)
  /// No credential of that name (`69 84` to DELETE or CALCULATE).
  case noSuchCredential(name: String)
  /// The command was sent and the link failed before its answer: it may have taken effect.
  case linkLost(OATHCommand, CardFailure)
  /// Any other status word.
  case unexpectedStatus(OATHCommand, StatusWord)
  /// This computer could not derive the access key or draw a challenge.
  case hostCryptoFailed
}

extension YubiKeyOATHFailure: CustomStringConvertible {
  /// One operator paragraph: what happened and what to do next.
  public var description: String {
    switch self {
    case .invalidName(let problem): "Cannot write this credential: \(problem). Nothing was written."
    case .unsupportedDigits(let digits):
      "A YubiKey computes 6, 7 or 8 digit codes, not \(digits). Nothing was written."
    case .cardUnavailable(let failure): "The YubiKey cannot be reached: \(failure)."
    case .noOATHApplet(let status):
      "This card has no OATH applet (SELECT answered \(status)); it is not a YubiKey with OATH."
    case .malformedResponse(let command):
      "The key's answer to \(command) is malformed; it may not be a YubiKey."
    case .passwordRequired:
      "The YubiKey's OATH applet is protected by a password; give it with --password-file or at "
        + "the prompt."
    case .wrongPassword:
      "The YubiKey refused the password. It was tried once; check it and run again."
    case .cardProofMismatch:
      "The key accepted the password but could not prove it holds it: it is not a genuine OATH "
        + "applet. Nothing was written."
    case .validateNotRetried:
      "The password was already tried in this run and not accepted; it is not sent again."
    case .full(let used, let capacity):
      "The YubiKey is full (\(used.map(String.init) ?? "?")/\(capacity) credentials). Delete one "
        + "(ykman oath accounts delete, or tokenburner accounts delete) and run again."
    case .touchNotReceived(let name):
      "Touch the key: \(name) needs a touch for each code, and none came in time."
    case .noSuchCredential(let name): "The YubiKey holds no credential named \(name)."
    case .linkLost(let command, let failure):
      "The link to the key failed during \(command) (\(failure)); the command may or may not "
        + "have taken effect. Put the key back and check with tokenburner accounts."
    case .unexpectedStatus(let command, let status):
      "The YubiKey answered \(command) with status \(status)."
    case .hostCryptoFailed:
      "This computer could not derive the access key or draw a random challenge (libcrypto)."
    }
  }
}

extension StatusWord {
  /// `6A 84`: not enough memory (a full OATH applet).
  public static let notEnoughMemory = StatusWord(rawValue: 0x6A84)
  /// `6F 00`: no precise diagnosis (some older keys report a full applet so).
  public static let noPreciseDiagnosis = StatusWord(rawValue: 0x6F00)
}
