/// What the command line hands the wizard: `--reader`, `--image`, `--user`, `--service`.
public struct WizardOptions: Equatable, Sendable {
  /// Reader name or a case-insensitive part of it.
  public var readerName: String?
  /// An image with the service's QR code, decoded at start.
  public var imagePath: String?
  /// The user's ID.
  public var user: String?
  /// The service's name.
  public var service: String?

  /// Options as given; `nil` means not given.
  public init(
    readerName: String? = nil, imagePath: String? = nil, user: String? = nil,
    service: String? = nil
  ) {
    self.readerName = readerName
    self.imagePath = imagePath
    self.user = user
    self.service = service
  }
}

/// A message shown under the current screen until the operator acts again.
public struct Notice: Equatable, Sendable {
  /// How it is shown.
  public enum Kind: Equatable, Sendable {
    /// Something worked.
    case success
    /// Worth reading; nothing stopped.
    case warning
    /// Something did not work; the sentence says what to do.
    case error
  }

  /// How it is shown.
  public var kind: Kind
  /// One or two operator sentences; never a secret.
  public var text: String

  /// A notice of `kind` saying `text`.
  public init(_ kind: Kind, _ text: String) {
    self.kind = kind
    self.text = text
  }
}
