import OTP
import Token2

/// Everything the wizard knows: a plain value. `handle` is the only way it changes, and it
/// never reads the clock, files, devices or random numbers; those arrive as events.
public struct WizardState: Equatable, Sendable {
  /// Key length for the generate flow, bytes (160 bits, the RFC 4226 recommendation).
  public static let generatedSecretLength = 20

  /// The command-line options the wizard started with.
  public let options: WizardOptions
  /// The current screen.
  public internal(set) var step: WizardStep = .task
  /// Enroll or generate, as chosen on the task step.
  public internal(set) var flow: WizardFlow = .enroll
  /// The user's ID.
  public internal(set) var user: TextField
  /// The service's name.
  public internal(set) var service: TextField
  /// The field with the keyboard on the user-and-service step.
  public internal(set) var identityFocus: IdentityField = .user
  /// The secret step's inputs.
  public internal(set) var secretEntry = SecretEntry()
  /// The validated key, once there is one.
  public internal(set) var credential: Credential?
  /// Readers and the token on the selected one.
  public internal(set) var readerPanel = ReaderPanel()
  /// The burn's progress and outcome.
  public internal(set) var burn = BurnProgress()
  /// The typed code and its verdict.
  public internal(set) var confirmation = Confirmation()
  /// The backup codes.
  public internal(set) var backup = BackupPanel()
  /// The replace-lost task's token and reason.
  public internal(set) var lostToken = LostTokenPanel()
  /// The verify-code task's fields and verdict.
  public internal(set) var codeCheck = BackupCodeCheck()
  /// The vault: whether it exists, the passphrase typed, whether it is open.
  public internal(set) var vault = VaultPanel()
  /// The register task's serial and the factory token found.
  public internal(set) var factory = FactoryTokenPanel()
  /// The registry record of the burned token.
  public internal(set) var recording = EnrollmentRecording.notStarted
  /// A message for the current screen.
  public internal(set) var notice: Notice?
  /// Whether the "quit and lose this work?" question is on screen.
  public internal(set) var isAskingToQuit = false
  /// The last wall-clock time reported, Unix seconds.
  public internal(set) var now: Int64?
  /// Ticks seen, for the waiting animation.
  public internal(set) var tickCount = 0
  /// Whether a tick has been asked for and not yet arrived.
  public internal(set) var isTickScheduled = false

  /// A wizard at the task step with the command-line values filled in.
  public init(options: WizardOptions = WizardOptions()) {
    self.options = options
    user = TextField(options.user ?? "", limit: 128)
    service = TextField(options.service ?? "", limit: 128)
    if let path = options.imagePath {
      secretEntry.imagePath.set(path)
      secretEntry.method = .image
    }
  }

  /// The effects to run once, before the first event.
  public mutating func start() -> [WizardEffect] {
    var effects: [WizardEffect] = [.watchReaders, .listRecentImages, .checkVault]
    if let path = options.imagePath {
      secretEntry.pendingImage = path
      effects.append(.decodeImage(path: path))
    }
    return effects + scheduleTickIfNeeded(force: true)
  }

