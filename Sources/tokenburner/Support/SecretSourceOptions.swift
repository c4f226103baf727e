import ArgumentParser
import Foundation
import OTP
import SecretSources
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
    let chosen: SecretSource
    if uriStdin {
      chosen = .uriStdin
    } else if secretStdin {
      chosen = .secretStdin
    } else if let secretFile {
      chosen = .file(secretFile)
    } else if let secretEnv {
      chosen = .environment(ProcessInfo.processInfo.environment[secretEnv])
    } else if let image {
      chosen = .image(image)
    } else {
      throw OperatorError("no secret source given", status: .usage)
    }
    do {
      return try chosen.load(pick: pick)
    } catch {
      throw FailureMapping.operatorError(error)
    }
  }
}
