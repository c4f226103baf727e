import ArgumentParser
import Foundation
import OTP
import Registry
import SecretSources
import TokenCrypto

/// Where the vault passphrase comes from: standard input, a file, an environment variable, or
/// a hidden prompt on a terminal. Never an argument (every user can read another's argv).
///
/// With `--passphrase-stdin`, the first line of standard input is the passphrase; commands
/// that need a second one (`vault change-passphrase`) read it from the second line unless
/// `--new-passphrase-file` or `--new-passphrase-env` names another place.
struct PassphraseOptions: ParsableArguments {
  @Flag(help: "Read the vault passphrase from the first line of standard input.")
  var passphraseStdin = false

  @Option(
    help: ArgumentHelp(
      "Read the vault passphrase from the first line of this file.", valueName: "path"))
  var passphraseFile: String?

  @Option(
    help: ArgumentHelp(
      "Read the vault passphrase from this environment variable.", valueName: "name"))
  var passphraseEnv: String?

  /// The named sources, for usage checks.
  var named: [String] {
    [
      passphraseStdin ? "--passphrase-stdin" : nil, passphraseFile.map { _ in "--passphrase-file" },
      passphraseEnv.map { _ in "--passphrase-env" },
    ].compactMap { $0 }
  }

  func validateSingle() throws {
    if named.count > 1 {
      throw ValidationError("Use only one of \(named.joined(separator: ", ")).")
    }
  }

  /// Reads the passphrase (and, for `lines: 2` on stdin, the next line too).
  ///
  /// - Parameter prompt: the label of the hidden prompt when no source was named.
  func read(prompt: String) throws(OperatorError) -> Secret {
    try readLines(count: 1, prompts: [prompt])[0]
  }

  /// Reads `count` passphrases: consecutive lines of stdin, or one per prompt on a terminal.
  func readLines(count: Int, prompts: [String]) throws(OperatorError) -> [Secret] {
    if passphraseStdin {
      return try PassphraseReader.lines(
        try FailureMapping.reading { () throws(SourceFailure) in
          try StandardInput.readAll(fileDescriptor: 0, what: "standard input")
        }, count: count,
        what: "standard input")
    }
    if let passphraseFile {
      return [try PassphraseReader.file(passphraseFile, option: "--passphrase-file")]
    }
    if let passphraseEnv {
      return [try PassphraseReader.environment(passphraseEnv, option: "--passphrase-env")]
    }
    return try prompts.prefix(count).map { prompt throws(OperatorError) in
      try PassphraseReader.prompt(prompt)
    }
  }
}

/// The readers behind `PassphraseOptions`; each returns a `Secret` and zeroes its buffers.
enum PassphraseReader {
  /// The first `count` lines of `bytes` (trailing CR/LF removed), each non-empty.
  static func lines(_ input: [UInt8], count: Int, what: String) throws(OperatorError) -> [Secret] {
    var bytes = input
    defer { SecureBytes.zero(&bytes) }
    var result: [Secret] = []
    var start = 0
    while result.count < count {
      guard start < bytes.count else {
        throw OperatorError(
          count == 1
            ? "no passphrase on \(what)"
            : "\(what) must hold \(count) lines (old passphrase, then new)",
          status: .dataError)
      }
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      var line = Array(bytes[start..<end])
      defer { SecureBytes.zero(&line) }
      if line.last == 0x0D { line.removeLast() }
      guard !line.isEmpty else {
        throw OperatorError("an empty passphrase on \(what)", status: .dataError)
      }
      result.append(Secret(line))
      start = end + 1
    }
    return result
  }

  /// The passphrase in the file at `path`, named by `option` (e.g. `--passphrase-file`).
  ///
  /// Errors name the option, never the path: an operator who typed the passphrase itself
  /// where the path belongs would find it again in the error.
  static func file(_ path: String, option: String) throws(OperatorError) -> Secret {
    let what = "the file named by \(option)"
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OperatorError(
        "cannot open \(what): \(String(cString: strerror(errno)))", status: .dataError)
    }
    defer { close(descriptor) }
    return try lines(
      try FailureMapping.reading { () throws(SourceFailure) in
        try StandardInput.readAll(fileDescriptor: descriptor, what: what)
      },
      count: 1, what: what)[0]
  }

  /// The passphrase in the environment variable `name`, named by `option`; errors name the
  /// option, never the variable (it may be the passphrase, typed in the wrong place).
  static func environment(_ name: String, option: String) throws(OperatorError) -> Secret {
    let what = "the environment variable named by \(option)"
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
      throw OperatorError("\(what) is not set or empty", status: .dataError)
    }
    return try lines(Array(value.utf8), count: 1, what: what)[0]
  }

  /// A prompt on the terminal with echo off; refused when standard input is not a terminal
  /// (a script must name a source instead of hanging).
  static func prompt(_ label: String) throws(OperatorError) -> Secret {
    guard isatty(STDIN_FILENO) == 1 else {
      throw OperatorError(
        "no passphrase source: use --passphrase-stdin, --passphrase-file or --passphrase-env, or run on a terminal",
        status: .usage)
    }
    return try HiddenLine.prompt(label) { (typed) throws(OperatorError) -> Secret in
      try lines(typed + [0x0A], count: 1, what: "the prompt")[0]
    }
  }

  /// A new passphrase must be long enough and not a common one (`VaultPassphrasePolicy`):
  /// checked before scrypt runs, so a refusal is immediate (exit 65).
  static func checkNew(_ passphrase: Secret) throws(OperatorError) {
    try withVault { () throws(VaultError) in try VaultPassphrasePolicy.check(passphrase) }
  }
}
