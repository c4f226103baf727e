import Foundation
import Testing

@testable import OTP

/// Every way a value might be turned into text, for redaction checks.
func renderings<T: Encodable>(_ value: T) throws -> [String] {
  var dumped = ""
  dump(value, to: &dumped)
  let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
  return ["\(value)", String(describing: value), String(reflecting: value), dumped, json]
}

/// Every way a value might be turned into text, for values that are not `Encodable`.
func textRenderings<T>(_ value: T) -> [String] {
  var dumped = ""
  dump(value, to: &dumped)
  return ["\(value)", String(describing: value), String(reflecting: value), dumped]
}

/// The forms in which the key bytes could leak.
func leakForms(_ bytes: [UInt8]) -> [String] {
  let hex = bytes.map { String(format: "%02x", $0) }.joined()
  return [
    hex, hex.uppercased(), Base32.encode(bytes), Base32.encode(bytes).lowercased(),
    Data(bytes).base64EncodedString(), String(decoding: bytes, as: UTF8.self),
    bytes.map(String.init).joined(separator: ", "),
  ]
}

@Suite struct SecretRedactionTests {
  let bytes = Array("12345678901234567890".utf8)

  struct Wrapper: Encodable {
    var label: String
    var secret: Secret
  }

  @Test func secretNeverRendersItsBytes() throws {
    let secret = Secret(bytes)
    let texts = try renderings(secret) + renderings(Wrapper(label: "x", secret: secret))
    for text in texts {
      for form in leakForms(bytes) { #expect(!text.contains(form), "\(text)") }
      #expect(!text.contains("[49, 50"))
    }
    #expect("\(secret)" == "Secret(20 bytes, redacted)")
  }

  @Test func valuesHoldingSecretsNeverRenderThem() throws {
    let uri = OTPAuthURI(issuer: "Example", account: "alice", secret: Secret(bytes))
    let entry = MigrationEntry(secret: Secret(bytes), name: "Example:alice", issuer: "Example")
    let payload = MigrationPayload(entries: [entry])
    let plan = TokenCapabilities.token2SingleProfile.check(uri).plan
    let classified = InputClassifier.classify(uri.uriString)
    let texts =
      textRenderings(uri) + textRenderings(entry) + textRenderings(payload)
      + textRenderings(plan) + textRenderings(classified) + [classified.explanation]
    for text in texts {
      for form in leakForms(bytes) { #expect(!text.contains(form), "\(text)") }
    }
    // The URI text itself does carry the secret: it is what a QR code holds.
    #expect(uri.uriString.contains(Base32.encode(bytes)))
  }

  @Test func errorsNeverRenderTheSecret() {
    let base32 = Base32.encode(bytes)
    let inputs = [
      "otpauth://totp/x?secret=\(base32)&digits=9",
      "otpauth://totp/x?secret=\(base32)&period=0",
      "otpauth://totp/x?secret=\(base32)&secret=\(base32)",
      "otpauth://totp/x?secret=\(base32)1",
      "otpauth://hotp/x?secret=\(base32)",
    ]
    for input in inputs {
      do {
        _ = try OTPAuthURI.parse(input)
        Issue.record("parsed: \(input.prefix(20))")
      } catch {
        for text in textRenderings(error) + [InputClassifier.classify(input).explanation] {
          for form in leakForms(bytes) { #expect(!text.contains(form)) }
        }
      }
    }
  }
}
