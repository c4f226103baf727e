/// The vault as the wizard sees it: whether it exists, the passphrase being typed, and whether
/// the runtime holds its unlocked key. The key itself never enters the wizard's state.
public struct VaultPanel: Equatable, Sendable {
  /// Whether the registry has a vault; learned once at start.
  public internal(set) var availability = VaultAvailability.unknown
  /// The operator chose to keep the burned key in the vault.
  public internal(set) var keepsSecret = false
  /// The passphrase being typed; always shown masked, emptied as soon as it is sent.
  public internal(set) var passphrase = TextField(limit: 1024)
  /// Whether the runtime is unlocking the vault (scrypt takes a moment).
  public internal(set) var isUnlocking = false
  /// Whether the runtime holds the unlocked key for this enrollment.
  public internal(set) var isUnlocked = false

  /// Nothing known yet.
  public init() {}

  /// Whether the vault exists, so that its choices are offered.
  public var isAvailable: Bool { availability == .initialised }
}

/// Whether the registry has an initialised vault.
public enum VaultAvailability: Equatable, Sendable {
  /// Not asked yet.
  case unknown
  /// `tokenburner vault init` has not been run (or the registry does not exist yet).
  case absent
  /// The vault exists; its choices are offered.
  case initialised
  /// The registry could not be read; the sentence says why.
  case unreadable(String)
}
