import OTP
import SmartCard
import TokenCrypto

/// One family-A burn (protocol note §4.8) with its recovery rules:
///
/// - GET INFO; an unknown prefix stops here unless allowed (no AUTHENTICATE is ever sent).
/// - The seed APDU is built before authenticating; the config APDU right before it is sent,
///   so the written time is fresh.
/// - AUTHENTICATE refused (`69 83`), or its answer lost: stop at once; never a second
///   AUTHENTICATE in the run (`AuthenticationGate`: a lost answer may be a refusal).
/// - WRITE SEED refused with `69 82`/`69 83`: one GET CHALLENGE + AUTHENTICATE, one retry.
/// - A link failure after an accepted AUTHENTICATE: at most one reconnect, GET INFO (same
///   serial), a fresh authentication, and the writes not yet confirmed, in order. Before
///   AUTHENTICATE a link failure simply stops: nothing was written.
final class BurnRun {
  private let request: BurnRequest
  private let session: Token2Session
  private let clock: () -> Int64
  private let progress: (BurnStage) -> Void

  private var ledger = WriteLedger(restricted: true)
  private var recoveries: [BurnRecovery] = []
  // Every AUTHENTICATE of the run goes through it: the first, the one after the reconnect and
  // the one after a WRITE SEED refused for a dropped session.
  private var gate = AuthenticationGate()
  private var reconnected = false
  private var seedRetryUsed = false
  private var writtenTime: UInt32 = 0

  init(
    request: BurnRequest, transport: any CardTransport, clock: @escaping () -> Int64,
    progress: @escaping (BurnStage) -> Void
  ) {
    self.request = request
    self.session = Token2Session(transport: transport)
    self.clock = clock
    self.progress = progress
  }

  func run() throws(Token2Failure) -> BurnReport {
    try request.validate()
    let start = clock()
    guard UInt32(exactly: start) != nil else { throw .hostClockOutOfRange(start) }

    progress(.readInfo)
    let before = try session.readIdentity(clock: clock)
    if before.model == nil, !request.allowUnknownModel {
      throw .unknownModel(serial: before.serial)
    }
    ledger = WriteLedger(restricted: before.isRestricted)
    let seedCommand: CommandAPDU
    do {
      seedCommand = try Token2Commands.writeSeed(request.secret, key: request.key)
    } catch {
      throw .internalError("building WRITE SEED: \(error)", state: .unchanged)
    }

    while true {
      do {
        try authenticateAndWrite(seedCommand: seedCommand)
        break
      } catch {
        switch error {
        case .failure(let failure): throw failure
        case .link(let command, let cause):
          // An AUTHENTICATE in flight never gets here: its lost answer ended the run already.
          guard gate.hasSentAttempt, !reconnected else {
            throw .linkLost(during: command, cause: cause, state: ledger.state)
          }
          reconnected = true
          recoveries.append(.reconnected(after: command))
          try reidentify(expectedSerial: before.serial, lostDuring: command)
        }
      }
    }

    progress(.verify)
    let after = verify()
    if after == nil { recoveries.append(.verificationSkipped) }
    return BurnReport(
      before: before, after: after, algorithm: request.algorithm, period: request.period,
      displayTimeout: request.displayTimeout, writtenTime: writtenTime,
      apduCount: session.apduCount, recoveries: recoveries)
  }

  // Authenticates, then performs whichever writes are not yet confirmed, config first:
  // a config written after the seed would erase it on restricted models (§4.8).
  private func authenticateAndWrite(seedCommand: CommandAPDU) throws(SessionInterruption) {
    progress(.authenticate)
    try authenticate()
    if ledger.config != .written {
      progress(.writeConfig)
      try writeConfig()
    }
    if ledger.seed != .written {
      progress(.writeSeed)
      try writeSeed(seedCommand)
    }
  }

