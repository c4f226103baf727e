import OTP
import Token2

/// The reader step: readers, the highlighted one, and what its token said.
public struct ReaderPanel: Equatable, Sendable {
  /// The readers, in pcscd's order.
  public internal(set) var readers: [ReaderEntry] = []
  /// Whether the reader list has been reported at least once.
  public internal(set) var hasListed = false
  /// The highlighted reader's name.
  public internal(set) var selected: String?
  /// Why the PC/SC service cannot be used (pcscd not running), with the command that starts it.
  public internal(set) var serviceProblem: String?
  /// The reader whose token is being read.
  public internal(set) var identifying: String?
  /// The token read on `identifiedReader`.
  public internal(set) var identity: TokenIdentity?
  /// Where `identity` or `failure` came from.
  public internal(set) var identifiedReader: String?
  /// Why the token on the selected reader could not be read.
  public internal(set) var failure: Token2Failure?
  /// The operator allowed an unknown serial prefix.
  public internal(set) var allowsUnknownModel = false

  /// The highlighted reader entry.
  public var selectedEntry: ReaderEntry? { readers.first { $0.name == selected } }

  /// Whether the identified token may be burned now.
  public var isReadyToBurn: Bool {
    guard let identity, identifiedReader == selected, selectedEntry?.hasCard == true else {
      return false
    }
    return identity.model != nil || allowsUnknownModel
  }
}

/// The burn step: stages seen, then the outcome.
public struct BurnProgress: Equatable, Sendable {
  /// Stages started so far, in order.
  public internal(set) var stages: [BurnStage] = []
  /// Whether a burn is under way.
  public internal(set) var isRunning = false
  /// Whether the running burn waits for the token to be laid on the reader again.
  public internal(set) var isWaitingForToken = false
  /// The report of the last successful burn.
  public internal(set) var report: BurnReport?
  /// Why the last burn failed.
  public internal(set) var failure: Token2Failure?
  /// The operator pressed retry once after a failure that asks for the token to be checked
  /// first, and was warned; the next retry goes ahead.
  public internal(set) var isRetryWarningShown = false

  /// Whether a retry must first warn to check the token: the link broke before the token
  /// answered AUTHENTICATE, so it may have refused the key, and a second refusal can lock it.
  public var retryNeedsCheck: Bool {
    if case .authenticationAnswerLost = failure { true } else { false }
  }

  /// Whether trying the same burn again makes sense: never after the token refused the key
  /// (a second AUTHENTICATE can lock it for good), nor for problems a retry cannot change.
  public var canRetry: Bool {
    switch failure {
    case .none, .tokenRefusedKey, .invalidSecret, .unknownModel, .securityKeyTapped,
      .notAToken, .unreadableInfo, .hostClockOutOfRange:
      false
    default:
      true
    }
  }
}

/// Where the registry record of the burned token stands.
public enum EnrollmentRecording: Equatable, Sendable {
  /// No burn to record yet.
  case notStarted
  /// Asked for; the answer has not come.
  case pending
  /// Recorded.
  case recorded(RecordedEnrollment)
  /// The registry could not record it; the sentence says why.
  case failed(String)

  /// The enrollment, once recorded.
  public var enrollment: RecordedEnrollment? {
    if case .recorded(let enrollment) = self { enrollment } else { nil }
  }
}

/// The backup codes step.
public struct BackupPanel: Equatable, Sendable {
  /// The codes, once generated; emptied when the wizard reaches the last step.
  public internal(set) var codes: [BackupCode] = []
  /// Whether codes were asked for and have not arrived yet.
  public internal(set) var isGenerating = false
  /// The operator said the codes are written down.
  public internal(set) var isAcknowledged = false
  /// Where the sheet was saved.
  public internal(set) var savedPath: String?
  /// Whether the sheet was printed.
  public internal(set) var isPrinted = false
  /// How many codes were handed out (kept after the codes are cleared).
  public internal(set) var issuedCount = 0
}
