import OTP

/// Turns the text of a secret source into key bytes and, for URIs, parameters.
enum SecretInterpreter {
  /// - Parameters:
  ///   - expectURI: `true` for `--uri-stdin`, `false` for `--secret-stdin`, `nil` to accept
  ///     either (files and environment variables).
  ///   - pick: 1-based entry of a multi-account export.
  static func interpret(_ text: String, expectURI: Bool?, pick: Int?) throws(OperatorError)
    -> LoadedSecret
  {
    throw OperatorError("not yet", status: .software)
  }
}