  private func authenticate() throws(SessionInterruption) {
    // No GET CHALLENGE either once the gate is closed: there is nothing to use it for.
    if let closure = gate.closure { throw .failure(failure(closedBy: closure)) }
    let challenge = try session.send(Token2Commands.getChallenge(), as: .getChallenge)
    guard challenge.status.isSuccess else {
      throw .failure(
        .unexpectedStatus(command: .getChallenge, status: challenge.status, state: ledger.state))
    }
    guard challenge.data.count == FamilyA.challengeLength else {
      throw .failure(.malformedResponse(command: .getChallenge, state: ledger.state))
    }
    let command: CommandAPDU
    do {
      command = try Token2Commands.authenticate(challenge: challenge.data, key: request.key)
    } catch {
      throw .failure(.internalError("building AUTHENTICATE: \(error)", state: ledger.state))
    }
    do {
      try gate.begin()
    } catch {
      throw .failure(failure(closedBy: error))
    }
    let answer: ResponseAPDU
    do {
      answer = try session.send(command, as: .authenticate)
    } catch {
      guard case .link = error else { throw error }
      // The token may have run it and refused the key: no reconnect, no second attempt.
      gate.answerLost()
      throw .failure(.authenticationAnswerLost(state: ledger.state))
    }
    guard answer.status.isSuccess else {
      gate.refused()
      if answer.status == .authenticationBlocked {
        throw .failure(.tokenRefusedKey(state: ledger.state))
      }
      throw .failure(
        .unexpectedStatus(command: .authenticate, status: answer.status, state: ledger.state))
    }
    gate.accepted()
  }

  private func failure(closedBy closure: AuthenticationGate.Closure) -> Token2Failure {
    switch closure {
    case .refused: .tokenRefusedKey(state: ledger.state)
    case .answerLost: .authenticationAnswerLost(state: ledger.state)
    }
  }

  private func writeConfig() throws(SessionInterruption) {
    let now = clock()
    guard let time = UInt32(exactly: now) else {
      throw .failure(.hostClockOutOfRange(now))
    }
    let configuration = TokenConfiguration(
      displayTimeout: request.displayTimeout, time: time, algorithm: request.algorithm,
      period: request.period)
    let command: CommandAPDU
    do {
      command = try Token2Commands.writeConfig(configuration, key: request.key)
    } catch {
      throw .failure(.internalError("building WRITE CONFIG: \(error)", state: ledger.state))
    }
    let answer: ResponseAPDU
    do {
      answer = try session.send(command, as: .writeConfig)
    } catch {
      ledger.configAnswerLost()
      throw error
    }
    guard answer.status.isSuccess else {
      throw .failure(
        .unexpectedStatus(command: .writeConfig, status: answer.status, state: ledger.state))
    }
    ledger.configConfirmed()
    writtenTime = time
  }

  private func writeSeed(_ command: CommandAPDU) throws(SessionInterruption) {
    let answer: ResponseAPDU
    do {
      answer = try session.send(command, as: .writeSeed)
    } catch {
      ledger.seedAnswerLost()
      throw error
    }
    if answer.status.isSuccess {
      ledger.seedConfirmed()
      return
    }
    let sessionReset =
      answer.status == .securityStatusNotSatisfied || answer.status == .authenticationBlocked
    guard sessionReset, !seedRetryUsed else {
      throw .failure(
        .unexpectedStatus(command: .writeSeed, status: answer.status, state: ledger.state))
    }
    // Some tokens may drop the session after a config write (OT2 re-authenticates, §8 item 4).
    seedRetryUsed = true
    recoveries.append(.reauthenticatedForSeed(after: answer.status))
    progress(.authenticate)
    try authenticate()
    progress(.writeSeed)
    try writeSeed(command)
  }

  // The one reconnect: a fresh card session, and proof that the same token is back.
  private func reidentify(expectedSerial: String, lostDuring command: Token2Command)
    throws(Token2Failure)
  {
    progress(.reconnect)
    do {
      try session.transport.reconnect()
    } catch {
      throw .linkLost(during: command, cause: error, state: ledger.state)
    }
    let answer: ResponseAPDU
    do {
      answer = try session.send(Token2Commands.getInfo(), as: .getInfo)
    } catch {
      switch error {
      case .link(_, let cause): throw .linkLost(during: .getInfo, cause: cause, state: ledger.state)
      case .failure(let failure): throw failure
      }
    }
    guard answer.status.isSuccess else {
      throw .unexpectedStatus(command: .getInfo, status: answer.status, state: ledger.state)
    }
    guard let info = try? TokenInfo(parsing: answer.data) else {
      throw .malformedResponse(command: .getInfo, state: ledger.state)
    }
    guard info.serial == expectedSerial else {
      throw .differentToken(expected: expectedSerial, found: info.serial, state: ledger.state)
    }
  }

  // The final GET INFO; its failure does not undo a confirmed seed write.
  private func verify() -> TokenIdentity? {
    guard let answer = try? session.send(Token2Commands.getInfo(), as: .getInfo),
      answer.status.isSuccess,
      let info = try? TokenInfo(parsing: answer.data)
    else { return nil }
    return TokenIdentity(info: info, hostTime: clock())
  }
}
