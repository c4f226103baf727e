import OTP
import SmartCard
import TestSupport

@testable import Token2
@testable import Wizard

/// Values the scripts share besides `SampleToken` (RFC 6238 appendix B's seed and time, the
/// token); the codes for other steps, periods and hashes were computed with oathtool (see the
/// test comments).
enum Fixture {
  static let reader = "Virtual PCD 00 00"
  static let otherReader = "Virtual PCD 00 01"

  static func report(serial: String = SampleToken.serial) -> BurnReport {
    BurnReport(
      before: SampleToken.identity(serial: serial),
      after: SampleToken.identity(serial: serial, drift: 0),
      algorithm: .sha1, period: .seconds30, displayTimeout: .seconds30,
      writtenTime: UInt32(SampleToken.time), apduCount: 6, recoveries: [])
  }

  static let enrollment = RecordedEnrollment(id: 7, summary: "enrollment #7 created")

  static func codes() -> [BackupCode] {
    let symbols = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    return (0..<10).compactMap { index in
      BackupCode(symbols: String((0..<15).map { symbols[(index * 3 + $0) % symbols.count] }))
    }
  }
}

/// Runs events through a wizard and keeps every effect, in order.
struct Script {
  var state: WizardState
  var effects: [WizardEffect] = []

  init(options: WizardOptions = WizardOptions()) {
    state = WizardState(options: options)
    effects = state.start()
  }

  /// Sends `event` and returns only the effects it produced.
  @discardableResult
  mutating func send(_ event: WizardEvent) -> [WizardEffect] {
    let produced = state.handle(event)
    effects += produced
    return produced
  }

  @discardableResult
  mutating func press(_ actions: UserAction...) -> [WizardEffect] {
    actions.flatMap { send(.keyPressed($0)) }
  }

  @discardableResult
  mutating func type(_ text: String) -> [WizardEffect] {
    send(.keyPressed(.insert(text)))
  }

  /// Task (enroll) → user and service filled → secret step.
  mutating func toSecretStep(flow: WizardFlow = .enroll) {
    send(.ticked(now: SampleToken.time))
    press(.choose(flow == .enroll ? 1 : 2))
    type("ann@example.com")
    press(.nextField)
    type("Acme")
    press(.next)
  }

  /// Through the secret step with the RFC key pasted as an otpauth URI.
  mutating func toReaderStep() {
    toSecretStep()
    press(.moveDown)
    type(SampleToken.uri)
    press(.next)
  }

  /// The reader list with a card, and the token on it identified.
  mutating func identifyToken(_ identity: TokenIdentity = SampleToken.identity()) {
    send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: true)]))
    send(.tokenIdentified(reader: Fixture.reader, .success(identity)))
  }

  /// Through a successful burn to the step after it.
  mutating func burnSuccessfully() {
    press(.next)
    for stage in [BurnStage.readInfo, .authenticate, .writeConfig, .writeSeed, .verify] {
      send(.burnStageStarted(stage))
    }
    send(.burnFinished(.success(Fixture.report())))
    send(.burnRecorded(.success(Fixture.enrollment)))
  }
}
