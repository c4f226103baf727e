import Foundation
import OTP
import TokenCrypto

/// Where a command's secret comes from: standard input, a file, an environment variable's value
/// or an image; never an argument (every user on the machine can read a process's command line).
public enum SecretSource: Equatable {
  /// An otpauth:// URI (or an export URI) on standard input.
  case uriStdin
  /// A bare secret (Base32, or hex with 0x) on standard input.
  case secretStdin
  /// The first line of this file that is not blank: a secret or a URI.
  case file(String)
  /// The value of the environment variable the operator named (`nil` when it is not set).
  case environment(String?)
  /// The QR codes in this image.
  case image(String)

  /// Reads the source and interprets it; `pick` chooses among the accounts of an export or an
  /// image holding several.
  public func load(pick: Int?) throws(SourceFailure) -> LoadedSecret {
    switch self {
    case .uriStdin:
      let text = try StandardInput.readText(what: "standard input")
      return try SecretInterpreter.interpret(text, expectURI: true, pick: pick)
    case .secretStdin:
      let text = try StandardInput.readText(what: "standard input")
      return try SecretInterpreter.interpret(text, expectURI: false, pick: pick)
    case .file(let path):
      let text = try Self.firstLine(of: path)
      return try SecretInterpreter.interpret(text, expectURI: nil, pick: pick)
    case .environment(let value):
      guard let value, !value.isEmpty else {
        // The name is not repeated: it may be the secret itself, typed where the name belongs.
        throw SourceFailure(
          "the environment variable named by --secret-env is not set or empty", kind: .badData)
      }
      return try SecretInterpreter.interpret(
        value.trimmingCharacters(in: .whitespacesAndNewlines), expectURI: nil, pick: pick)
    case .image(let path):
      return try ImageSecretSource.load(path, pick: pick)
    }
  }

  private static func firstLine(of path: String) throws(SourceFailure) -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw SourceFailure(
        "cannot open secret file \(path): \(String(cString: strerror(errno)))", kind: .badData)
    }
    defer { close(descriptor) }
    var bytes = try StandardInput.readAll(fileDescriptor: descriptor, what: "secret file \(path)")
    defer { SecureBytes.zero(&bytes) }
    let text = try StandardInput.text(from: bytes, what: "secret file \(path)")
    let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    guard !firstLine.isEmpty else {
      throw SourceFailure("secret file \(path) is empty", kind: .badData)
    }
    return firstLine
  }
}
