/// What an audit row records. Stored as its raw value, the text `registry history` shows, so
/// the values are the schema's vocabulary: a case is never renamed, only added.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
  case burn
  /// A factory-seeded token recorded from the vault's imported seed.
  case register
  case lost
  case codesIssued = "codes_issued"
  case codeVerified = "code_verified"
  case codeRejected = "code_rejected"
  case seedsImported = "seeds_imported"
  case seedRead = "seed_read"
  case vaultInit = "vault_init"
  case vaultCheck = "vault_check"
  case vaultPassphraseChanged = "vault_passphrase_changed"
  case vaultRekeyed = "vault_rekeyed"
  case vaultUpgraded = "vault_upgraded"
  case vaultExport = "vault_export"
  case vaultKeep = "vault_keep"
  case vaultRead = "vault_read"
  case vaultDiscard = "vault_discard"
}

/// How the recorded action ended. Stored as `rawValue`: `success`, `failure`, `unknown`, or
/// `failure (STATE)` for a failed burn that left the token in a named state.
public enum AuditOutcome: Equatable, Hashable, Sendable, RawRepresentable {
  case success
  /// Nothing was changed, or what was changed is not named.
  case failure
  /// The operation may or may not have taken effect (a burn whose answer was lost).
  case unknown
  /// A failure that left the token in the state named by its short code.
  case failureLeaving(String)

  public var rawValue: String {
    switch self {
    case .success: "success"
    case .failure: "failure"
    case .unknown: "unknown"
    case .failureLeaving(let state): "failure (\(state))"
    }
  }

  /// The outcome whose stored text is `rawValue`; `nil` for text this version never writes.
  public init?(rawValue: String) {
    switch rawValue {
    case "success": self = .success
    case "failure": self = .failure
    case "unknown": self = .unknown
    default:
      guard rawValue.hasPrefix("failure ("), rawValue.hasSuffix(")") else { return nil }
      self = .failureLeaving(String(rawValue.dropFirst("failure (".count).dropLast()))
    }
  }
}
