import Foundation
import TokenCrypto

/// Reads secret-bearing input without leaving spare copies behind.
enum StandardInput {
  /// Most bytes accepted from a secret source; an otpauth-migration URI of a large export is a
  /// few kilobytes, so 64 KiB is generous without letting a runaway pipe fill memory.
  static let limit = 64 * 1024

  /// Reads all of standard input (up to `limit` bytes) as UTF-8 text.
  ///
  /// - Throws: `OperatorError` (65) when the input is larger than the limit or not UTF-8.
  static func readText(what: String) throws(OperatorError) -> String {
    var bytes = try readAll(fileDescriptor: 0, what: what)
    defer { SecureBytes.zero(&bytes) }
    return try text(from: bytes, what: what)
  }

  /// Reads all bytes from `fileDescriptor` with read(2), up to `limit`.
  static func readAll(fileDescriptor: Int32, what: String) throws(OperatorError) -> [UInt8] {
    var collected: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    defer { SecureBytes.zero(&chunk) }
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        SecureBytes.zero(&collected)
        throw OperatorError(
          "could not read \(what): \(String(cString: strerror(errno)))",
          status: .dataError)
      }
      if count == 0 { break }
      collected += chunk[0..<count]
      if collected.count > limit {
        SecureBytes.zero(&collected)
        throw OperatorError(
          "\(what) is larger than \(limit / 1024) KiB; refusing to read it",
          status: .dataError)
      }
    }
    return collected
  }

  /// Decodes UTF-8 and trims surrounding whitespace.
  static func text(from bytes: [UInt8], what: String) throws(OperatorError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw OperatorError("\(what) is not UTF-8 text", status: .dataError)
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
