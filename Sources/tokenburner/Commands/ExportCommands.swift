import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import Registry
import SeedFiles
import TokenCrypto

/// Where an export file goes and the passphrase that protects it.
///
/// The export passphrase is --export-passphrase-file or --export-passphrase-env, else the
/// second line of standard input with --passphrase-stdin, else two hidden prompts.
struct ExportOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("The new PSKC file (created 0600, never overwritten).", valueName: "path"))
  var output: String

  @Option(help: ArgumentHelp("Read the export passphrase from this file.", valueName: "path"))
  var exportPassphraseFile: String?

  @Option(
    help: ArgumentHelp(
      "Read the export passphrase from this environment variable.", valueName: "name"))
  var exportPassphraseEnv: String?

  @Option(help: "PBKDF2-HMAC-SHA256 iterations protecting the export (at least 600000).")
  var iterations = PSKCWriter.defaultIterations

  func validate() throws {
    if exportPassphraseFile != nil && exportPassphraseEnv != nil {
      throw ValidationError("Use only one of --export-passphrase-file and --export-passphrase-env.")
    }
    guard (PSKCWriter.defaultIterations...10_000_000).contains(iterations) else {
      throw ValidationError("--iterations must be \(PSKCWriter.defaultIterations) to 10000000.")
    }
  }

  /// The vault passphrase and the export passphrase.
  func readPassphrases(_ vault: PassphraseOptions) throws(OperatorError) -> (
    vault: Secret, export: Secret
  ) {
    let export: Secret
    let vaultPassphrase: Secret
    if let exportPassphraseFile {
      vaultPassphrase = try vault.read(prompt: "Vault passphrase")
      export = try PassphraseReader.file(exportPassphraseFile, option: "--export-passphrase-file")
    } else if let exportPassphraseEnv {
      vaultPassphrase = try vault.read(prompt: "Vault passphrase")
      export = try PassphraseReader.environment(
        exportPassphraseEnv, option: "--export-passphrase-env")
    } else if vault.passphraseStdin {
      let both = try vault.readLines(count: 2, prompts: [])
      (vaultPassphrase, export) = (both[0], both[1])
    } else if vault.named.isEmpty {
      vaultPassphrase = try PassphraseReader.prompt("Vault passphrase")
      export = try PassphraseReader.prompt("Passphrase for the export file")
      guard export == (try PassphraseReader.prompt("Repeat it")) else {
        throw OperatorError(
          "the two export passphrases differ; nothing was written", status: .dataError)
      }
    } else {
      throw OperatorError(
        "name the export passphrase: --export-passphrase-file or --export-passphrase-env",
        status: .usage)
    }
    try PassphraseReader.checkNew(export)
    return (vaultPassphrase, export)
  }

  /// Writes the encrypted PSKC file; nothing is created when the document cannot be made.
  func write(_ items: [PSKCWriter.Item], passphrase: Secret) throws(OperatorError) {
    let text: String
    do {
      text = try PSKCWriter.write(
        items, password: passphrase, iterations: iterations, random: SystemRandom())
    } catch {
      switch error {
      case .crypto(let failure):
        throw OperatorError("could not encrypt the export: \(failure)", status: .software)
      case .tooLarge(let bytes):
        throw OperatorError(
          "the export of \(items.count) entries would be \(bytes) bytes, more than the "
            + "\(PSKCReader.maximumSize >> 20) MiB `seeds import` reads back; nothing was written",
          status: .dataError)
      }
    }
    try PrivateFile.create(output, text: text)
  }
}

/// `vault export`: every secret of the vault — kept enrollment secrets and factory seeds — as
/// one passphrase-encrypted PSKC file (RFC 6030 §6.2), for moving the vault to a server.
struct VaultExport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Export every vault secret as an encrypted PSKC file.",
    discussion:
      "Kept secrets get the Key Id `enrollment-N` and the user as UserId; factory seeds their serial. `seeds export --pskc` writes the factory seeds only."
  )
  @OptionGroup(title: "Vault passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "Export") var export: ExportOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws { try passphrase.validateSingle() }

  func run() throws {
    do {
      let count = try runExport(
        passphrase: passphrase, export: export, registryOptions: registryOptions
      ) { $0 }
      if json { return try Output.json(ExportReport(output: export.output, entries: count)) }
      Output.line(
        "\(count) vault entries written to \(export.output) (PSKC, \(PSKCWriter.protectionSummary))."
      )
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

/// Unlocks, decrypts, filters and writes; returns how many entries went out.
func runExport(
  passphrase: PassphraseOptions, export: ExportOptions, registryOptions: RegistryOptions,
  filter: ([VaultExportEntry]) -> [VaultExportEntry]
) throws(OperatorError) -> Int {
  guard let registry = try registryOptions.openExisting(),
    try withVault({ () throws(VaultError) in try registry.vaultStatus() }) != nil
  else {
    throw OperatorError(vaultError: .notInitialised)
  }
  if FileManager.default.fileExists(atPath: export.output) {
    throw OperatorError(
      "\(export.output) already exists; exports never overwrite a file", status: .dataError)
  }
  let (vaultPassphrase, exportPassphrase) = try export.readPassphrases(passphrase)
  let key = try withVault { () throws(VaultError) in
    try registry.unlockVault(passphrase: vaultPassphrase)
  }
  let entries = filter(
    try withVault { () throws(VaultError) in
      try registry.exportVault(
        key: key, at: unixNow(), operatorName: registryOptions.resolvedOperator)
    })
  let items = entries.map { entry in
    PSKCWriter.Item(
      entry: SeedFileEntry(
        serial: entry.serial, secret: entry.secret, type: entry.type, algorithm: entry.algorithm,
        digits: entry.digits, period: entry.period, manufacturer: entry.manufacturer),
      keyId: entry.enrollmentId.map { "enrollment-\($0)" } ?? entry.serial, user: entry.user)
  }
  try export.write(items, passphrase: exportPassphrase)
  return items.count
}

struct ExportReport: Encodable {
  var output: String
  var entries: Int
}
