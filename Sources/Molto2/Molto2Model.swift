/// The two multi-profile models of family B (protocol note §1, §5.1): same protocol, different
/// slot counts. Profile 0 holds the factory seed on both.
public enum Molto2Model: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
  /// Molto2: slots 0...49.
  case molto2
  /// Molto2v2: slots 0...99.
  case molto2v2

  /// Number of profile slots.
  public var slotCount: Int {
    switch self {
    case .molto2: 50
    case .molto2v2: 100
    }
  }

  /// Valid profile numbers.
  public var profiles: ClosedRange<Int> { 0...(slotCount - 1) }

  /// The product name, e.g. `Molto2v2`.
  public var displayName: String {
    switch self {
    case .molto2: "Molto2"
    case .molto2v2: "Molto2v2"
    }
  }

  public var description: String { displayName }

  /// The model named `name` (`molto2`, `Molto2v2`), case-insensitively.
  public init?(name: String) {
    guard let match = Self.allCases.first(where: { $0.rawValue == name.lowercased() }) else {
      return nil
    }
    self = match
  }

  /// The largest profile number any family-B model has (99).
  public static let highestProfile = 99

  /// The model whose slot count is `count`, `nil` for any other count.
  public init?(slotCount count: Int) {
    guard let match = Self.allCases.first(where: { $0.slotCount == count }) else { return nil }
    self = match
  }

  /// The slot to read to tell the models apart: the first one a Molto2 does not have.
  public static let distinguishingProfile = 50
}
