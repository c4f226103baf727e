import Foundation
import OTP

/// Hides the secret parts of a scanned payload before it is printed.
///
/// For URIs only the query parameters known to be harmless (`issuer`, `algorithm`, `digits`,
/// `period`, `counter`) keep their values; every other value — `secret=`, an export's
/// `data=`, anything unknown — becomes `<redacted>`. A payload that is itself a key (Base32 or
/// hex) is replaced whole.
public enum PayloadRedaction {
  public static let placeholder = "<redacted>"
  private static let harmless: Set<String> = ["issuer", "algorithm", "digits", "period", "counter"]

  /// `payload` as it may be shown, given how the classifier read it.
  public static func redact(_ payload: String, kind: ClassifiedInput) -> String {
    switch kind {
    case .otpauth, .migration:
      return redactQuery(payload)
    case .base32Secret, .hexSecret:
      return placeholder
    case .phonefactor, .fido, .url, .token2Serial, .text:
      return payload
    }
  }

  private static func redactQuery(_ uri: String) -> String {
    guard let mark = uri.firstIndex(of: "?") else { return uri }
    let pieces = uri[uri.index(after: mark)...].split(
      separator: "&", omittingEmptySubsequences: false)
    let kept = pieces.map { piece -> String in
      guard let equals = piece.firstIndex(of: "=") else {
        return piece.isEmpty ? "" : placeholder
      }
      let name = piece[..<equals]
      let decoded = (String(name).removingPercentEncoding ?? String(name)).lowercased()
      return harmless.contains(decoded) ? String(piece) : "\(name)=\(placeholder)"
    }
    return String(uri[...mark]) + kept.joined(separator: "&")
  }
}
