/// The screens of the wizard, in the order the operator meets them (PRODUCT.md "The wizard").
public enum WizardStep: Int, Equatable, Comparable, Sendable, CaseIterable {
  /// Enroll from the service's QR code or key, or generate a new key.
  case task
  /// The user's ID and the service's name.
  case userAndService
  /// Where the key comes from: an image, pasted text, or generated.
  case secret
  /// The live reader list, and the token on the chosen reader.
  case reader
  /// Progress of the burn, then its result.
  case burn
  /// Generate flow only: the otpauth QR code and the Base32 key for the service.
  case serviceKey
  /// Previous, current and next codes, and the operator's comparison.
  case confirm
  /// Ten backup codes to print, save or write down.
  case backupCodes
  /// Summary; nothing secret is shown any more.
  case done
  /// Replace-lost task only: the user's active token found in the registry, the reason it was
  /// lost, and marking it lost (its backup codes are revoked).
  case lostToken
  /// Verify-code task only: the user's ID, the typed backup code (masked), and the verdict.
  case verifyCode
  /// Only while the vault is initialised: keep the key in the vault (for a same-secret
  /// replacement later), unlocking it with the passphrase.
  case vault
  /// Register task only: the token's serial (typed, or read from a photo of its label) and the
  /// vault passphrase that opens its imported seed.
  case factoryToken

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which job the operator chose on the task step.
public enum WizardFlow: Equatable, Sendable, CaseIterable {
  /// The service shows a QR code or a key; burn that.
  case enroll
  /// No QR exists; generate a key, burn it and show it for the service's 2FA user manager.
  case generate
  /// A user offers a backup code; check it against the registry (it is used up if good).
  case verifyCode

  /// A user lost their token: mark it lost in the registry, then enroll a new one for them.
  case replaceLost
  /// Read a token first (its clock drift), then burn it again with a key from the operator.
  case reburn
  /// A token that cannot be programmed: look its imported factory seed up by serial, show the
  /// key for the services, confirm the token's code, record it and issue backup codes.
  case registerFactory

  /// The steps this flow walks through, in order. `.vault` is among them only while the vault
  /// is initialised; `WizardState.steps` leaves it out otherwise.
  public var steps: [WizardStep] {
    let burnSteps: [WizardStep] = [.secret, .vault, .reader, .burn]
    let closing: [WizardStep] = [.confirm, .backupCodes, .done]
    switch self {
    case .enroll: return [.task, .userAndService] + burnSteps + closing
    case .generate: return [.task, .userAndService] + burnSteps + [.serviceKey] + closing
    case .verifyCode: return [.task, .verifyCode]
    case .replaceLost: return [.task, .userAndService, .lostToken] + burnSteps + closing
    case .reburn: return [.task, .userAndService, .reader, .secret, .vault, .burn] + closing
    case .registerFactory: return [.task, .userAndService, .factoryToken, .serviceKey] + closing
    }
  }
}

/// How the key is entered on the secret step of the enroll flow.
public enum SecretMethod: Equatable, Sendable, CaseIterable {
  /// A screenshot or photo of the service's QR code.
  case image
  /// An otpauth URI or a Base32 key typed or pasted in.
  case paste
  /// Replace-lost task only, when the vault keeps the lost token's key: the same key again.
  case vault
}

/// The text field that has the keyboard on the user-and-service step.
public enum IdentityField: Equatable, Sendable {
  /// The user's ID.
  case user
  /// The service's name.
  case service
}

/// The text field that has the keyboard on the factory-token step.
public enum FactoryField: Equatable, Sendable {
  /// The token's serial, or the path of a photo of its label.
  case serial
  /// The vault passphrase.
  case passphrase
}
