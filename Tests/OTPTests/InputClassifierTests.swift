import Foundation
import Testing

@testable import OTP

/// A secret used by the classifier rows, in the forms it may be pasted.
let classifierKey: [UInt8] = Array(0..<20).map { UInt8($0) &* 29 &+ 7 }
let classifierBase32 = Base32.encode(classifierKey)
let classifierHex = classifierKey.map { String(format: "%02x", $0) }.joined()

@Suite struct InputClassifierTests {
  static let rows: [(String, String)] = [
    ("otpauth://totp/Example:alice?secret=\(classifierBase32)&issuer=Example", "otpauth"),
    ("OTPAUTH://TOTP/x?secret=\(classifierBase32)", "otpauth"),
    ("otpauth://totp/x?digits=9&secret=\(classifierBase32)", "otpauth"),
    (migrationURI(samplePayload), "migration"),
    ("otpauth-migration://offline?data=%%%", "migration"),
    (classifierBase32, "base32"),
    (Base32.grouped(classifierBase32.lowercased()), "base32"),
    ("JBSW Y3DP EHPK 3PX0", "base32"),
    ("0x" + classifierHex, "hex"),
    ("0X " + classifierHex.uppercased(), "hex"),
    ("0x12345", "hex"),
    (
      "phonefactor://activate_account?code=123456789&url=https://mobileappcommunicator.auth"
        + ".microsoft.com/activate/123", "phonefactor"
    ),
    ("FIDO:/0123456789012345678901234567890123456789", "fido"),
    ("fido:/1234", "fido"),
    ("https://example.com/setup", "url"),
    ("http://example.com", "url"),
    ("WIFI:S:Office;T:WPA;P:secret;;", "url"),
    ("mailto:help@example.com", "url"),
    ("8659622012345", "serial"),
    ("86596000 1234", "serial"),
    ("865", "text"),
    ("8659612", "serial"),
    ("1234567890123", "text"),
    ("", "text"),
    ("   \n", "text"),
    ("hello", "text"),
    ("Hello World, this is a note", "text"),
    ("MixedCaseWordsThatAreLong", "text"),
  ]

  @Test(arguments: rows)
  func classifies(_ input: String, _ kind: String) {
    let classified = InputClassifier.classify(input)
    #expect(classified.kind == kind)
    #expect(!classified.explanation.isEmpty)
  }

  @Test func decodedContentIsCarried() throws {
    guard case .base32Secret(.success(let secret)) = InputClassifier.classify(classifierBase32)
    else {
      Issue.record("not base32")
      return
    }
    #expect(secret.revealedBytes() == classifierKey)
    guard case .hexSecret(.success(let hex)) = InputClassifier.classify("0x" + classifierHex)
    else {
      Issue.record("not hex")
      return
    }
    #expect(hex.revealedBytes() == classifierKey)
    guard case .hexSecret(.failure(let error)) = InputClassifier.classify("0x12345") else {
      Issue.record("odd hex accepted")
      return
    }
    #expect(error == .oddHexLength(digits: 5))
    guard
      case .base32Secret(.failure(.base32(.invalidCharacter(position: 19)))) =
        InputClassifier.classify("JBSW Y3DP EHPK 3PX0")
    else {
      Issue.record("typo not explained")
      return
    }
    guard case .token2Serial(let serial) = InputClassifier.classify("86596000 1234") else {
      Issue.record("not a serial")
      return
    }
    #expect(serial == "865960001234")
    #expect(InputClassifier.classify("WIFI:S:x;;") == .url(scheme: "wifi"))
  }

  @Test func serialExplanationSaysWhatToDo() {
    #expect(
      InputClassifier.classify("8659622012345").explanation
        == "This is the token's own serial number barcode, not the service's setup QR code. "
        + "Scan the QR code the service shows when you add an authenticator app.")
  }

  @Test(arguments: rows)
  func explanationsNeverContainTheSecret(_ input: String, _ kind: String) {
    let explanation = InputClassifier.classify(input).explanation
    for form in [
      classifierBase32, classifierBase32.lowercased(), classifierHex,
      classifierHex.uppercased(), Base32.grouped(classifierBase32), keyText,
    ] {
      #expect(!explanation.contains(form))
      #expect(!explanation.contains(String(form.prefix(12))))
    }
  }

  @Test func migrationExplanationCountsAccountsAndParts() {
    let explanation = InputClassifier.classify(migrationURI(samplePayload)).explanation
    #expect(explanation.contains("4 accounts"))
    #expect(explanation.contains("QR code 2 of 3"))
  }
}
