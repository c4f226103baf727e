import ArgumentParser
import OTP
import OperatorOutput
import Registry
import SecretSources

/// `burn --keep-secret` and `burn --from-vault` / `--vault-secret-of N`: keeping the burned
/// secret in the vault, and burning a new token with a kept secret (docs/vault.md).
struct VaultBurnOptions: ParsableArguments {
  @Flag(
    help: "Keep the secret in the vault, bound to the enrollment (needs --user and `vault init`).")
  var keepSecret = false

  @Flag(
    help:
      "Burn the secret kept for the user's lost or replaced token (with --user, and --service if several)."
  )
  var fromVault = false

  @Option(
    help: ArgumentHelp(
      "Burn the secret kept in the vault for this enrollment.", valueName: "enrollment"))
  var vaultSecretOf: Int64?

  @OptionGroup(title: "Vault passphrase (with the options above; never an argument)")
  var passphrase: PassphraseOptions

  /// The secret sources these options add, for the one-source check.
  var sourceNames: [String] {
    (fromVault ? ["--from-vault"] : []) + (vaultSecretOf != nil ? ["--vault-secret-of"] : [])
  }

  var usesVault: Bool { keepSecret || !sourceNames.isEmpty }

  func validate(user: String?, readsStandardInput: Bool) throws {
    try passphrase.validateSingle()
    guard usesVault else {
      if !passphrase.named.isEmpty {
        throw ValidationError("The passphrase options go with --keep-secret or --from-vault.")
      }
      return
    }
    if user == nil {
      throw ValidationError(
        "--keep-secret, --from-vault and --vault-secret-of need --user: the vault keeps secrets per enrollment."
      )
    }
    if readsStandardInput && passphrase.passphraseStdin {
      throw ValidationError(
        "The secret already comes from standard input; give the passphrase with --passphrase-file or --passphrase-env."
      )
    }
  }

  /// Unlocks the vault before the token is touched and, for a vault source, takes the secret
  /// out (with an audit row). `nil` when no vault option was given.
  func prepare(_ registryOptions: RegistryOptions, user: String?, service: String?)
    throws(OperatorError) -> VaultBurn?
  {
    guard usesVault, let user else { return nil }
    let registry = try registryOptions.open()
    let key = try unlockVault(registry, passphrase)
    guard !sourceNames.isEmpty else { return VaultBurn(key: key, kept: nil) }
    let id: Int64
    if let vaultSecretOf {
      id = vaultSecretOf
    } else {
      id = try chooseEnrollment(registry, user: user, service: service)
    }
    let kept = try withVault { () throws(VaultError) in
      try registry.vaultSecret(
        forEnrollment: id, key: key, at: unixNow(), operatorName: registryOptions.resolvedOperator)
    }
    guard kept.enrollment.user == user else {
      throw OperatorError(
        "enrollment #\(id) belongs to \(kept.enrollment.user), not \(user)", status: .dataError)
    }
    return VaultBurn(key: key, kept: kept)
  }

  private func chooseEnrollment(_ registry: Registry, user: String, service: String?)
    throws(OperatorError) -> Int64
  {
    let candidates = try withVault { () throws(VaultError) in
      try registry.reburnCandidates(user: user, service: service)
    }
    guard let newest = candidates.first else {
      throw OperatorError(
        "\(user) has no lost or replaced token" + (service.map { " for \($0)" } ?? "")
          + " whose secret was kept in the vault", status: .dataError)
    }
    let services = Set(candidates.map { $0.service ?? "" })
    if service == nil && services.count > 1 {
      throw OperatorError(
        "\(user) has kept secrets for several services ("
          + services.sorted().joined(separator: ", ")
          + "); name one with --service or the enrollment with --vault-secret-of", status: .usage)
    }
    return newest.id
  }
}

/// An unlocked vault for one burn, and the kept secret it burns (for `--from-vault`).
struct VaultBurn {
  let key: VaultKey
  let kept: VaultedSecret?

  /// The kept secret with the settings it was burned with, as a secret source.
  var loaded: LoadedSecret? {
    kept.map { kept in
      LoadedSecret(
        secret: kept.secret, type: .totp,
        algorithm: kept.enrollment.algorithm == "sha256" ? .sha256 : .sha1,
        digits: kept.enrollment.digits, period: kept.enrollment.period,
        issuer: kept.enrollment.service,
        account: kept.enrollment.account)
    }
  }

  /// Re-burning a secret does not disable the old token: say so, every time.
  func warn() {
    guard let kept else { return }
    Output.errorLine(
      "tokenburner: warning: the token \(kept.enrollment.serial.terminalSafe) of enrollment #\(kept.enrollment.id) holds the same "
        + "secret and keeps working until each service changes its secret (reset the user's two-step verification "
        + "there if the token may be in the wrong hands)")
  }
}
