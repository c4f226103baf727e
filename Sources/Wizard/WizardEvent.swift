import OTP
import Token2

/// Something that happened: a key press the key map understood, or the result of an effect.
/// Every event is a fact in the past tense; the wizard decides what it means for the step.
public enum WizardEvent: Equatable, Sendable {
  /// The operator pressed a key that means `action` on the current screen.
  case keyPressed(UserAction)
  /// SIGINT (Ctrl-C): treated like Quit, and a second one while asking quits.
  case interrupted
  /// SIGTERM or SIGHUP: the wizard ends at once.
  case terminated
  /// The wall clock, Unix seconds; arrives once after each `scheduleTick`.
  case ticked(now: Int64)
  /// Recent image files in the working and home directories, newest first.
  case recentImagesListed([String])
  /// The names in the directory of `prefix` that start with its last component.
  case directoryListed(prefix: String, matches: [String])
  /// The QR payloads found in the image at `path`, or why there are none.
  case imageDecoded(path: String, Result<[String], DriverFailure>)
  /// A fresh random key for the generate flow.
  case secretGenerated(Secret)
  /// The PC/SC readers as they are now (plug, unplug, card placed or removed).
  case readersChanged([ReaderEntry])
  /// The PC/SC service cannot be used; `message` says why and how to start it.
  case readerServiceFailed(message: String)
  /// GET INFO on the token on `reader` answered, or why it did not.
  case tokenIdentified(reader: String, Result<TokenIdentity, Token2Failure>)
  /// The burn entered `stage`.
  case burnStageStarted(BurnStage)
  /// The token left the reader during the burn; the burn waits for it to come back.
  case burnWaitingForToken
  /// The burn ended.
  case burnFinished(Result<BurnReport, Token2Failure>)
  /// Backup codes drawn from the system's random source, their hashes stored in the registry.
  case backupCodesGenerated([BackupCode])
  /// Drawing a key or issuing backup codes failed (random source or registry).
  case generationFailed(DriverFailure)
  /// The burned token was recorded in the registry as an enrollment, or why not.
  case burnRecorded(Result<RecordedEnrollment, DriverFailure>)
  /// The sheet went to the printer (`lp`'s job line), or why not.
  case codesPrinted(Result<String, DriverFailure>)
  /// The registry's verdict on a backup code, or why it could not check (busy, rate-limited).
  case backupCodeChecked(Result<BackupCodeVerdict, DriverFailure>)
  /// The user's active token to replace, or why there is not exactly one.
  case tokenToReplaceFound(Result<TokenToReplace, ReplaceLookupFailure>)
  /// The token was marked lost (its backup codes revoked), or why not.
  case tokenMarkedLost(Result<TokenToReplace, DriverFailure>)
  /// The sheet was saved at this full path (mode 0600), or why not.
  case codesSaved(Result<String, DriverFailure>)
  /// Whether the registry has a vault (asked once at start).
  case vaultChecked(VaultAvailability)
  /// The vault opened with the passphrase (the runtime holds its key), or why not.
  case vaultUnlocked(Result<Unlocked, VaultFailure>)
  /// The lost token's key taken from the vault, or why not.
  case vaultKeyTaken(Result<VaultedKey, VaultFailure>)
  /// The serial read from the label photo at `path`, or why none was read.
  case serialImageRead(path: String, Result<String, DriverFailure>)
  /// The imported factory seed of the token `serial`, or why there is none.
  case factorySeedFound(serial: String, Result<VaultedKey, VaultFailure>)
}

/// An enrollment the registry recorded.
public struct RecordedEnrollment: Equatable, Sendable {
  /// The registry's id for it.
  public var id: Int64
  /// One line saying what was recorded, e.g. "enrollment #12 created".
  public var summary: String

  /// An enrollment with `id`, described by `summary`.
  public init(id: Int64, summary: String) {
    self.id = id
    self.summary = summary
  }
}

/// One PC/SC reader as the wizard sees it.
public struct ReaderEntry: Equatable, Sendable {
  /// The reader name exactly as pcscd spells it.
  public var name: String
  /// Whether a card (or a switched-on token) is in the reader's field.
  public var hasCard: Bool

  /// A reader called `name`, with or without a card.
  public init(name: String, hasCard: Bool) {
    self.name = name
    self.hasCard = hasCard
  }
}
