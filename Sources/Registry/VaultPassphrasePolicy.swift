import OTP
import TokenCrypto

/// What a new vault passphrase must be: at least `minimumLength` characters and not something a
/// guessing attack tries first — a well-known password or phrase (`CommonPassphrases`, also
/// with digits or symbols around it and look-alike digits for letters), one or two characters,
/// only digits, a keyboard or alphabet run, or a short unit repeated.
///
/// The list is bundled rather than read from a Debian word list: what attackers try first are
/// passwords, not dictionary words (a 10-character English word is a fair start for a
/// passphrase of several words), and a bundled list behaves the same on every machine and in
/// every test. Works on bytes, never a `String`, so every copy can be zeroed.
public enum VaultPassphrasePolicy {
  /// Characters a new passphrase needs at least.
  public static let minimumLength = 10

  /// Refuses a new passphrase that is too short or too easy to guess.
  ///
  /// - Throws: `VaultError.weakPassphrase` with the reason; the passphrase is never quoted.
  public static func check(_ passphrase: Secret) throws(VaultError) {
    var bytes = passphrase.revealedBytes()
    defer { SecureBytes.zero(&bytes) }
    guard bytes.count >= minimumLength else {
      throw .weakPassphrase(
        "a vault passphrase needs at least \(minimumLength) characters; nothing was changed")
    }
    if let reason = weakness(bytes) {
      throw .weakPassphrase(
        "that vault passphrase is \(reason), which guessing tries first; choose several unrelated words. "
          + "Nothing was changed")
    }
  }

  /// Why `bytes` is easy to guess, or `nil`.
  static func weakness(_ bytes: [UInt8]) -> String? {
    var compact = bytes.filter { !separators.contains($0) }.map(lowercased)
    defer { SecureBytes.zero(&compact) }
    if Set(compact).count <= 2 { return "one or two characters repeated" }
    if compact.allSatisfy(isDigit) { return "only digits" }
    if isRun(compact) { return "a run of neighbouring keys or letters" }
    if isRepetition(compact) { return "a short pattern repeated" }
    var core = trimmed(compact)
    defer { SecureBytes.zero(&core) }
    for candidate in [compact, core] {
      var plain = readingLookAlikes(candidate)
      defer { SecureBytes.zero(&plain) }
      for form in [candidate, plain] where common(form) {
        return "a well-known password or phrase"
      }
      if !plain.isEmpty, isRun(plain) || isRepetition(plain) || Set(plain).count <= 2 {
        return "a simple pattern with digits or symbols around it"
      }
    }
    return nil
  }

  // MARK: - The pieces

  private static let separators = Set(" -_.,+/\t".utf8)
  /// Rows and columns of a keyboard, the alphabet and the digits: a run of 4 or more of them,
  /// forwards or backwards, is a pattern, not a choice.
  private static let runs: [[UInt8]] = [
    "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
    "abcdefghijklmnopqrstuvwxyz", "01234567890", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
  ].flatMap { [Array($0.utf8), Array($0.utf8.reversed())] }
  private static let commonBytes = Set(CommonPassphrases.words.map { Array($0.utf8) })
  /// Digits and symbols read as the letters they stand for.
  private static let lookAlikes: [UInt8: UInt8] = [
    UInt8(ascii: "0"): UInt8(ascii: "o"), UInt8(ascii: "1"): UInt8(ascii: "i"),
    UInt8(ascii: "3"): UInt8(ascii: "e"),
    UInt8(ascii: "4"): UInt8(ascii: "a"), UInt8(ascii: "5"): UInt8(ascii: "s"),
    UInt8(ascii: "7"): UInt8(ascii: "t"),
    UInt8(ascii: "@"): UInt8(ascii: "a"), UInt8(ascii: "$"): UInt8(ascii: "s"),
    UInt8(ascii: "!"): UInt8(ascii: "i"),
  ]

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte >= 0x80
  }

  private static func common(_ form: [UInt8]) -> Bool {
    !form.isEmpty && commonBytes.contains(form)
  }

  /// Without the digits and symbols at either end ("Summer2024!" → "summer").
  private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
    guard let first = bytes.firstIndex(where: isLetter), let last = bytes.lastIndex(where: isLetter)
    else { return [] }
    return Array(bytes[first...last])
  }

  /// Look-alike digits and symbols replaced by their letters ("p4ssw0rd" → "password").
  private static func readingLookAlikes(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { lookAlikes[$0] ?? $0 }
  }

  /// Four or more characters, all of them a stretch of one of `runs`.
  private static func isRun(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 4 else { return false }
    return runs.contains { run in
      run.count >= bytes.count
        && (0...(run.count - bytes.count)).contains { start in
          run[start..<(start + bytes.count)].elementsEqual(bytes)
        }
    }
  }

  /// The same unit two or more times ("abc123abc123").
  private static func isRepetition(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 2 else { return false }
    return (1...(bytes.count / 2)).contains { unit in
      bytes.count % unit == 0 && (unit..<bytes.count).allSatisfy { bytes[$0] == bytes[$0 % unit] }
    }
  }
}
