import OTP
import TokenCrypto

/// Turns the text of a secret source into key bytes and, for URIs, their parameters.
///
/// Wrong inputs (the token's own serial barcode, a Microsoft push QR, a passkey QR, a web
/// link) are explained with the classifier's sentence instead of "invalid secret".
public enum SecretInterpreter {
  /// - Parameters:
  ///   - expectURI: `true` for `--uri-stdin`, `false` for `--secret-stdin`, `nil` to accept
  ///     either (files and environment variables).
  ///   - pick: 1-based entry of a multi-account export.
  public static func interpret(_ text: String, expectURI: Bool?, pick: Int?) throws(SourceFailure)
    -> LoadedSecret
  {
    let classified = InputClassifier.classify(text)
    switch classified {
    case .otpauth(.success(let uri)):
      if expectURI == false { throw mismatch("an otpauth URI", use: "--uri-stdin") }
      return LoadedSecret(
        secret: uri.secret, type: uri.type, algorithm: uri.algorithm, digits: uri.digits,
        period: uri.period, issuer: uri.issuer, account: uri.account)
    case .migration(.success(let payload)):
      if expectURI == false { throw mismatch("an export URI", use: "--uri-stdin") }
      return try entry(of: payload, pick: pick)
    case .base32Secret(.success(let secret)), .hexSecret(.success(let secret)):
      if expectURI == true { throw mismatch("a bare secret", use: "--secret-stdin") }
      return LoadedSecret(secret: secret)
    case .text where expectURI != true:
      // Short or mixed-case keys are not confidently Base32 for the classifier; a pasted secret
      // source still deserves a decode attempt and a precise reason.
      do {
        return LoadedSecret(secret: try SecretText.parse(text))
      } catch {
        throw SourceFailure("the secret cannot be read: \(error)", kind: .badData)
      }
    default:
      throw SourceFailure(classified.explanation, kind: .badData)
    }
  }

  private static func mismatch(_ what: String, use option: String) -> SourceFailure {
    SourceFailure("the input is \(what); read it with \(option)", kind: .usage)
  }

  private static func entry(of payload: MigrationPayload, pick: Int?) throws(SourceFailure)
    -> LoadedSecret
  {
    let entries = payload.entries
    guard !entries.isEmpty else {
      throw SourceFailure("the export holds no accounts", kind: .badData)
    }
    let listing = entries.enumerated().map { index, entry in
      "  \(index + 1). \(entry.account)"
    }.joined(separator: "\n")
    guard let pick else {
      if entries.count == 1 { return loaded(entries[0]) }
      throw SourceFailure(
        "the export holds \(entries.count) accounts; choose one with --pick N:\n\(listing)",
        kind: .usage)
    }
    guard pick <= entries.count else {
      throw SourceFailure(
        "--pick \(pick) is past the \(entries.count) accounts of the export:\n\(listing)",
        kind: .usage)
    }
    return loaded(entries[pick - 1])
  }

  private static func loaded(_ entry: MigrationEntry) -> LoadedSecret {
    let type: OTPType? =
      switch entry.type {
      case .totp: .totp
      case .hotp: .hotp
      default: nil
      }
    return LoadedSecret(
      secret: entry.secret, type: type, algorithm: entry.algorithm, digits: entry.digits,
      period: 30, issuer: entry.issuer.isEmpty ? nil : entry.issuer, account: entry.name)
  }
}
