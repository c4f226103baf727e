import Foundation

/// Keeps secret-looking command-line arguments out of error messages.
enum ArgumentRedaction {
  /// Whether `argument` could be key material: an otpauth URI, or a long run of Base32 or hex
  /// characters (16+ after removing spaces and dashes). File paths and names rarely match.
  static func looksLikeSecret(_ argument: String) -> Bool {
    let lowered = argument.lowercased()
    if lowered.hasPrefix("otpauth") || lowered.contains("secret=") { return true }
    if argument.hasPrefix("-") || argument.contains("/") { return false }
    if commandWords.contains(argument) { return false }
    let compact = argument.filter { $0 != " " && $0 != "-" && $0 != "=" }
    guard compact.count >= 16 else { return false }
    let base32 = compact.uppercased().allSatisfy { ("A"..."Z").contains($0) || ("2"..."7").contains($0) }
    let hex = compact.drop(while: { $0 == "0" || $0 == "x" }).allSatisfy(\.isHexDigit)
    return base32 || hex
  }

  /// The tool's own command names that happen to read as Base32 (`changepassphrase` is 16
  /// letters): never redacted, or help and usage errors would hide the command's name.
  static let commandWords: Set<String> = ["change-passphrase"]

  /// Whether any argument looks like a secret.
  static func containsSecretLookalike(_ arguments: [String]) -> Bool {
    arguments.contains(where: looksLikeSecret)
  }

  /// `message` with every secret-looking argument replaced by `<redacted>`.
  static func redact(_ message: String, arguments: [String]) -> String {
    arguments.filter(looksLikeSecret).reduce(message) {
      $0.replacingOccurrences(of: $1, with: "<redacted>")
    }
  }
}
