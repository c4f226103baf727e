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
