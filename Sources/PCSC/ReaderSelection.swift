import SmartCard

/// Why no single reader could be chosen. Each case carries the names the operator needs to
/// pick one with `--reader NAME`.
public enum ReaderSelectionError: Error, Equatable, Sendable {
  /// pcscd knows no reader at all.
  case noReaders
  /// `--reader NAME` matched none of the readers.
  case noMatch(requested: String, available: [String])
  /// More than one reader fits: with a name, every reader it matches; without one, every
  /// reader that holds a card.
  case ambiguous(requested: String?, candidates: [String])
  /// No name was given and no reader holds a card.
  case noCard(readers: [String])

  /// One sentence for the operator, listing reader names where they help.
  public var operatorMessage: String {
    switch self {
    case .noReaders:
      return "No smart card reader is connected; plug in the NFC reader."
    case .noMatch(let requested, let available):
      return "No reader matches \"\(requested)\"; connected readers: \(Self.list(available))."
    case .ambiguous(let requested?, let candidates):
      return "\"\(requested)\" matches several readers: \(Self.list(candidates)); "
        + "give more of the name with --reader."
    case .ambiguous(nil, let candidates):
      return "Several readers hold a card: \(Self.list(candidates)); choose one with --reader NAME."
    case .noCard(let readers):
      return "No token on any reader (\(Self.list(readers))): switch the token on, "
        + "then lay it flat on the reader."
    }
  }

  /// The transport-level meaning, for callers that report every failure the same way.
  public var cardFailure: CardFailure {
    switch self {
    case .noCard: .noCard
    default: .readerUnavailable(operatorMessage)
    }
  }

  private static func list(_ names: [String]) -> String {
    names.map { "\"\($0)\"" }.joined(separator: ", ")
  }
}

/// Picks the reader to use, the way `--reader NAME` is specified in PRODUCT.md.
public enum ReaderSelection {
  /// Chooses one reader from `readers`.
  ///
  /// With `name`: an exact name wins (case-sensitive first, then ignoring case); otherwise the
  /// name is a case-insensitive substring. When it matches several readers and exactly one of
  /// them holds a card, that one is taken (vpcd always offers two slots with a common prefix).
  /// A named reader is returned even without a card, so the caller can wait for the token.
  ///
  /// Without `name` (or with a blank one): the single reader that holds a card.
  public static func choose(
    from readers: [ReaderState], named name: String?
  ) throws(ReaderSelectionError) -> ReaderState {
    guard !readers.isEmpty else { throw .noReaders }
    let wanted = name?.trimmingSpaces ?? ""
    if wanted.isEmpty {
      let holding = readers.filter(\.card.holdsCard)
      switch holding.count {
      case 1: return holding[0]
      case 0: throw .noCard(readers: readers.map(\.name))
      default: throw .ambiguous(requested: nil, candidates: holding.map(\.name))
      }
    }
    if let exact = readers.first(where: { $0.name == wanted }) { return exact }
    let folded = wanted.lowercased()
    let sameIgnoringCase = readers.filter { $0.name.lowercased() == folded }
    if sameIgnoringCase.count == 1 { return sameIgnoringCase[0] }
    let matches = readers.filter { $0.name.lowercased().contains(folded) }
    switch matches.count {
    case 0: throw .noMatch(requested: wanted, available: readers.map(\.name))
    case 1: return matches[0]
    default:
      let holding = matches.filter(\.card.holdsCard)
      if holding.count == 1 { return holding[0] }
      throw .ambiguous(requested: wanted, candidates: matches.map(\.name))
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs (no Foundation in this target).
  fileprivate var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
