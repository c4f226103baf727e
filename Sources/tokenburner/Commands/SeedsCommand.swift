import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import Registry
import SecretSources
import SeedFiles
import TokenCrypto

/// `tokenburner seeds import|list|register|export`: factory seeds of tokens that cannot be
/// programmed, kept in the vault (docs/vault.md).
struct SeedsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seeds",
    abstract: "Import, list and export vendor seed files; register factory tokens.",
    discussion: """
      Seed files are OATH CSV (`serial, hex seed, type, digits, time step`, and its version 2 \
      with three user columns first) or PSKC (RFC 6030: plaintext, AES-CBC under a pre-shared \
      key, or a PBKDF2 password). The seeds go into the vault (`vault init` first); listings \
      never show them.
      """,
    subcommands: [SeedsImport.self, SeedsList.self, SeedsRegister.self, SeedsExport.self])
}

struct SeedsImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Read a vendor seed file into the vault.",
    discussion: """
      Rows or key packages that cannot be used are reported by line and skipped; the good ones \
      are stored in one transaction (all of them or, on failure, none). Serials already in the \
      vault are skipped, never overwritten. Exit 0 when at least one seed was stored or all were \
      already there, 65 when the file held nothing usable.
      """)
  @Argument(help: "The seed file (OATH CSV or PSKC XML).") var file: String
  @Option(
    help: ArgumentHelp(
      "PSKC pre-shared AES key: a file holding it as hex (or 16/32 raw bytes).", valueName: "path"))
  var pskcKeyFile: String?
  @Option(
    help: ArgumentHelp(
      "PSKC password for PBKDF2-protected files, from this file.", valueName: "path"))
  var pskcPasswordFile: String?
  @Option(help: ArgumentHelp("PSKC password from this environment variable.", valueName: "name"))
  var pskcPasswordEnv: String?
  @OptionGroup(title: "Vault passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws { try passphrase.validateSingle() }

  func run() throws {
    do {
      let keys = try SeedFileLoader.pskcKeys(
        keyFile: pskcKeyFile, passwordFile: pskcPasswordFile, passwordEnv: pskcPasswordEnv)
      let contents = try FailureMapping.reading { () throws(SourceFailure) in
        try SeedFileLoader.load(file, keys: keys)
      }
      if !json {
        for problem in contents.problems {
          Output.errorLine(
            "tokenburner: \(file.terminalSafe): skipped \(problem.description.terminalSafe)")
        }
      }
      guard !contents.entries.isEmpty else {
        throw OperatorError(
          "\(file.terminalSafe) holds no usable seeds (\(contents.problems.count) skipped); nothing was imported",
          status: .dataError)
      }
      let registry = try registryOptions.open()
      let key = try unlockVault(registry, passphrase)
      let seeds = contents.entries
      let source = (file as NSString).lastPathComponent
      let result = try withVault { () throws(VaultError) in
        try registry.importFactorySeeds(
          seeds, key: key, source: source, at: unixNow(),
          operatorName: registryOptions.resolvedOperator)
      }
      if json {
        return try Output.json(
          SeedsImportReport(
            format: contents.format, imported: result.imported,
            alreadyInVault: result.skipped.map(\.serial),
            skipped: contents.problems.map {
              .init(line: $0.line, serial: $0.serial, reason: $0.reason)
            }))
      }
      Output.line(
        "Imported \(result.imported.count) factory seeds from \(source.terminalSafe) (\(contents.format)); "
          + "\(contents.problems.count) rows skipped; \(result.skipped.count) already in the vault."
      )
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct SeedsList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List imported factory seeds: serials and parameters, never secrets.")
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let seeds =
        try registryOptions.openExisting().map { registry throws(OperatorError) in
          try withVault { () throws(VaultError) in try registry.factorySeeds() }
        } ?? []
      if json { return try Output.json(SeedsListReport(seeds: seeds)) }
      if seeds.isEmpty { return Output.line("No factory seeds imported.") }
      for seed in seeds {
        Output.line(
          "\(seed.serial.terminalSafe)  \(seed.type.terminalSafe)  \(seed.algorithm.terminalSafe)  \(seed.digits) digits  \(seed.period) s"
            + "  \(seed.manufacturer?.terminalSafe ?? "-")  from \(seed.source?.terminalSafe ?? "-")"
            + (seed.assignedUser.map { "  for \($0.terminalSafe)" } ?? "")
            + (seed.enrollmentId.map { "  registered as #\($0)" } ?? ""))
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct SeedsExport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the factory seeds as an encrypted PSKC file (for a server).")
  @Flag(
    help: "Write PSKC (RFC 6030 §6.2: PBKDF2-HMAC-SHA256, AES-128-CBC, HMAC-SHA1); the only format."
  ) var pskc = false
  @OptionGroup(title: "Vault passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "Export") var export: ExportOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws {
    guard pskc else { throw ValidationError("Name the format: --pskc.") }
    try passphrase.validateSingle()
  }

  func run() throws {
    do {
      let count = try runExport(
        passphrase: passphrase, export: export, registryOptions: registryOptions
      ) {
        $0.filter { $0.kind == "factory_seed" }
      }
      if json { return try Output.json(ExportReport(output: export.output, entries: count)) }
      Output.line(
        "\(count) factory seeds written to \(export.output) (PSKC, \(PSKCWriter.protectionSummary))."
      )
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct SeedsImportReport: Encodable {
  struct Skipped: Encodable {
    var line: Int?
    var serial: String?
    var reason: String
  }
  var format: String
  var imported: [String]
  var alreadyInVault: [String]
  var skipped: [Skipped]
}

struct SeedsListReport: Encodable { var seeds: [FactorySeedInfo] }
