import Foundation
import OTP
import TokenCrypto
import Wizard

/// Hands each effect to its driver; results come back through the event queue. Device work
/// goes to the PC/SC thread, file and printer work to background threads.
final class EffectRunner {
  private let events: EventQueue
  private let readers: ReaderWorker
  private let imageDecoder: any ImageSecretDecoder
  private let registry: RegistryDriver
  /// When the next tick is due (a whole second of wall time), if one was asked for.
  private(set) var tickDeadline: Date?

  init(events: EventQueue, imageDecoder: any ImageSecretDecoder, registry: RegistryDriver) {
    self.events = events
    self.readers = ReaderWorker(events: events)
    self.imageDecoder = imageDecoder
    self.registry = registry
  }

  /// Starts the work for `effect`. `quit` is the loop's business and is not handled here.
  func run(_ effect: WizardEffect) {
    let events = self.events
    switch effect {
    case .scheduleTick:
      let now = Date().timeIntervalSince1970
      tickDeadline = Date(timeIntervalSince1970: now.rounded(.down) + 1)
    case .watchReaders:
      readers.start()
    case .identifyToken(let reader):
      readers.submit(.identify(reader: reader))
    case .burn(let order):
      readers.submit(.burn(order))
    case .listRecentImages:
      background { events.post(.recentImagesListed(HostEffects.recentImages())) }
    case .listDirectory(let prefix):
      background {
        events.post(.directoryListed(prefix: prefix, matches: HostEffects.completions(of: prefix)))
      }
    case .decodeImage(let path):
      let decoder = imageDecoder
      background {
        events.post(
          .imageDecoded(path: path, decoder.payloads(inImageAt: HostEffects.expandTilde(path))))
      }
    case .generateSecret(let count):
      background {
        switch HostEffects.generateSecret(count: count) {
        case .success(let secret): events.post(.secretGenerated(secret))
        case .failure(let failure): events.post(.generationFailed(failure))
        }
      }
    case .recordBurn(let order):
      let registry = self.registry
      background { events.post(.burnRecorded(registry.record(order))) }
    case .auditBurnFailure(let user, let failure):
      let registry = self.registry
      background { registry.auditFailure(user: user, failure: failure) }
    case .issueBackupCodes(let enrollmentID, let count):
      let registry = self.registry
      background {
        switch registry.issueCodes(enrollmentID: enrollmentID, count: count) {
        case .success(let codes): events.post(.backupCodesGenerated(codes))
        case .failure(let failure): events.post(.generationFailed(failure))
        }
      }
    case .verifyBackupCode(let user, let code):
      let registry = self.registry
      background { events.post(.backupCodeChecked(registry.verify(code, user: user))) }
    case .findTokenToReplace(let user, let service):
      let registry = self.registry
      background {
        events.post(.tokenToReplaceFound(registry.tokenToReplace(user: user, service: service)))
      }
    case .markLost(let enrollmentID, let reason):
      let registry = self.registry
      background { events.post(.tokenMarkedLost(registry.markLost(enrollmentID, reason: reason))) }
    case .printCodes(let sheet):
      let registry = self.registry
      background { events.post(.codesPrinted(HostEffects.printSheet(registry.sheetText(sheet)))) }
    case .saveCodes(let sheet, let fileName):
      let registry = self.registry
      background {
        events.post(.codesSaved(HostEffects.save(registry.sheetText(sheet), fileName: fileName)))
      }
    case .checkVault:
      let registry = self.registry
      background { events.post(.vaultChecked(registry.vaultAvailability())) }
    case .unlockVault(let passphrase):
      let registry = self.registry
      background { events.post(.vaultUnlocked(registry.unlockVault(passphrase))) }
    case .takeVaultKey(let enrollmentID, let passphrase):
      let registry = self.registry
      background {
        events.post(
          .vaultKeyTaken(registry.takeVaultKey(enrollmentID: enrollmentID, passphrase: passphrase)))
      }
    case .findFactorySeed(let serial, let passphrase):
      let registry = self.registry
      background {
        events.post(
          .factorySeedFound(
            serial: serial, registry.factorySeed(serial: serial, passphrase: passphrase)))
      }
    case .registerFactoryToken(let registration):
      let registry = self.registry
      background { events.post(.burnRecorded(registry.registerFactoryToken(registration))) }
    case .lockVault:
      registry.lockVault()
    case .readSerialImage(let path):
      background {
        let result: Result<String, DriverFailure>
        do throws(OperatorError) {
          result = .success(
            try SerialImage.serial(in: HostEffects.expandTilde(path), typing: "in the Serial field")
          )
        } catch {
          result = .failure(DriverFailure(error.message + "."))
        }
        events.post(.serialImageRead(path: path, result))
      }
    case .quit:
      break
    }
  }

  /// The tick event when its second has come; clears the deadline.
  func dueTick(at now: Date) -> WizardEvent? {
    guard let deadline = tickDeadline, now >= deadline else { return nil }
    tickDeadline = nil
    return .ticked(now: Int64(now.timeIntervalSince1970))
  }

  /// Results posted by the drivers since the last call, oldest first.
  func drainEvents() -> [WizardEvent] { events.drain() }

  /// Stops the PC/SC thread.
  func stop() { readers.stop() }

  private func background(_ work: @escaping @Sendable () -> Void) {
    Thread.detachNewThread(work)
  }
}
