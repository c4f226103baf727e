import OTP

/// The vault is open: the runtime holds its key until the enrollment is recorded.
public struct Unlocked: Equatable, Sendable {
  /// The vault is open.
  public init() {}
}

/// Why the vault did not give what was asked, and whether it is still open.
public struct VaultFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// A clause in lower case ending with a full stop ("wrong vault passphrase; nothing was
  /// changed."), for notices that lead in with their own words; never contains a secret.
  public var message: String
  /// Whether the runtime still holds the vault key (a missing serial), or not (a wrong
  /// passphrase, an unreadable vault).
  public var isStillUnlocked: Bool

  /// A failure saying `message`.
  public init(_ message: String, isStillUnlocked: Bool) {
    self.message = message
    self.isStillUnlocked = isStillUnlocked
  }

  public var description: String { message }
}

/// A key kept in the vault: the secret and its settings, decrypted by the runtime.
public struct VaultedKey: Equatable, Sendable {
  /// The key.
  public var secret: Secret
  /// Hash, digits and period of its codes.
  public var parameters: TOTPParameters
  /// The account the enrollment named, if any.
  public var account: String?
  /// The manufacturer named by a factory seed file, if any.
  public var manufacturer: String?

  /// A key with its settings.
  public init(
    secret: Secret, parameters: TOTPParameters, account: String? = nil, manufacturer: String? = nil
  ) {
    self.secret = secret
    self.parameters = parameters
    self.account = account
    self.manufacturer = manufacturer
  }
}
