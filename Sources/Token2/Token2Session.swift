import SmartCard

/// Why a step of a card conversation stopped: the link broke (the caller decides about
/// recovery), or a failure that ends the operation as is.
enum SessionInterruption: Error {
  case link(during: Token2Command, cause: CardFailure)
  case failure(Token2Failure)
}

/// One conversation with a token over a transport: counts APDUs and follows T=0 continuations.
final class Token2Session {
  let transport: any CardTransport
  private(set) var apduCount = 0

  init(transport: any CardTransport) {
    self.transport = transport
  }

  /// Sends one command, counting it.
  func send(_ command: CommandAPDU, as kind: Token2Command) throws(SessionInterruption)
    -> ResponseAPDU
  {
    apduCount += 1
    do {
      // Resending AUTHENTICATE for a `6C XX` would be a second attempt the token may lock on.
      return try ResponseContinuation.transmit(
        command, over: transport, resendingOnWrongLength: kind != .authenticate)
    } catch {
      throw .link(during: kind, cause: error)
    }
  }

  /// Reads GET INFO as the first command of a session (protocol note §4.2). A refusal is
  /// followed by the security-key probe so the operator hears what was tapped.
  ///
  /// - Parameter clock: read when the answer arrives, for the drift.
  func readIdentity(clock: () -> Int64) throws(Token2Failure) -> TokenIdentity {
    let response: ResponseAPDU
    do {
      response = try send(Token2Commands.getInfo(), as: .getInfo)
    } catch {
      switch error {
      case .link(_, let cause): throw cause.isLinkLoss ? .noAnswer(cause) : .cardUnavailable(cause)
      case .failure(let failure): throw failure
      }
    }
    let hostTime = clock()
    guard response.status.isSuccess else {
      if let kind = SecurityKeyProbe.probe(transport, commandCount: &apduCount) {
        throw .securityKeyTapped(kind)
      }
      throw .notAToken(status: response.status)
    }
    do {
      return TokenIdentity(info: try TokenInfo(parsing: response.data), hostTime: hostTime)
    } catch {
      throw .unreadableInfo(error)
    }
  }
}
