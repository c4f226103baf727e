/// Why a driver could not do what an effect asked. The runtime maps each driver error into one
/// case once; the sentence of each case is written here, in `message`, and never contains a
/// secret. Registry and file sentences come from the driver that knows the path and the
/// cause (`RegistryError`, `OperatorError`), carried as they are.
public enum DriverFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// Another process holds the registry's write lock: the registry's sentence.
  case registryBusy(String)
  /// Too many wrong backup codes for the user: the registry's sentence.
  case registryRateLimited(String)
  /// The registry could not be opened or read (missing, not a registry, unsafe, damaged).
  case registryUnreadable(String)
  /// The registry refused or failed the write (no such enrollment, not active, recording).
  case registryRefused(String)
  /// The vault was locked when the burn was to be recorded with its key.
  case vaultLockedBeforeRecording
  /// The vault was locked when the factory token was to be registered.
  case vaultLockedBeforeRegistration
  /// The backup codes could not be drawn (the random source failed).
  case backupCodesNotMade(String)
  /// The system random source failed.
  case randomSourceFailed(String)
  /// The image file could not be read as an image: `path` and why.
  case imageUnreadable(path: String, reason: String)
  /// The image's QR code holds bytes, not text.
  case imageHoldsBinaryData(path: String)
  /// No serial was found in a label photo: the scanner's sentence (without its full stop).
  case serialNotFound(String)
  /// `lp` could not be started.
  case printerNotStarted
  /// `lp` refused the job: its exit status and what it said (may be empty).
  case printRefused(status: Int32, said: String)
  /// The backup sheet could not be written: the file layer's sentence.
  case saveFailed(String)
  /// Pasted or decoded text that is no key the wizard can burn: the classifier's or the
  /// capability check's sentence.
  case unusableKey(String)

  /// The operator sentence.
  public var message: String {
    switch self {
    case .registryBusy(let sentence), .registryRateLimited(let sentence),
      .registryUnreadable(let sentence), .registryRefused(let sentence),
      .randomSourceFailed(let sentence), .saveFailed(let sentence), .unusableKey(let sentence):
      sentence
    case .vaultLockedBeforeRecording:
      "the vault is locked, so the key could not be kept; nothing was recorded."
    case .vaultLockedBeforeRegistration:
      "the vault is locked; go back to the token step and type its passphrase."
    case .backupCodesNotMade(let cause): "the backup codes could not be made: \(cause)."
    case .imageUnreadable(let path, let reason): "\(path): \(reason)"
    case .imageHoldsBinaryData(let path):
      "The QR code in \(path) holds binary data, not an authenticator setup code."
    case .serialNotFound(let sentence): sentence + "."
    case .printerNotStarted: "lp could not be started (is cups-client installed?)"
    case .printRefused(let status, let said): said.isEmpty ? "lp exited \(status)" : said
    }
  }

  public var description: String { message }
}
