import OTP

/// The vault is open: the runtime holds its key until the enrollment is recorded.
public struct Unlocked: Equatable, Sendable {
  /// The vault is open.
  public init() {}
}

/// Why the vault did not give what was asked, and whether it is still open. Each `message` is
/// a clause in lower case ending with a full stop ("wrong vault passphrase; nothing was
/// changed."), for notices that lead in with their own words; never contains a secret.
public enum VaultFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// No passphrase was given and no key is held.
  case locked
  /// The passphrase did not open the vault, or the vault could not be read: the registry's
  /// clause. Nothing is held.
  case notUnlocked(String)
  /// The vault is open, but the read failed (no such entry, a damaged one): the registry's
  /// clause. The key stays held.
  case readFailed(String)
  /// The factory token counts events (HOTP); the key stays held.
  case countsEvents(serial: String)
  /// The factory seed uses a hash the registry does not record; the key stays held.
  case algorithmNotRecorded(serial: String, algorithm: String)

  /// Whether the runtime still holds the vault key (a missing serial), or not (a wrong
  /// passphrase, an unreadable vault).
  public var isStillUnlocked: Bool {
    switch self {
    case .locked, .notUnlocked: false
    case .readFailed, .countsEvents, .algorithmNotRecorded: true
    }
  }

  /// The clause.
  public var message: String {
    switch self {
    case .locked: "the vault is locked; type its passphrase."
    case .notUnlocked(let clause), .readFailed(let clause): clause
    case .countsEvents(let serial):
      "token \(serial) counts events (HOTP); only time-based (TOTP) tokens can be registered."
    case .algorithmNotRecorded(let serial, let algorithm):
      "token \(serial) uses \(algorithm), which the registry does not record."
    }
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
