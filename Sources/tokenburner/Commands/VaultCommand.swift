import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import Registry
import SeedFiles
import TokenCrypto

/// `tokenburner vault init|status|unlock-check|change-passphrase|rekey|export`: the encrypted store
/// of secrets the helpdesk must be able to burn again (docs/vault.md).
struct VaultCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vault", abstract: "Initialise, check and re-key the encrypted secret vault.",
    discussion: """
      The vault is off until an operator runs `vault init`. Secrets are encrypted with \
      AES-256-GCM under a random data key, which is kept wrapped under a key derived from the \
      passphrase with scrypt. A wrong passphrase is refused with exit 77 and changes nothing. \
      The passphrase comes from --passphrase-stdin, --passphrase-file, --passphrase-env or a \
      hidden prompt; never from the command line. scrypt costs below N = 32768, r = 8 are refused.
      """,
    subcommands: [
      VaultInit.self, VaultStatusCommand.self, VaultUnlockCheck.self, VaultChangePassphrase.self,
      VaultRekey.self,
      VaultExport.self,
    ])
}

/// scrypt cost flags shared by `init`, `change-passphrase` and `rekey`.
struct ScryptOptions: ParsableArguments {
  @Option(help: "scrypt N (a power of two, at least 32768; default 131072).") var scryptN: UInt64?
  @Option(help: "scrypt r (at least 8; default 8).") var scryptR: UInt64?
  @Option(help: "scrypt p (default 1).") var scryptP: UInt64?

  var isSet: Bool { scryptN != nil || scryptR != nil || scryptP != nil }

  func parameters(base: VaultParameters) -> VaultParameters {
    VaultParameters(n: scryptN ?? base.n, r: scryptR ?? base.r, p: scryptP ?? base.p)
  }
}

