import OTP
import Token2

/// The reader step: live reader list, identification of the token, then the burn order.
extension WizardState {
  mutating func readerKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .back:
      return go(to: previousStep ?? .secret)
    case .moveUp, .moveDown:
      return moveSelection(by: action == .moveUp ? -1 : 1)
    case .choose(let number) where readerPanel.readers.indices.contains(number - 1):
      return select(readerPanel.readers[number - 1].name)
    case .retry:
      readerPanel.failure = nil
      readerPanel.identity = nil
      readerPanel.identifiedReader = nil
      return identifySelectedIfNeeded()
    case .allowUnknownModel:
      guard readerPanel.identity != nil, readerPanel.identity?.model == nil else { return [] }
      readerPanel.allowsUnknownModel = true
      return []
    case .next where flow == .reburn && credential == nil:
      guard readerPanel.identity != nil else {
        notice = Notice(.error, "Wait until the token's serial number shows, then press Enter.")
        return []
      }
      return go(to: .secret)
    case .next:
      return startBurn()
    default:
      return []
    }
  }

  private mutating func moveSelection(by delta: Int) -> [WizardEffect] {
    let names = readerPanel.readers.map(\.name)
    guard !names.isEmpty else { return [] }
    let current = names.firstIndex { $0 == readerPanel.selected } ?? 0
    let next = (current + delta + names.count) % names.count
    return select(names[next])
  }

  private mutating func select(_ name: String) -> [WizardEffect] {
    guard name != readerPanel.selected else { return [] }
    readerPanel.selected = name
    readerPanel.identity = nil
    readerPanel.failure = nil
    readerPanel.identifiedReader = nil
    return identifySelectedIfNeeded()
  }

  /// Asks for GET INFO when the selected reader holds a card that has not been read yet.
  mutating func identifySelectedIfNeeded() -> [WizardEffect] {
    guard step == .reader, let entry = readerPanel.selectedEntry, entry.hasCard,
      readerPanel.identifying == nil, readerPanel.identifiedReader != entry.name
    else { return [] }
    readerPanel.identifying = entry.name
    return [.identifyToken(reader: entry.name)]
  }

  mutating func readersChanged(_ readers: [ReaderEntry]) -> [WizardEffect] {
    let before = readerPanel.selectedEntry
    readerPanel.readers = readers
    readerPanel.hasListed = true
    readerPanel.serviceProblem = nil
    if readerPanel.selectedEntry == nil { readerPanel.selected = preferredReader(in: readers) }
    let after = readerPanel.selectedEntry
    if after?.hasCard != true || before?.name != after?.name {
      // The token left or another reader took over: what was read no longer applies.
      readerPanel.identity = nil
      readerPanel.failure = nil
      readerPanel.identifiedReader = nil
      readerPanel.allowsUnknownModel = false
    }
    return identifySelectedIfNeeded()
  }

  /// `--reader` when it matches, else the first reader holding a card, else the first reader.
  private func preferredReader(in readers: [ReaderEntry]) -> String? {
    if let wanted = options.readerName?.lowercased(), !wanted.isEmpty {
      let named = readers.filter { $0.name.lowercased().contains(wanted) }
      if let match = named.first(where: \.hasCard) ?? named.first { return match.name }
    }
    return (readers.first(where: \.hasCard) ?? readers.first)?.name
  }

  mutating func serviceFailed(_ message: String) -> [WizardEffect] {
    readerPanel.serviceProblem = message
    readerPanel.readers = []
    readerPanel.hasListed = true
    readerPanel.identity = nil
    readerPanel.identifiedReader = nil
    return []
  }

  mutating func identified(_ reader: String, _ result: Result<TokenIdentity, Token2Failure>)
    -> [WizardEffect]
  {
    guard readerPanel.identifying == reader else { return [] }
    readerPanel.identifying = nil
    // The operator moved to another reader meanwhile: read that one instead.
    guard step == .reader, readerPanel.selected == reader else { return identifySelectedIfNeeded() }
    readerPanel.identifiedReader = reader
    switch result {
    case .success(let identity):
      readerPanel.identity = identity
      readerPanel.failure = nil
    case .failure(let failure):
      readerPanel.identity = nil
      readerPanel.failure = failure
    }
    return []
  }

  mutating func startBurn() -> [WizardEffect] {
    guard let credential, let identity = readerPanel.identity, let reader = readerPanel.selected
    else {
      notice = Notice(.error, "Wait until the token's serial number shows, then press Enter.")
      return []
    }
    guard readerPanel.isReadyToBurn else {
      notice = Notice(
        .error,
        identity.model == nil
          ? "This serial prefix is not a known Token2 model. Press U to burn it anyway."
          : "The token left the reader. Lay it flat on the reader again.")
      return []
    }
    burn = BurnProgress()
    burn.isRunning = true
    let order = BurnOrder(
      reader: reader, expectedSerial: identity.serial, secret: credential.secret,
      algorithm: credential.tokenAlgorithm, period: credential.tokenPeriod,
      allowUnknownModel: readerPanel.allowsUnknownModel)
    return go(to: .burn) + [.burn(order)]
  }
}
