import OTP

/// The text parsers: every input is also tried as (lossily decoded) UTF-8 text, the way a QR
/// payload or a pasted line reaches them.
enum TextTargets {
  static func otpauth(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = InputClassifier.classify(text)
    _ = try? SecretText.parse(text)
    guard let uri = try? OTPAuthURI.parse(text) else { return }
    // A parsed URI prints a URI that parses back to the same account.
    let reparsed = try? OTPAuthURI.parse(uri.uriString)
    precondition(reparsed != nil, "a parsed otpauth URI printed an unparsable URI")
    precondition(
      reparsed?.secret.revealedBytes() == uri.secret.revealedBytes(),
      "the secret changed in a parse/print/parse round trip")
  }

  static func migration(_ bytes: [UInt8]) {
    _ = try? MigrationPayload.decode(protobuf: bytes)
    _ = try? MigrationPayload.parse(String(decoding: bytes, as: UTF8.self))
    _ = InputClassifier.classify(String(decoding: bytes, as: UTF8.self))
  }

  static func base32(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    if let decoded = try? Base32.decode(text) {
      precondition(
        (try? Base32.decode(Base32.encode(decoded))) == decoded,
        "Base32 did not round-trip a decoded value")
    }
    _ = try? Base32.decode(text, canonical: true)
    // Any bytes survive encode, pad and decode, grouped or not.
    let encoded = Base32.encode(bytes, padded: true)
    precondition((try? Base32.decode(encoded, canonical: true)) == bytes, "canonical round trip")
    precondition((try? Base32.decode(Base32.grouped(encoded))) == bytes, "grouped round trip")
  }
}
