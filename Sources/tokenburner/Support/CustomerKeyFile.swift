import Foundation
import SecretSources
import Token2
import TokenCrypto

/// `--customer-key-file`: the SM4 key of an OEM batch, 16 raw bytes in a file. The key is never
/// printed; errors name the file and the length only.
enum CustomerKeyFile {
  /// The public Token2 key without a path, else the file's 16 bytes.
  ///
  /// - Throws: `OperatorError` 65 when the file cannot be read or is not exactly 16 bytes.
  static func load(_ path: String?) throws(OperatorError) -> Token2Key {
    guard let path else { return .publicDefault }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OperatorError(
        "cannot open the customer key file \(path): \(String(cString: strerror(errno)))",
        status: .dataError)
    }
    defer { close(descriptor) }
    var bytes = try FailureMapping.reading { () throws(SourceFailure) in
      try StandardInput.readAll(fileDescriptor: descriptor, what: "customer key file \(path)")
    }
    defer { SecureBytes.zero(&bytes) }
    guard let key = Token2Key(bytes: bytes) else {
      throw OperatorError(
        "the customer key file \(path) holds \(bytes.count) bytes; a Token2 key is exactly "
          + "\(Token2Key.length) raw bytes", status: .dataError)
    }
    return key
  }
}
