import OTP
import Token2

/// The backup codes and done steps.
extension WizardState {
  mutating func backupKey(_ action: UserAction) -> [WizardEffect] {
    guard !backup.codes.isEmpty else {
      switch action {
      case .back: return go(to: .confirm)
      case .next: return requestBackupCodes()
      default: return []
      }
    }
    switch action {
    case .printCodes:
      guard let sheet else { return [] }
      notice = Notice(.warning, "Sending the sheet to the printer...")
      return [.printCodes(sheet)]
    case .saveCodes:
      guard let sheet else { return [] }
      return [.saveCodes(sheet, fileName: backupFileName)]
    case .acknowledgeCodes:
      backup.isAcknowledged = true
      notice = Notice(.success, "Codes written down. Press Enter to finish.")
    case .next:
      guard backup.isAcknowledged else {
        notice = Notice(
          .error,
          "Press W once the codes are written down (or printed and kept): they are shown only now.")
        return []
      }
      backup.issuedCount = backup.codes.count
      backup.codes = []
      return go(to: .done)
    case .back:
      return go(to: .confirm)
    default:
      break
    }
    return []
  }

  /// The sheet for the codes on screen; `nil` before the codes and the time are known.
  public var sheet: BackupSheet? {
    guard !backup.codes.isEmpty, let now, let serial = tokenSerial else { return nil }
    return BackupSheet(
      user: user.text, service: service.text, serial: serial, model: tokenModel, issuedAt: now,
      codes: backup.codes, enrollmentID: recording.enrollment?.id)
  }

  /// `backup-codes-<user>-<serial>-<YYYYMMDD>.txt`, with anything but letters, digits, `.`,
  /// `_` and `-` in the user's ID and in the serial replaced by `_`.
  var backupFileName: String {
    let date = now.map(CalendarDate.compactUTCDate) ?? "undated"
    return
      "backup-codes-\(Self.fileNamePart(user.text))-\(Self.fileNamePart(tokenSerial ?? "token"))-\(date).txt"
  }

  /// `text` as a piece of a file name: ASCII letters, digits, `.`, `_` and `-` kept, anything
  /// else `_`. The serial needs it as much as the user: it is typed on the factory-token step or
  /// read from a label barcode, and a `/` or a control in it would put the sheet elsewhere or
  /// into the terminal through the "saved to" notice.
  static func fileNamePart(_ text: String) -> String {
    String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
  }

  /// Codes are issued for the recorded enrollment: at once when it is recorded, once the
  /// record arrives when it is pending, and after recording again when that failed.
  mutating func requestBackupCodes() -> [WizardEffect] {
    guard backup.codes.isEmpty, !backup.isGenerating else { return [] }
    switch recording {
    case .recorded(let enrollment):
      backup.isGenerating = true
      return [.issueBackupCodes(enrollmentID: enrollment.id, count: BackupCode.defaultCount)]
    case .pending:
      backup.isGenerating = true
      return []
    case .failed, .notStarted:
      // A failed record is asked again; a factory token is recorded only now, once confirmed.
      guard let effect = recordEffect else { return [] }
      backup.isGenerating = true
      recording = .pending
      return [effect]
    }
  }

  /// The registry record for the last successful burn.
  var recordOrder: BurnRecordOrder? {
    guard let report = burn.report, let credential else { return nil }
    return BurnRecordOrder(
      user: user.text, service: service.text, account: credential.account, report: report,
      secret: credential.secret, keepsSecret: keepsSecretInVault)
  }

  /// The effect that records this enrollment: the burn, or the factory token's registration.
  var recordEffect: WizardEffect? {
    guard flow == .registerFactory else { return recordOrder.map { .recordBurn($0) } }
    guard let token = factory.token, credential != nil else { return nil }
    return .registerFactoryToken(
      FactoryRegistration(serial: token.serial, user: user.text, service: service.text))
  }

  /// The serial of the token enrolled: burned, or registered from its factory seed.
  public var tokenSerial: String? { burn.report?.serial ?? factory.token?.serial }

  /// The model of the token enrolled, as printed on the sheet.
  public var tokenModel: String {
    if let report = burn.report { return report.model?.displayName ?? "unknown model" }
    guard let token = factory.token else { return "unknown model" }
    return token.manufacturer.map { "\($0), factory-seeded" } ?? "factory-seeded"
  }

  mutating func burnRecorded(_ result: Result<RecordedEnrollment, DriverFailure>) -> [WizardEffect]
  {
    guard recording == .pending else { return [] }
    switch result {
    case .success(let enrollment):
      recording = .recorded(enrollment)
      guard step == .backupCodes, backup.isGenerating else { return [] }
      return [.issueBackupCodes(enrollmentID: enrollment.id, count: BackupCode.defaultCount)]
    case .failure(let failure):
      recording = .failed(failure.message)
      backup.isGenerating = false
      notice = Notice(
        .error,
        "The token is burned, but the registry could not record it: \(failure.message) "
          + "Backup codes need the record; press Enter on the backup codes step to try again.")
      return []
    }
  }

  mutating func codesGenerated(_ codes: [BackupCode]) -> [WizardEffect] {
    guard backup.isGenerating else { return [] }
    backup.isGenerating = false
    backup.codes = codes
    return []
  }

  /// Whatever was being generated stays absent; Enter asks again.
  mutating func generationFailed(_ failure: DriverFailure) -> [WizardEffect] {
    guard secretEntry.isGenerating || backup.isGenerating else { return [] }
    secretEntry.isGenerating = false
    backup.isGenerating = false
    notice = Notice(.error, "That did not work: \(failure.message) Press Enter to try again.")
    return []
  }

  mutating func printed(_ result: Result<String, DriverFailure>) -> [WizardEffect] {
    guard step == .backupCodes else { return [] }
    switch result {
    case .success(let job):
      backup.isPrinted = true
      notice = Notice(.success, "Printed (\(job)). Collect the sheet from the printer now.")
    case .failure(let failure):
      notice = Notice(.error, "Printing failed: \(failure.message)")
    }
    return []
  }

  mutating func saved(_ result: Result<String, DriverFailure>) -> [WizardEffect] {
    guard step == .backupCodes else { return [] }
    switch result {
    case .success(let path):
      backup.savedPath = path
      notice = Notice(.success, "Saved to \(path) (readable only by you).")
    case .failure(let failure):
      notice = Notice(.error, "Saving failed: \(failure.message)")
    }
    return []
  }

  mutating func doneKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .next: return [.quit(.completed)]
    case .startOver:
      let readers = readerPanel
      let availability = vault.availability
      self = WizardState(options: WizardOptions(readerName: options.readerName))
      vault.availability = availability
      readerPanel.readers = readers.readers
      readerPanel.hasListed = readers.hasListed
      readerPanel.selected = readers.selected
      readerPanel.serviceProblem = readers.serviceProblem
      now = nil
      return [.lockVault] + scheduleTickIfNeeded(force: true)
    default: return []
    }
  }
}
