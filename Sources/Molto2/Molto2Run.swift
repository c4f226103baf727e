import SmartCard
import TokenCrypto

/// One card session of a Molto2 operation: counts APDUs, keeps the one `AuthenticationGate`
/// of the run and the ledger of what the token confirmed, so every failure carries the
/// token's state.
final class Molto2Run {
  let transport: any CardTransport
  let clock: () -> Int64
  private var gate = AuthenticationGate()
  private var confirmed: [Molto2Change] = []
  private(set) var apduCount = 0

  init(transport: any CardTransport, clock: @escaping () -> Int64) {
    self.transport = transport
    self.clock = clock
  }

  var state: Molto2State { Molto2State(confirmed: confirmed) }

  /// GET INFO, then the model probe (public data of slot 50: only a Molto2v2 has it).
  func identify() throws(Molto2Failure) -> Molto2Identity {
    let response: ResponseAPDU
    do {
      response = try exchange(Molto2Commands.getInfo())
    } catch {
      throw error.isLinkLoss ? .noAnswer(error) : .cardUnavailable(error)
    }
    let hostTime = clock()
    guard response.status.isSuccess else { throw .notAMolto2(status: response.status) }
    guard let info = Molto2Info(parsing: response.data) else { throw .unreadableInfo }
    let probe = try send(
      Molto2Commands.readPublicData(profile: Molto2Model.distinguishingProfile),
      as: .readPublicData)
    let model: Molto2Model =
      probe.status.isSuccess
        && (try? Molto2Slot(parsing: probe.data, number: Molto2Model.distinguishingProfile))
          != nil
      ? .molto2v2 : .molto2
    return Molto2Identity(info: info, model: model, hostTime: hostTime)
  }

  /// Refuses a profile the model does not have, before anything is written.
  func checkProfile(_ profile: Int, _ model: Molto2Model) throws(Molto2Failure) {
    do {
      try Molto2BurnRequest.check(profile: profile, model: model)
    } catch {
      throw .invalidInput(error)
    }
  }

  /// READ PROFILE PUBLIC DATA for `profile`, parsed.
  func readSlot(_ profile: Int) throws(Molto2Failure) -> Molto2Slot {
    let response = try send(Molto2Commands.readPublicData(profile: profile), as: .readPublicData)
    switch Molto2Status(response.status) {
    case .success: break
    case .caseFourRefused: throw .caseFourRefused(profile: profile)
    default:
      throw .unexpectedStatus(command: .readPublicData, status: response.status, state: state)
    }
    do {
      return try Molto2Slot(parsing: response.data, number: profile)
    } catch {
      throw .unreadablePublicData(profile: profile, error)
    }
  }

  /// GET CHALLENGE and AUTHENTICATE, once per run: the gate refuses a second attempt after a
  /// refusal or a lost answer, and `63 NN` is never retried.
  func authenticate(key: Molto2CustomerKey) throws(Molto2Failure) {
    let challenge = try send(Molto2Commands.getChallenge(), as: .getChallenge)
    guard challenge.status.isSuccess else {
      throw .unexpectedStatus(command: .getChallenge, status: challenge.status, state: state)
    }
    guard challenge.data.count == Molto2Wire.challengeLength else {
      throw .malformedResponse(command: .getChallenge, state: state)
    }
    let command = try crypto { () throws(CryptoError) in
      try Molto2Commands.authenticate(challenge: challenge.data, key: key)
    }
    do {
      try gate.begin()
    } catch {
      throw .authenticationAnswerLost(state: state)
    }
    let response: ResponseAPDU
    do {
      apduCount += 1
      // No `6C XX` resend: that would be a second attempt.
      response = try ResponseContinuation.transmit(
        command, over: transport, resendingOnWrongLength: false)
    } catch {
      gate.answerLost()
      throw .authenticationAnswerLost(state: state)
    }
    switch Molto2Status(response.status) {
    case .success:
      gate.accepted()
    case .keyRefused(let left):
      gate.refused()
      throw .keyRefused(triesLeft: left, state: state)
    default:
      gate.refused()
      throw .unexpectedStatus(command: .authenticate, status: response.status, state: state)
    }
  }

  /// DELETE SEED; `6A 83` is accepted as "already empty" only when `tolerateEmpty`.
  func deleteSeed(_ profile: Int, tolerateEmpty: Bool) throws(Molto2Failure) {
    let change = Molto2Change.seedDeleted(profile: profile)
    let response = try send(Molto2Commands.deleteSeed(profile: profile), as: .deleteSeed, change)
    switch Molto2Status(response.status) {
    case .success: confirmed.append(change)
    case .slotEmpty where tolerateEmpty: break
    case .slotEmpty: throw .slotEmpty(profile: profile, state: state)
    default: throw failure(.deleteSeed, response.status)
    }
  }

  /// Sends one write built by `build` and records `change` when the token confirms it.
  func write(
    _ kind: Molto2Command, _ change: Molto2Change,
    build: () throws(Molto2Failure) -> CommandAPDU
  ) throws(Molto2Failure) {
    let response = try send(try build(), as: kind, change)
    guard response.status.isSuccess else { throw failure(kind, response.status) }
    confirmed.append(change)
  }

  /// The host's time as the token's clock field.
  func hostTime() throws(Molto2Failure) -> UInt32 {
    let now = clock()
    guard let time = UInt32(exactly: now) else { throw .hostClockOutOfRange(now) }
    return time
  }

  func report(_ identity: Molto2Identity) -> Molto2Report {
    Molto2Report(identity: identity, changes: confirmed, apduCount: apduCount)
  }

  /// Runs a command builder, turning a host crypto failure into `internalError`.
  func crypto<T>(_ body: () throws(CryptoError) -> T) throws(Molto2Failure) -> T {
    do {
      return try body()
    } catch {
      throw .internalError(error.description, state: state)
    }
  }

  // A status word other than success, as the failure of `kind`.
  private func failure(_ kind: Molto2Command, _ status: StatusWord) -> Molto2Failure {
    switch Molto2Status(status) {
    case .awaitingConfirmation: .awaitingConfirmation(command: kind, state: state)
    default: .unexpectedStatus(command: kind, status: status, state: state)
    }
  }

  // Sends one command; a broken link becomes `linkLost` with `change` in doubt.
  private func send(_ command: CommandAPDU, as kind: Molto2Command, _ change: Molto2Change? = nil)
    throws(Molto2Failure) -> ResponseAPDU
  {
    do {
      return try exchange(command)
    } catch {
      throw .linkLost(
        during: kind, cause: error, state: Molto2State(confirmed: confirmed, inDoubt: change))
    }
  }

  private func exchange(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    apduCount += 1
    return try ResponseContinuation.transmit(command, over: transport, resendingOnWrongLength: true)
  }
}
