import ImagePayloads
import OTP

/// `--image PATH` as a secret source: the image's codes go through the same interpretation
/// as the other sources. When the image holds several accounts — several otpauth codes, an
/// export batch, or both — they are numbered in order and `--pick N` chooses one; the list
/// shows names only, never secrets.
public enum ImageSecretSource {
  public static func load(_ path: String, pick: Int?) throws(SourceFailure) -> LoadedSecret {
    let image: ImageCodes
    do {
      image = try ImageCodes.scan(path)
    } catch {
      throw SourceFailure(error.description, kind: .badData)
    }
    let usable = image.codes.filter(\.holdsSecret)
    if usable.isEmpty {
      let reasons = image.codes.map { code in
        code.text == nil
          ? "the QR code holds \(code.byteCount) bytes of binary data, not text."
          : code.classified.explanation
      }
      let joined = Array(Set(reasons)).sorted().joined(separator: " ")
      throw SourceFailure("\(path): \(joined)", kind: .badData)
    }
    if usable.count == 1, let text = usable[0].text {
      return try SecretInterpreter.interpret(text, expectURI: nil, pick: pick)
    }
    let choices = accounts(in: usable)
    let listing = choices.enumerated().map { "  \($0.offset + 1). \($0.element.label)" }
      .joined(separator: "\n")
    guard let pick else {
      throw SourceFailure(
        "\(path) holds \(choices.count) accounts in \(usable.count) QR codes; choose one with "
          + "--pick N:\n\(listing)", kind: .usage)
    }
    guard pick <= choices.count else {
      throw SourceFailure(
        "--pick \(pick) is past the \(choices.count) accounts in \(path):\n\(listing)",
        kind: .usage)
    }
    let choice = choices[pick - 1]
    return try SecretInterpreter.interpret(choice.text, expectURI: nil, pick: choice.entry)
  }

  /// One account an operator can pick: which payload, and which entry of an export.
  private struct Account {
    var label: String
    var text: String
    var entry: Int?
  }

  private static func accounts(in codes: [ImageCodes.Code]) -> [Account] {
    codes.flatMap { code -> [Account] in
      guard let text = code.text else { return [] }
      switch code.classified {
      case .otpauth(.success(let uri)):
        let name = [uri.issuer ?? "", uri.account].filter { !$0.isEmpty }
        return [Account(label: name.joined(separator: ": "), text: text, entry: nil)]
      case .migration(.success(let payload)):
        return payload.entries.enumerated().map { index, entry in
          let name = [entry.issuer, entry.account].filter { !$0.isEmpty }
          return Account(
            label: name.joined(separator: ": ") + " (export entry \(index + 1))", text: text,
            entry: index + 1)
        }
      case .base32Secret(.success(let secret)), .hexSecret(.success(let secret)):
        return [Account(label: "a bare \(secret.count)-byte key", text: text, entry: nil)]
      default:
        return []
      }
    }
  }
}
