import OTP
import TestSupport
import Wizard

@testable import Token2

/// Wizard states for each screen, reached through events as the runtime would send them.
/// The key, time and token are `SampleToken`'s (RFC 6238's SHA-1 seed, a row of its table).
enum WizardStates {
  static let reader = "ACS ACR1252 Dual Reader PICC 00 00"

  static var report: BurnReport {
    BurnReport(
      before: SampleToken.identity(), after: SampleToken.identity(), algorithm: .sha1,
      period: .seconds30,
      displayTimeout: .seconds30, writtenTime: UInt32(SampleToken.time), apduCount: 6,
      recoveries: [])
  }

  static var codes: [BackupCode] {
    [
      "K7QMX4XTPR9WHZD", "2CFN8RBKTW3GJMQ", "HV5YEZP7A9XDS4N", "M3TGKQ8WB2RVCFY", "9NJDXH4SZ6PAT7E",
      "RW2BQ5MKYFC8GTV", "6AEZT9HNXJ3PDKS", "YP7CWG2RM5QBZH4", "DT4KNS8FEX6VJWA", "Q8HMV3ZC7TYRGB2",
    ]
    .compactMap(BackupCode.init(symbols:))
  }

  static func apply(_ state: inout WizardState, _ events: [WizardEvent]) {
    for event in events { _ = state.handle(event) }
  }

  static func keys(_ actions: UserAction...) -> [WizardEvent] { actions.map { .keyPressed($0) } }

  static func task(flow: WizardFlow = .enroll) -> WizardState {
    var state = WizardState()
    _ = state.start()
    apply(&state, [.ticked(now: SampleToken.time)])
    if flow == .generate { apply(&state, keys(.moveDown)) }
    return state
  }

  /// The verify-code step with the user and a code typed (shown masked), then `verdict`.
  static func verifyCode(verdict: BackupCodeVerdict? = nil) -> WizardState {
    var state = task()
    apply(&state, keys(.choose(3), .insert("ann@example.com"), .next, .insert("K7QMX-4XTPR-9WHZD")))
    if let verdict {
      apply(&state, keys(.next) + [.backupCodeChecked(.success(verdict))])
    }
    return state
  }

  /// The lost-token step with the user's token found and a reason typed, then marked lost.
  static func lostToken(marked: Bool = false) -> WizardState {
    var state = task()
    let token = TokenToReplace(enrollmentID: 4, serial: "8659622000009", service: "Acme")
    apply(&state, keys(.choose(4), .insert("ann@example.com"), .next))
    apply(&state, [.tokenToReplaceFound(.success(token))] + keys(.insert("left on a train")))
    if marked { apply(&state, keys(.next) + [.tokenMarkedLost(.success(token))]) }
    return state
  }

  /// The re-burn flow's reader step with the token read (its drift shown), no key yet.
  static func reburnRead() -> WizardState {
    var state = task()
    apply(&state, keys(.choose(5), .insert("ann@example.com"), .nextField, .insert("Acme"), .next))
    apply(
      &state,
      [
        .readersChanged([ReaderEntry(name: reader, hasCard: true)]),
        .tokenIdentified(reader: reader, .success(SampleToken.identity())),
      ])
    return state
  }

  static func identityStep() -> WizardState {
    var state = task()
    apply(&state, keys(.next, .insert("ann@example.com"), .nextField, .insert("Acme")))
    return state
  }

  static func secretStep(flow: WizardFlow = .enroll) -> WizardState {
    var state = task(flow: flow)
    apply(
      &state,
      [.recentImagesListed(["/home/op/Pictures/jira-2fa.png", "/home/op/Downloads/qr.jpg"])]
        + keys(.next, .insert("ann@example.com"), .nextField, .insert("Acme"), .next))
    return state
  }

  static func pastedSecret() -> WizardState {
    var state = secretStep()
    apply(&state, keys(.moveDown, .insert(SampleToken.uri)))
    return state
  }

  static func readerStep() -> WizardState {
    var state = pastedSecret()
    apply(&state, keys(.next))
    apply(
      &state,
      [
        .readersChanged([ReaderEntry(name: reader, hasCard: false)]),
        .ticked(now: SampleToken.time),
      ])
    return state
  }

  static func identified() -> WizardState {
    var state = readerStep()
    apply(
      &state,
      [
        .readersChanged([ReaderEntry(name: reader, hasCard: true)]),
        .tokenIdentified(reader: reader, .success(SampleToken.identity())),
      ])
    return state
  }

  static func burning() -> WizardState {
    var state = identified()
    apply(
      &state,
      keys(.next) + [
        .burnStageStarted(.readInfo), .burnStageStarted(.authenticate),
        .burnStageStarted(.writeConfig),
      ])
    return state
  }

  static func burned(flow: WizardFlow = .enroll) -> WizardState {
    var state = flow == .enroll ? identified() : generatedIdentified()
    apply(&state, keys(.next))
    apply(&state, BurnStage.allCases.filter { $0 != .reconnect }.map { .burnStageStarted($0) })
    apply(
      &state,
      [
        .burnFinished(.success(report)),
        .burnRecorded(.success(RecordedEnrollment(id: 12, summary: "enrollment #12 created"))),
      ])
    return state
  }

  static func generatedIdentified() -> WizardState {
    var state = secretStep(flow: .generate)
    apply(&state, keys(.next) + [.secretGenerated(SampleToken.secret)] + keys(.next))
    apply(
      &state,
      [
        .readersChanged([ReaderEntry(name: reader, hasCard: true)]),
        .tokenIdentified(reader: reader, .success(SampleToken.identity())),
      ])
    return state
  }

  static func confirm() -> WizardState {
    var state = burned()
    apply(&state, keys(.next))
    return state
  }

  static func backupCodes() -> WizardState {
    var state = confirm()
    apply(&state, keys(.insert("081804"), .next, .next) + [.backupCodesGenerated(codes)])
    return state
  }

  static func done() -> WizardState {
    var state = backupCodes()
    apply(&state, keys(.acknowledgeCodes, .next))
    return state
  }
}
