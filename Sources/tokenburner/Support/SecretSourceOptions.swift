import ArgumentParser
import Foundation
import OTP
import TokenCrypto

/// Where a command takes its secret from. Never from argv: every user on the machine can read
/// another process's command line, so the value itself is never an option argument.
struct SecretSourceOptions: ParsableArguments {
  @Flag(help: "Read an otpauth:// URI (or a Google Authenticator export URI) from standard input.")
  var uriStdin = false

  @Flag(help: "Read a secret from standard input: Base32, or hex with a 0x prefix.")
  var secretStdin = false

  @Option(
    help: ArgumentHelp(
      "Read the secret or otpauth URI from a file (first line that is not blank).",
      valueName: "path"))
  var secretFile: String?

  @Option(
    help: ArgumentHelp(
      "Read the secret or otpauth URI from the environment variable with this name.",
      valueName: "name"))
  var secretEnv: String?

  @Option(help: ArgumentHelp("Decode the otpauth QR code in an image file.", valueName: "path"))
  var image: String?

  @Option(
    help: ArgumentHelp(
      "When the input holds several accounts (an export, or an image with several codes), "
        + "use entry N (1-based)."))
  var pick: Int?

  /// How many sources were named; exactly one is allowed.
  var namedSources: [String] {
    var names: [String] = []
    if uriStdin { names.append("--uri-stdin") }
    if secretStdin { names.append("--secret-stdin") }
    if secretFile != nil { names.append("--secret-file") }
    if secretEnv != nil { names.append("--secret-env") }
    if image != nil { names.append("--image") }
    return names
  }

  /// Checks that exactly one source was named (`extra` are command-specific sources such as
  /// `--generate`).
  func validateSingleSource(extra: [String] = []) throws {
    let all = namedSources + extra
    if all.isEmpty {
      throw ValidationError(
        "Name where the secret comes from: --uri-stdin, --secret-stdin, --secret-file PATH, "
          + "--secret-env NAME or --image PATH. Secrets are never accepted as arguments.")
    }
    if all.count > 1 {
      throw ValidationError("Use only one secret source, not \(all.joined(separator: " and ")).")
    }
    if let pick, pick < 1 { throw ValidationError("--pick counts from 1.") }
  }

  /// Reads the named source and interprets it.
  func load() throws(OperatorError) -> LoadedSecret {
    if uriStdin {
      let text = try StandardInput.readText(what: "standard input")
      return try SecretInterpreter.interpret(text, expectURI: true, pick: pick)
    }
    if secretStdin {
      let text = try StandardInput.readText(what: "standard input")
      return try SecretInterpreter.interpret(text, expectURI: false, pick: pick)
    }
    if let secretFile {
      let text = try readFile(secretFile)
      return try SecretInterpreter.interpret(text, expectURI: nil, pick: pick)
    }
    if let secretEnv {
      guard let value = ProcessInfo.processInfo.environment[secretEnv], !value.isEmpty else {
        // The name is not repeated: it may be the secret itself, typed where the name belongs.
        throw OperatorError(
          "the environment variable named by --secret-env is not set or empty", status: .dataError)
      }
      return try SecretInterpreter.interpret(
        value.trimmingCharacters(in: .whitespacesAndNewlines), expectURI: nil, pick: pick)
    }
    if let image {
      return try ImageSecretSource.load(image, pick: pick)
    }
    throw OperatorError("no secret source given", status: .usage)
  }

  private func readFile(_ path: String) throws(OperatorError) -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OperatorError(
        "cannot open secret file \(path): \(String(cString: strerror(errno)))", status: .dataError)
    }
    defer { close(descriptor) }
    var bytes = try StandardInput.readAll(fileDescriptor: descriptor, what: "secret file \(path)")
    defer { SecureBytes.zero(&bytes) }
    let text = try StandardInput.text(from: bytes, what: "secret file \(path)")
    let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    guard !firstLine.isEmpty else {
      throw OperatorError("secret file \(path) is empty", status: .dataError)
    }
    return firstLine
  }
}

/// A secret with whatever the source said about it. A bare secret has no type, algorithm,
/// digits or period: the command's flags and defaults decide them.
struct LoadedSecret {
  /// The key bytes.
  var secret: Secret
  /// From a URI or export; `nil` when unknown (an export entry of an unknown type).
  var type: OTPType? = nil
  var algorithm: OTPAlgorithmName? = nil
  var digits: Int? = nil
  var period: Int? = nil
  /// Issuer and account from a URI, for labels; never secret.
  var issuer: String? = nil
  var account: String? = nil

  /// Whether the parameters came from a URI or export rather than flags.
  var carriesParameters: Bool { period != nil }
}
