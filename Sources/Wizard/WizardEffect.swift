import OTP
import SafeText
import Token2

/// Work the wizard asks the runtime to do. Plain data; the result comes back as an event.
public enum WizardEffect: Equatable, Sendable {
  /// List recent images in the working and home directories → `recentImagesListed`.
  case listRecentImages
  /// List the names that complete `prefix` → `directoryListed`.
  case listDirectory(prefix: String)
  /// Decode the QR codes in the image at `path` → `imageDecoded`.
  case decodeImage(path: String)
  /// Draw `byteCount` bytes from the system CSPRNG as a key → `secretGenerated`.
  case generateSecret(byteCount: Int)
  /// Start reporting the reader list and its changes → `readersChanged`, `readerServiceFailed`.
  case watchReaders
  /// Read the token on `reader` without writing → `tokenIdentified`.
  case identifyToken(reader: String)
  /// Burn a token → `burnStageStarted`…, then `burnFinished`.
  case burn(BurnOrder)
  /// Record the burned token as an enrollment in the registry → `burnRecorded`.
  case recordBurn(BurnRecordOrder)
  /// Write a failed burn to the registry's audit log (nothing comes back).
  case auditBurnFailure(user: String, failure: Token2Failure)
  /// Draw `count` backup codes from the system CSPRNG and store their hashes for the
  /// enrollment (the previous set stops working) → `backupCodesGenerated`.
  case issueBackupCodes(enrollmentID: Int64, count: Int)
  /// Check `code` against `user`'s unused backup codes; a good code is used up, every try
  /// counts towards the rate limit → `backupCodeChecked`.
  case verifyBackupCode(user: String, code: BackupCode)
  /// Find `user`'s one active token (for `service` when given) → `tokenToReplaceFound`.
  case findTokenToReplace(user: String, service: String?)
  /// Mark the enrollment lost with `reason`; its backup codes are revoked → `tokenMarkedLost`.
  case markLost(enrollmentID: Int64, reason: String)
  /// Send `ticked` at the next whole second.
  case scheduleTick
  /// Print the backup code sheet with `lp` → `codesPrinted`.
  case printCodes(BackupSheet)
  /// Save the sheet as `fileName` in the working directory, mode 0600 → `codesSaved`.
  case saveCodes(BackupSheet, fileName: String)
  /// Whether the registry has a vault → `vaultChecked`. Creates no registry file.
  case checkVault
  /// Unlock the vault and hold its key for this enrollment → `vaultUnlocked`.
  case unlockVault(passphrase: Secret)
  /// Decrypt the key the vault keeps for the enrollment, unlocking first when `passphrase` is
  /// given (else with the key held) → `vaultKeyTaken`.
  case takeVaultKey(enrollmentID: Int64, passphrase: Secret?)
  /// Read a token serial from the QR code or barcode on a photo of its label →
  /// `serialImageRead`.
  case readSerialImage(path: String)
  /// Decrypt the imported factory seed of `serial`, unlocking first when `passphrase` is given
  /// → `factorySeedFound`.
  case findFactorySeed(serial: String, passphrase: Secret?)
  /// Record the factory-seeded token as the user's enrollment → `burnRecorded`.
  case registerFactoryToken(FactoryRegistration)
  /// Forget the vault key the runtime holds.
  case lockVault
  /// Leave the wizard, restore the terminal and exit.
  case quit(WizardExit)
}

/// What the registry records about a confirmed factory-seeded token.
public struct FactoryRegistration: Equatable, Sendable {
  /// The token's serial.
  public var serial: String
  /// The user's ID.
  public var user: String
  /// The service's name.
  public var service: String
}

/// Everything the runtime needs to burn, besides the card and the clock.
public struct BurnOrder: Equatable, Sendable {
  /// The reader the token lies on.
  public var reader: String
  /// The serial identified on the reader step; the burn must meet the same token.
  public var expectedSerial: String
  /// The key to write.
  public var secret: Secret
  /// TOTP hash for the token.
  public var algorithm: Token2Algorithm
  /// TOTP step for the token.
  public var period: Token2Period
  /// The operator allowed a serial prefix outside the model table.
  public var allowUnknownModel: Bool

  /// The request for `Token2Card.burn` (public key, default display timeout).
  public var request: BurnRequest {
    BurnRequest(
      secret: secret, algorithm: algorithm, period: period, allowUnknownModel: allowUnknownModel)
  }
}

/// What the registry records about a confirmed burn; the secret only for its fingerprint.
public struct BurnRecordOrder: Equatable, Sendable {
  /// The user's ID.
  public var user: String
  /// The service's name.
  public var service: String
  /// The account named by the service's URI, if any.
  public var account: String?
  /// The burn's report (serial, model, settings, drift).
  public var report: BurnReport
  /// The key burned; the registry keeps only its fingerprint, and an encrypted copy in the
  /// vault when `keepsSecret`.
  public var secret: Secret
  /// Keep the key in the vault (with the key the runtime holds), bound to the enrollment.
  public var keepsSecret = false
}

/// What the printed or saved backup code sheet says (PRODUCT.md "Backup codes").
public struct BackupSheet: Equatable, Sendable {
  /// The user's ID.
  public var user: String
  /// The service's name.
  public var service: String
  /// The token's serial number.
  public var serial: String
  /// The token's model, or "unknown model".
  public var model: String
  /// When the codes were issued, Unix seconds.
  public var issuedAt: Int64
  /// The codes, in the order shown.
  public var codes: [BackupCode]
  /// The registry's enrollment the codes belong to.
  public var enrollmentID: Int64?

  /// The sheet as plain text lines: header, numbered codes, the once-only rule.
  public var lines: [String] {
    var lines = [
      "Backup codes", "", "User:    \(TerminalText.escaped(user))",
      "Service: \(TerminalText.escaped(service))",
      "Token:   \(TerminalText.escaped(serial)) (\(TerminalText.escaped(model)))",
      "Issued:  \(CalendarDate.utcText(issuedAt)) UTC", "",
    ]
    for (index, code) in codes.enumerated() {
      let number = index + 1 < 10 ? " \(index + 1)" : "\(index + 1)"
      lines.append("\(number).  \(code.text)")
    }
    lines += ["", "Each code works once. Keep this sheet apart from the token."]
    return lines
  }
}

/// How the wizard ended, for the exit status.
public enum WizardExit: Equatable, Sendable {
  /// The enrollment reached the last step.
  case completed
  /// The operator left before the end.
  case cancelled
  /// A signal asked the process to end.
  case terminated
}
