/// Why a cryptographic operation did not produce a result.
///
/// Messages name sizes and operations only; they never carry key or plaintext bytes.
public enum CryptoError: Error, Equatable, Sendable {
  /// A key had the wrong size for the algorithm (bytes).
  case invalidKeyLength(expected: Int, actual: Int)
  /// An input had a size the operation cannot accept (bytes), e.g. ECB input not a block multiple.
  case invalidInputLength(operation: String, actual: Int)
  /// A parameter was outside its valid range (e.g. scrypt N not a power of two).
  case invalidParameter(String)
  /// An AEAD tag did not verify: wrong key, wrong associated data, or tampered data.
  case authenticationFailed
  /// libcrypto reported a failure in the named call.
  case libraryFailure(String)
}

extension CryptoError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidKeyLength(let expected, let actual):
      "key must be \(expected) bytes, got \(actual)"
    case .invalidInputLength(let operation, let actual):
      "\(operation): input of \(actual) bytes is not acceptable"
    case .invalidParameter(let what): "invalid parameter: \(what)"
    case .authenticationFailed: "authentication tag did not verify"
    case .libraryFailure(let call): "libcrypto call failed: \(call)"
    }
  }
}