struct VaultInit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Set up the vault with a new passphrase.")
  @OptionGroup(title: "Passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "Key derivation") var scrypt: ScryptOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws { try passphrase.validateSingle() }

  func run() throws {
    do {
      let registry = try registryOptions.open()
      let parameters = scrypt.parameters(base: .vault)
      try withVault { () throws(VaultError) in try registry.checkVaultCosts(parameters) }
      if try withVault({ () throws(VaultError) in try registry.vaultStatus() }) != nil {
        throw OperatorError(vaultError: .alreadyInitialised)
      }
      let secrets =
        passphrase.named.isEmpty
        ? try passphrase.readLines(count: 2, prompts: ["New vault passphrase", "Repeat it"])
        : [try passphrase.read(prompt: "New vault passphrase")]
      if secrets.count == 2, secrets[0] != secrets[1] {
        throw OperatorError("the two passphrases differ; nothing was changed", status: .dataError)
      }
      try PassphraseReader.checkNew(secrets[0])
      _ = try withVault { () throws(VaultError) in
        try registry.initialiseVault(
          passphrase: secrets[0], parameters: parameters, at: unixNow(),
          operatorName: registryOptions.resolvedOperator)
      }
      if json { return try Output.json(VaultReport(initialised: true, parameters: parameters)) }
      Output.line(
        "Vault initialised in \(registry.path) (scrypt N = \(parameters.n), r = \(parameters.r), p = \(parameters.p))."
      )
      Output.line("Keep the passphrase safe: without it the vault's secrets cannot be recovered.")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct VaultStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Say whether the vault is set up, its costs and counts (no passphrase).")
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let registry = try registryOptions.openExisting()
      let status = try registry.flatMap { registry throws(OperatorError) in
        try withVault { () throws(VaultError) in try registry.vaultStatus() }
      }
      if json {
        return try Output.json(
          VaultReport(
            initialised: status != nil, parameters: status?.parameters,
            enrollmentSecrets: status?.enrollmentSecrets, factorySeeds: status?.factorySeeds))
      }
      guard let status else {
        return Output.line("The vault is not set up (`tokenburner vault init`).")
      }
      Output.line(
        "Vault set up; scrypt N = \(status.parameters.n), r = \(status.parameters.r), p = \(status.parameters.p); "
          + "\(status.enrollmentSecrets) kept secrets, \(status.factorySeeds) factory seeds.")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct VaultUnlockCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlock-check",
    abstract: "Check the passphrase and the integrity of every vault entry.")
  @OptionGroup(title: "Passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws { try passphrase.validateSingle() }

  func run() throws {
    do {
      guard let registry = try registryOptions.openExisting(),
        try withVault({ () throws(VaultError) in try registry.vaultStatus() }) != nil
      else {
        throw OperatorError(vaultError: .notInitialised)
      }
      let secret = try passphrase.read(prompt: "Vault passphrase")
      let count = try withVault { () throws(VaultError) in
        try registry.checkVault(
          passphrase: secret, at: unixNow(), operatorName: registryOptions.resolvedOperator)
      }
      if json { return try Output.json(VaultCheckReport(unlocked: true, verifiedEntries: count)) }
      Output.line("Passphrase accepted; \(count) vault entries verified.")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct VaultChangePassphrase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "change-passphrase", abstract: "Re-wrap the vault key under a new passphrase.",
    discussion: """
      The current passphrase comes from the passphrase options, the new one from \
      --new-passphrase-file or --new-passphrase-env, from the second line of standard input \
      with --passphrase-stdin, or from two hidden prompts. Only the wrapped key changes, in one \
      transaction; a wrong current passphrase changes nothing (exit 77). Someone who kept a copy \
      of the database and knows the old passphrase can still open it: `vault rekey` replaces the \
      data key itself.
      """)
  @OptionGroup(title: "Current passphrase (never an argument)") var passphrase: PassphraseOptions
  @Option(
    help: ArgumentHelp(
      "Read the new passphrase from the first line of this file.", valueName: "path"))
  var newPassphraseFile: String?
  @Option(
    help: ArgumentHelp("Read the new passphrase from this environment variable.", valueName: "name")
  )
  var newPassphraseEnv: String?
  @OptionGroup(title: "New key derivation costs (default: keep)") var scrypt: ScryptOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws {
    try passphrase.validateSingle()
    if newPassphraseFile != nil && newPassphraseEnv != nil {
      throw ValidationError("Use only one of --new-passphrase-file and --new-passphrase-env.")
    }
  }

  func run() throws {
    do {
      let registry = try registryOptions.open()
      guard let status = try withVault({ () throws(VaultError) in try registry.vaultStatus() })
      else {
        throw OperatorError(vaultError: .notInitialised)
      }
      let parameters = scrypt.isSet ? scrypt.parameters(base: status.parameters) : nil
      if let parameters {
        try withVault { () throws(VaultError) in try registry.checkVaultCosts(parameters) }
      }
      let (old, new) = try readBoth()
      try PassphraseReader.checkNew(new)
      try withVault { () throws(VaultError) in
        try registry.changeVaultPassphrase(
          from: old, to: new, parameters: parameters, at: unixNow(),
          operatorName: registryOptions.resolvedOperator)
      }
      if json {
        return try Output.json(
          VaultReport(initialised: true, parameters: parameters ?? status.parameters))
      }
      Output.line("Vault passphrase changed; the old one no longer opens the vault.")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }

  private func readBoth() throws(OperatorError) -> (Secret, Secret) {
    if let newPassphraseFile {
      return (
        try passphrase.read(prompt: "Current vault passphrase"),
        try PassphraseReader.file(newPassphraseFile, option: "--new-passphrase-file")
      )
    }
    if let newPassphraseEnv {
      return (
        try passphrase.read(prompt: "Current vault passphrase"),
        try PassphraseReader.environment(newPassphraseEnv, option: "--new-passphrase-env")
      )
    }
    if passphrase.passphraseStdin {
      let both = try passphrase.readLines(count: 2, prompts: [])
      return (both[0], both[1])
    }
    if !passphrase.named.isEmpty {
      throw OperatorError(
        "name where the new passphrase comes from: --new-passphrase-file or --new-passphrase-env",
        status: .usage)
    }
    let old = try PassphraseReader.prompt("Current vault passphrase")
    let new = try PassphraseReader.prompt("New vault passphrase")
    guard new == (try PassphraseReader.prompt("Repeat the new passphrase")) else {
      throw OperatorError("the two new passphrases differ; nothing was changed", status: .dataError)
    }
    return (old, new)
  }
}

struct VaultRekey: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rekey",
    abstract: "Replace the vault's data key and re-encrypt every vault entry.",
    discussion: """
      A new random data key; every kept secret and factory seed decrypted and encrypted again \
      under it, and the new key wrapped under the same passphrase, in one transaction. After it, \
      an old copy of the key row (with an old passphrase) opens nothing. A wrong passphrase \
      changes nothing (exit 77); so does an entry that fails its integrity check (65).
      """)
  @OptionGroup(title: "Passphrase (never an argument)") var passphrase: PassphraseOptions
  @OptionGroup(title: "New key derivation costs (default: keep)") var scrypt: ScryptOptions
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func validate() throws { try passphrase.validateSingle() }

  func run() throws {
    do {
      let registry = try registryOptions.open()
      guard let status = try withVault({ () throws(VaultError) in try registry.vaultStatus() })
      else {
        throw OperatorError(vaultError: .notInitialised)
      }
      let parameters = scrypt.isSet ? scrypt.parameters(base: status.parameters) : nil
      if let parameters {
        try withVault { () throws(VaultError) in try registry.checkVaultCosts(parameters) }
      }
      let secret = try passphrase.read(prompt: "Vault passphrase")
      let count = try withVault { () throws(VaultError) in
        try registry.rekeyVault(
          passphrase: secret, parameters: parameters, at: unixNow(),
          operatorName: registryOptions.resolvedOperator)
      }
      if json { return try Output.json(VaultRekeyReport(rekeyed: true, reencryptedEntries: count)) }
      Output.line(
        "Vault data key replaced; \(count) vault entries re-encrypted. Old copies of the key open nothing."
      )
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct VaultRekeyReport: Encodable {
  var rekeyed: Bool
  var reencryptedEntries: Int
}

struct VaultReport: Encodable {
  var initialised: Bool
  var parameters: VaultParameters?
  var enrollmentSecrets: Int?
  var factorySeeds: Int?
}

struct VaultCheckReport: Encodable {
  var unlocked: Bool
  var verifiedEntries: Int
}
