import OTP
import Token2
import TokenCrypto

/// A key the token can hold, with the parameters to burn and where it came from. Exists only
/// after validation: never a half-parsed URI.
public struct Credential: Equatable, Sendable {
  /// Where the key came from.
  public enum Origin: Equatable, Sendable {
    /// A QR code in this image file.
    case image(path: String)
    /// Typed or pasted text.
    case pasted
    /// Drawn from the system's random source by this wizard.
    case generated
    /// The key the vault kept for the lost enrollment.
    case vault(enrollmentID: Int64)
    /// The imported factory seed of the token.
    case factorySeed(serial: String)
  }

  /// The key.
  public var secret: Secret
  /// Hash, digits and period of the codes.
  public var parameters: TOTPParameters
  /// The service named by the URI, if any.
  public var issuer: String?
  /// The account named by the URI, if any.
  public var account: String?
  /// Where the key came from.
  public var origin: Origin
  /// Things to know that do not stop the burn (short key).
  public var warnings: [String]

  /// The token's hash setting; SHA-1 or SHA-256 by construction.
  public var tokenAlgorithm: Token2Algorithm { Token2Algorithm(parameters.algorithm) ?? .sha1 }
  /// The token's step setting; 30 or 60 s by construction.
  public var tokenPeriod: Token2Period { Token2Period(rawValue: parameters.period) ?? .seconds30 }

  /// The otpauth URI for a service's user manager or an authenticator app. Secret material.
  public func uri(user: String, service: String) -> OTPAuthURI {
    OTPAuthURI(
      issuer: service.isEmpty ? issuer : service, account: user.isEmpty ? (account ?? "") : user,
      secret: secret, algorithm: OTPAlgorithmName(parameters.algorithm), digits: parameters.digits,
      period: parameters.period)
  }
}

extension OTPAlgorithmName {
  /// The URI name of `hash`.
  init(_ hash: HashAlgorithm) {
    switch hash {
    case .sha1: self = .sha1
    case .sha256: self = .sha256
    case .sha512: self = .sha512
    }
  }
}

/// Turns a QR payload or pasted text into a credential, or an operator sentence saying why not.
enum CredentialReader {
  static let capabilities = TokenCapabilities.token2SingleProfile

  /// Classifies `text` and checks it against the token's capabilities.
  static func read(_ text: String, origin: Credential.Origin) -> Result<Credential, DriverFailure> {
    let input = InputClassifier.classify(text)
    switch input {
    case .otpauth(.success(let uri)):
      return credential(
        capabilities.check(uri), issuer: uri.issuer, account: uri.account, origin: origin)
    case .base32Secret(.success(let secret)), .hexSecret(.success(let secret)):
      let check = capabilities.check(
        type: .totp, algorithm: .sha1, digits: 6, period: 30, secret: secret)
      return credential(check, issuer: nil, account: nil, origin: origin)
    case .migration(.success(let payload)):
      guard payload.entries.count == 1, let entry = payload.entries.first else {
        return .failure(
          .unusableKey(
            "This is a Google Authenticator export with \(payload.entries.count) accounts. "
              + "Export only the account to burn, then use that QR code."))
      }
      return credential(
        capabilities.check(entry), issuer: entry.issuer.isEmpty ? nil : entry.issuer,
        account: entry.account, origin: origin)
    default:
      return .failure(.unusableKey(input.explanation))
    }
  }

  /// The first payload of an image that makes a credential, or why none does.
  static func read(payloads: [String], path: String) -> Result<Credential, DriverFailure> {
    guard !payloads.isEmpty else {
      return .failure(.unusableKey("No QR code was found in \(path)."))
    }
    var firstFailure: DriverFailure?
    for payload in payloads {
      switch read(payload, origin: .image(path: path)) {
      case .success(let credential): return .success(credential)
      case .failure(let failure): firstFailure = firstFailure ?? failure
      }
    }
    return .failure(firstFailure ?? .unusableKey("No usable QR code in \(path)."))
  }

  private static func credential(
    _ check: CapabilityCheck, issuer: String?, account: String?, origin: Credential.Origin
  ) -> Result<Credential, DriverFailure> {
    switch check {
    case .burnable(let plan):
      return .success(
        Credential(
          secret: plan.secret, parameters: plan.totpParameters, issuer: issuer,
          account: account, origin: origin, warnings: plan.warnings.map(\.description)))
    case .unsupported(let problems):
      let reasons = problems.map(\.description).joined(separator: " ")
      return .failure(.unusableKey("The token cannot hold this key. \(reasons)"))
    }
  }
}
