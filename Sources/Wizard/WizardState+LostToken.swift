/// The lost-token step of the replace-lost task: find the user's token, mark it lost, go on
/// to the enroll steps for the new token (its record links to the lost one).
extension WizardState {
  mutating func lostTokenKey(_ action: UserAction) -> [WizardEffect] {
    guard !lostToken.isLooking, !lostToken.isMarking else { return [] }
    switch action {
    case .back:
      return go(to: .userAndService)
    case .insert(let text) where lostToken.token != nil && !lostToken.isMarked:
      notice = nil
      lostToken.reason.insert(text)
    case .deleteBackward where !lostToken.isMarked:
      lostToken.reason.deleteBackward()
    case .next:
      return lostTokenNext()
    default:
      break
    }
    return []
  }

  private mutating func lostTokenNext() -> [WizardEffect] {
    if lostToken.isMarked { return go(to: .secret) }
    guard let token = lostToken.token else { return findTokenToReplace() }
    guard !lostToken.reason.text.isBlank else {
      notice = Notice(.error, "Say how the token was lost, e.g. \"left on a train\".")
      return []
    }
    lostToken.isMarking = true
    notice = nil
    return [.markLost(enrollmentID: token.enrollmentID, reason: lostToken.reason.text)]
  }

  /// Asks the registry for the user's token, unless it is known or already marked lost.
  mutating func findTokenToReplace() -> [WizardEffect] {
    guard !lostToken.isMarked, !lostToken.isLooking else { return [] }
    lostToken.token = nil
    lostToken.lookupFailure = nil
    lostToken.isLooking = true
    let service = service.text.isBlank ? nil : service.text
    return [.findTokenToReplace(user: user.text, service: service)]
  }

  mutating func tokenToReplaceFound(_ result: Result<TokenToReplace, ReplaceLookupFailure>)
    -> [WizardEffect]
  {
    guard step == .lostToken, lostToken.isLooking else { return [] }
    lostToken.isLooking = false
    switch result {
    case .success(let token):
      lostToken.token = token
      if service.isEmpty, let name = token.service { service.set(name) }
    case .failure(let failure):
      lostToken.lookupFailure = failure
      switch failure {
      case .unknownUser:
        notice = Notice(
          .error, "The registry has no token for \(user.text). Esc to correct the user.")
      case .noActiveToken:
        notice = Notice(
          .error, "\(user.text) has no active token\(serviceText) to replace. Esc to go back.")
      case .severalTokens(let services):
        identityFocus = .service
        notice = Notice(
          .error,
          "\(user.text) has several active tokens (\(services.joined(separator: ", "))): "
            + "enter the service.")
        step = .userAndService
      case .registry(let message):
        notice = Notice(
          .error, "The registry could not answer: \(message) Press Enter to try again.")
      }
    }
    return []
  }

  mutating func tokenMarkedLost(_ result: Result<TokenToReplace, DriverFailure>) -> [WizardEffect] {
    guard step == .lostToken, lostToken.isMarking else { return [] }
    lostToken.isMarking = false
    switch result {
    case .success(let token):
      lostToken.isMarked = true
      let kept = offersVaultKey ? " The vault keeps its key: the next step offers it." : ""
      notice = Notice(
        .success,
        "Token \(token.serial) is marked lost; its backup codes no longer work.\(kept) "
          + "Press Enter to burn the new token.")
    case .failure(let failure):
      notice = Notice(
        .error, "The token was not marked lost: \(failure.message) Press Enter to try again.")
    }
    return []
  }

  private var serviceText: String { service.text.isBlank ? "" : " for \(service.text)" }
}
