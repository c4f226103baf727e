import Canvas
import OTP
import TokenCrypto
import Wizard

/// Hands each effect to its port; results come back through the event queue. Device work goes
/// to the reader port, file, printer and registry work to the executor.
final class EffectRunner {
  private let events: EventQueue
  private let ports: RuntimePorts
  private let readers: any ReaderPort
  /// When the next tick is due (a whole second of wall time, Unix seconds), if one was asked
  /// for.
  private(set) var tickDeadline: Double?

  init(events: EventQueue, ports: RuntimePorts) {
    self.events = events
    self.ports = ports
    self.readers = ports.makeReaders(events)
  }

  /// Starts the work for `effect`. `quit` is the loop's business and is not handled here.
  /// While the state has no time yet (`clockUnknown`), a tick is due at once instead of at the
  /// next whole second: until it comes, Confirm shows "Waiting for the clock..." and judges
  /// no Enter.
  func run(_ effect: WizardEffect, clockUnknown: Bool = false) {
    let events = self.events
    let host = ports.host
    let registry = ports.registry
    switch effect {
    case .scheduleTick:
      let now = ports.clock.now()
      tickDeadline = clockUnknown ? now : now.rounded(.down) + 1
    case .watchReaders:
      readers.start()
    case .identifyToken(let reader):
      readers.submit(.identify(reader: reader))
    case .burn(let order):
      readers.submit(.burn(order))
    case .listRecentImages:
      background { events.post(.recentImagesListed(host.recentImages())) }
    case .listDirectory(let prefix):
      background {
        events.post(.directoryListed(prefix: prefix, matches: host.completions(of: prefix)))
      }
    case .decodeImage(let path):
      let decoder = ports.imageDecoder
      background {
        events.post(.imageDecoded(path: path, decoder.payloads(inImageAt: host.expandTilde(path))))
      }
    case .generateSecret(let count):
      background {
        switch host.generateSecret(count: count) {
        case .success(let secret): events.post(.secretGenerated(secret))
        case .failure(let failure): events.post(.generationFailed(failure))
        }
      }
    case .recordBurn(let order):
      background { events.post(.burnRecorded(registry.record(order))) }
    case .auditBurnFailure(let user, let failure):
      background { registry.auditFailure(user: user, failure: failure) }
    case .issueBackupCodes(let enrollmentID, let count):
      background {
        switch registry.issueCodes(enrollmentID: enrollmentID, count: count) {
        case .success(let codes): events.post(.backupCodesGenerated(codes))
        case .failure(let failure): events.post(.generationFailed(failure))
        }
      }
    case .verifyBackupCode(let user, let code):
      background { events.post(.backupCodeChecked(registry.verify(code, user: user))) }
    case .findTokenToReplace(let user, let service):
      background {
        events.post(.tokenToReplaceFound(registry.tokenToReplace(user: user, service: service)))
      }
    case .markLost(let enrollmentID, let reason):
      background { events.post(.tokenMarkedLost(registry.markLost(enrollmentID, reason: reason))) }
    case .printCodes(let sheet):
      background { events.post(.codesPrinted(host.printSheet(registry.sheetText(sheet)))) }
    case .saveCodes(let sheet, let fileName):
      background {
        events.post(.codesSaved(host.save(registry.sheetText(sheet), fileName: fileName)))
      }
    case .checkVault:
      background { events.post(.vaultChecked(registry.vaultAvailability())) }
    case .unlockVault(let passphrase):
      background { events.post(.vaultUnlocked(registry.unlockVault(passphrase))) }
    case .takeVaultKey(let enrollmentID, let passphrase):
      background {
        events.post(
          .vaultKeyTaken(registry.takeVaultKey(enrollmentID: enrollmentID, passphrase: passphrase)))
      }
    case .findFactorySeed(let serial, let passphrase):
      background {
        events.post(
          .factorySeedFound(
            serial: serial, registry.factorySeed(serial: serial, passphrase: passphrase)))
      }
    case .registerFactoryToken(let registration):
      background { events.post(.burnRecorded(registry.registerFactoryToken(registration))) }
    case .lockVault:
      registry.lockVault()
    case .readSerialImage(let path):
      background { events.post(.serialImageRead(path: path, host.serial(inImageAt: path))) }
    case .quit:
      break
    }
  }

  /// Seconds until the next tick is due (0 when it is late), `nil` when none was asked for.
  func secondsUntilTick() -> Double? {
    tickDeadline.map { max(0, $0 - ports.clock.now()) }
  }

  /// The tick event when its second has come; clears the deadline.
  func dueTick() -> WizardEvent? {
    let now = ports.clock.now()
    guard let deadline = tickDeadline, now >= deadline else { return nil }
    tickDeadline = nil
    return .ticked(now: Int64(now.rounded(.down)))
  }

  /// Stops the reader port.
  func stop() { readers.stop() }

  private func background(_ work: @escaping @Sendable () -> Void) {
    ports.executor.execute(work)
  }
}
