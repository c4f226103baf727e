import Foundation
import OTP

/// Keeps secret-looking command-line arguments out of everything the program prints.
public enum ArgumentRedaction {
  /// Whether `argument` could be key material: an otpauth URI, a backup code (15 symbols of
  /// `BackupCode.alphabet`, in any case, with or without dashes), or a long run of Base32 or
  /// hex characters (16+ after removing spaces and dashes). File paths and names rarely match.
  public static func looksLikeSecret(_ argument: String) -> Bool {
    let lowered = argument.lowercased()
    if lowered.hasPrefix("otpauth") || lowered.contains("secret=") { return true }
    if argument.hasPrefix("-") || argument.contains("/") { return false }
    if commandWords.contains(argument) { return false }
    if BackupCode(typed: argument) != nil { return true }
    let compact = argument.filter { $0 != " " && $0 != "-" && $0 != "=" }
    guard compact.count >= 16 else { return false }
    let base32 = compact.uppercased().allSatisfy {
      ("A"..."Z").contains($0) || ("2"..."7").contains($0)
    }
    let hex = compact.drop(while: { $0 == "0" || $0 == "x" }).allSatisfy(\.isHexDigit)
    return base32 || hex
  }

  /// The tool's own command names that happen to read as Base32 (`changepassphrase` is 16
  /// letters): never redacted, or help and usage errors would hide the command's name.
  public static let commandWords: Set<String> = ["change-passphrase"]

  /// The secret-looking values among `arguments`: whole arguments, and the value after the
  /// first `=` of an `--option=value` argument.
  public static func secretValues(_ arguments: [String]) -> [String] {
    let values = arguments.flatMap { argument -> [String] in
      guard argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") else {
        return [argument]
      }
      return [argument, String(argument[argument.index(after: equals)...])]
    }
    // Longest first, so a value inside a longer one is not left half-replaced.
    return values.filter { !$0.isEmpty && looksLikeSecret($0) }.sorted { $0.count > $1.count }
  }

  /// Whether any argument looks like a secret.
  public static func containsSecretLookalike(_ arguments: [String]) -> Bool {
    !secretValues(arguments).isEmpty
  }

  /// `message` with every secret-looking argument replaced by `<redacted>`.
  ///
  /// A backup code is also caught without its dashes or in another case than it was typed,
  /// since an error may show it normalised.
  public static func redact(_ message: String, arguments: [String]) -> String {
    secretValues(arguments).reduce(message) { text, value in
      var forms = [value]
      if let code = BackupCode(typed: value) { forms += [code.text, code.symbols] }
      return forms.reduce(text) {
        $0.replacingOccurrences(of: $1, with: "<redacted>", options: .caseInsensitive)
      }
    }
  }
}
