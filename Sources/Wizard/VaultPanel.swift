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

/// The register task's token: the serial typed or read from a label, and the seed found.
public struct FactoryTokenPanel: Equatable, Sendable {
  /// The serial, or the path of a photo of the label.
  public internal(set) var serial = TextField(limit: 1024)
  /// The field with the keyboard.
  public internal(set) var focus = FactoryField.serial
  /// The label photo being read.
  public internal(set) var pendingImage: String?
  /// Whether the vault is being asked for the seed.
  public internal(set) var isLookingUp = false
  /// The token whose seed was found; the wizard's credential holds the seed.
  public internal(set) var token: FactoryToken?

  /// Nothing typed yet.
  public init() {}
}

/// A factory-seeded token found in the vault.
public struct FactoryToken: Equatable, Sendable {
  /// The serial, as imported.
  public var serial: String
  /// The manufacturer named by the seed file, if any.
  public var manufacturer: String?

  /// The token `serial` from `manufacturer`.
  public init(serial: String, manufacturer: String?) {
    self.serial = serial
    self.manufacturer = manufacturer
  }
}
