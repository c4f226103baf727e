import Foundation
import TokenCrypto

/// Reads secret-bearing input without leaving spare copies behind.
public enum StandardInput {
  /// Most bytes accepted from a secret source; an otpauth-migration URI of a large export is a
  /// few kilobytes, so 64 KiB is generous without letting a runaway pipe fill memory.
  public static let limit = 64 * 1024

  /// Reads all of standard input (up to `limit` bytes) as UTF-8 text.
  ///
  /// - Throws: `SourceFailure.Kind.badData` when the input is larger than the limit or not UTF-8.
  public static func readText(what: String) throws(SourceFailure) -> String {
    var bytes = try readAll(fileDescriptor: 0, what: what)
    defer { SecureBytes.zero(&bytes) }
    return try text(from: bytes, what: what)
  }

  /// Reads all bytes from `fileDescriptor` with read(2), up to `limit`.
  public static func readAll(fileDescriptor: Int32, what: String) throws(SourceFailure) -> [UInt8] {
    var collected: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    defer { SecureBytes.zero(&chunk) }
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        SecureBytes.zero(&collected)
        throw SourceFailure(
          "could not read \(what): \(String(cString: strerror(errno)))",
          kind: .badData)
      }
      if count == 0 { break }
      collected += chunk[0..<count]
      if collected.count > limit {
        SecureBytes.zero(&collected)
        throw SourceFailure(
          "\(what) is larger than \(limit / 1024) KiB; refusing to read it",
          kind: .badData)
      }
    }
    return collected
  }

  /// Decodes UTF-8 and trims surrounding whitespace.
  public static func text(from bytes: [UInt8], what: String) throws(SourceFailure) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw SourceFailure("\(what) is not UTF-8 text", kind: .badData)
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
