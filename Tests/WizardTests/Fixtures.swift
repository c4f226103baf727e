import OTP
import SmartCard
@testable import Token2
@testable import Wizard

/// Values the scripts share. Secrets and codes come from RFC 6238 appendix B, and the codes
/// for other steps, periods and hashes were computed with oathtool (see the test comments).
enum Fixture {
  /// RFC 6238 appendix B SHA-1 seed: ASCII "12345678901234567890".
  static let rfcSecret = Secret(Array("12345678901234567890".utf8))
  static let rfcBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
  /// A time from the RFC table (SHA-1: 07081804, so 6 digits: 081804).
  static let rfcTime: Int64 = 1_111_111_109

  static let reader = "Virtual PCD 00 00"
  static let otherReader = "Virtual PCD 00 01"
  static let serial = "8659622000001"  // OTPC-P2-i, restricted

  static var uri: String {
    "otpauth://totp/Acme:ann@example.com?secret=\(rfcBase32)&issuer=Acme"
  }

  static func identity(serial: String = serial, drift: Int64 = 2) -> TokenIdentity {
    TokenIdentity(
      info: TokenInfo(serial: serial, tokenTime: UInt32(rfcTime + drift)), hostTime: rfcTime)
  }

  static func report(serial: String = serial) -> BurnReport {
    BurnReport(
      before: identity(serial: serial), after: identity(serial: serial, drift: 0),
      algorithm: .sha1, period: .seconds30, displayTimeout: .seconds30,
      writtenTime: UInt32(rfcTime), apduCount: 6, recoveries: [])
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
    send(.ticked(now: Fixture.rfcTime))
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
    type(Fixture.uri)
    press(.next)
  }

  /// The reader list with a card, and the token on it identified.
  mutating func identifyToken(_ identity: TokenIdentity = Fixture.identity()) {
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
