import OTP
import Token2

/// The task and user-and-service steps.
extension WizardState {
  mutating func taskKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .moveUp, .moveDown:
      let flows = WizardFlow.allCases
      let index = flows.firstIndex(of: flow) ?? 0
      let offset = action == .moveDown ? 1 : flows.count - 1
      flow = flows[(index + offset) % flows.count]
      return []
    case .choose(let number) where (1...WizardFlow.allCases.count).contains(number):
      flow = WizardFlow.allCases[number - 1]
      return go(to: firstStep(of: flow))
    case .next:
      return go(to: firstStep(of: flow))
    default:
      return []
    }
  }

  /// The step after the task step for `flow`.
  private func firstStep(of flow: WizardFlow) -> WizardStep {
    flow == .verifyCode ? .verifyCode : .userAndService
  }

  mutating func identityKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .insert(let text):
      notice = nil
      if identityFocus == .user { user.insert(text) } else { service.insert(text) }
    case .deleteBackward:
      if identityFocus == .user { user.deleteBackward() } else { service.deleteBackward() }
    case .nextField, .moveDown, .moveUp:
      identityFocus = identityFocus == .user ? .service : .user
    case .back:
      return go(to: .task)
    case .next:
      return identityNext()
    default:
      break
    }
    return []
  }

  private mutating func identityNext() -> [WizardEffect] {
    if identityFocus == .user && service.isEmpty && !user.isEmpty && flow != .replaceLost {
      identityFocus = .service
      return []
    }
    guard !user.text.isBlank else {
      identityFocus = .user
      notice = Notice(.error, "Enter the user's ID (login name or e-mail address).")
      return []
    }
    if flow == .replaceLost { return go(to: .lostToken) }
    guard !service.text.isBlank else {
      identityFocus = .service
      notice = Notice(.error, "Enter the service's name, e.g. Atlassian or Jira.")
      return []
    }
    switch flow {
    case .reburn: return go(to: .reader)
    case .registerFactory: return go(to: .factoryToken)
    default: return go(to: .secret)
    }
  }
}

extension String {
  /// Whether the string holds nothing but whitespace.
  var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