  /// Applies `event` and returns the effects to run, in order. Total: an event that does not
  /// fit the current step changes nothing and returns no effects.
  public mutating func handle(_ event: WizardEvent) -> [WizardEffect] {
    switch event {
    case .keyPressed(let action): return handleKey(action)
    case .interrupted: return interrupt()
    case .terminated: return [.quit(.terminated)]
    case .ticked(let now): return tick(now)
    case .recentImagesListed(let paths): return listRecent(paths)
    case .directoryListed(let prefix, let matches): return complete(prefix, matches)
    case .imageDecoded(let path, let result): return decoded(path, result)
    case .secretGenerated(let secret): return generated(secret)
    case .readersChanged(let readers): return readersChanged(readers)
    case .readerServiceFailed(let message): return serviceFailed(message)
    case .tokenIdentified(let reader, let result): return identified(reader, result)
    case .burnStageStarted(let stage): return burnStageStarted(stage)
    case .burnWaitingForToken: return burnWaiting()
    case .burnFinished(let result): return burnFinished(result)
    case .backupCodesGenerated(let codes): return codesGenerated(codes)
    case .generationFailed(let failure): return generationFailed(failure)
    case .burnRecorded(let result): return burnRecorded(result)
    case .codesPrinted(let result): return printed(result)
    case .codesSaved(let result): return saved(result)
    case .backupCodeChecked(let result): return codeChecked(result)
    case .tokenToReplaceFound(let result): return tokenToReplaceFound(result)
    case .tokenMarkedLost(let result): return tokenMarkedLost(result)
    case .vaultChecked(let availability): return vaultChecked(availability)
    case .vaultUnlocked(let result): return vaultUnlocked(result)
    case .vaultKeyTaken(let result): return vaultKeyTaken(result)
    case .serialImageRead(let path, let result): return serialImageRead(path, result)
    case .factorySeedFound(let serial, let result): return factorySeedFound(serial, result)
    }
  }

  /// Routes a key action: the quit question first, then the step.
  private mutating func handleKey(_ action: UserAction) -> [WizardEffect] {
    if isAskingToQuit { return answerQuit(action) }
    if action == .quit { return requestQuit() }
    switch step {
    case .task: return taskKey(action)
    case .userAndService: return identityKey(action)
    case .secret: return secretKey(action)
    case .reader: return readerKey(action)
    case .burn: return burnKey(action)
    case .serviceKey: return serviceKeyKey(action)
    case .confirm: return confirmKey(action)
    case .backupCodes: return backupKey(action)
    case .done: return doneKey(action)
    case .verifyCode: return verifyCodeKey(action)
    case .lostToken: return lostTokenKey(action)
    case .vault: return vaultKey(action)
    case .factoryToken: return factoryTokenKey(action)
    }
  }

  /// The steps of this flow as they stand: the vault step only while the vault exists and
  /// the key did not come from it.
  public var steps: [WizardStep] {
    flow.steps.filter { $0 != .vault || offersVaultStep }
  }

  /// Whether the vault step is part of the flow.
  var offersVaultStep: Bool {
    guard vault.isAvailable else { return false }
    if case .vault = credential?.origin { return false }
    return true
  }

  /// The step number shown, 1-based, and the number of steps in this flow.
  public var stepPosition: (number: Int, total: Int) {
    let steps = steps
    return ((steps.firstIndex(of: step) ?? 0) + 1, steps.count)
  }

  /// The step before `step` in this flow.
  var previousStep: WizardStep? {
    let steps = steps
    guard let index = steps.firstIndex(of: step), index > 0 else { return nil }
    return steps[index - 1]
  }

  /// Moves to `target`, clearing the notice, and returns what entering it needs.
  mutating func go(to target: WizardStep) -> [WizardEffect] {
    step = target
    notice = nil
    var effects: [WizardEffect] = []
    if target == .reader { effects += identifySelectedIfNeeded() }
    if target == .backupCodes { effects += requestBackupCodes() }
    if target == .lostToken { effects += findTokenToReplace() }
    return effects + scheduleTickIfNeeded()
  }

  /// Whether the screen changes by itself each second (animation, countdown).
  var wantsTicks: Bool {
    switch step {
    case .reader, .burn, .confirm, .serviceKey, .backupCodes: true
    case .task, .userAndService, .secret, .done, .verifyCode, .lostToken, .vault, .factoryToken:
      now == nil
    }
  }

  mutating func scheduleTickIfNeeded(force: Bool = false) -> [WizardEffect] {
    guard !isTickScheduled, force || wantsTicks else { return [] }
    isTickScheduled = true
    return [.scheduleTick]
  }

  private mutating func tick(_ time: Int64) -> [WizardEffect] {
    now = time
    tickCount += 1
    isTickScheduled = false
    return scheduleTickIfNeeded()
  }
}
