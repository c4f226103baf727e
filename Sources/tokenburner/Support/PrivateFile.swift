import Foundation
import TokenCrypto

/// A new file only its owner can read: the one way backup code sheets (`codes --save`, the
/// wizard's Save) and encrypted exports reach the disk.
enum PrivateFile {
  /// Creates `path` with mode 0600 and writes `text`. `O_EXCL` refuses an existing file (and
  /// a symbolic link in its place), and the mode applies at creation, so the contents are never
  /// readable by others, not even briefly. The byte copy is zeroed once written, and the file
  /// is flushed to disk (`fsync`) before this returns.
  static func create(_ path: String, text: String) throws(OperatorError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      let reason = errno == EEXIST ? "the file already exists" : String(cString: strerror(errno))
      throw OperatorError(
        "cannot create \(path): \(reason) (existing files are never overwritten)",
        status: .dataError)
    }
    defer { close(descriptor) }
    var bytes = Array(text.utf8)
    defer { SecureBytes.zero(&bytes) }
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        throw OperatorError(
          "cannot write \(path): \(String(cString: strerror(errno)))", status: .dataError)
      }
      written += count
    }
    // On disk before the caller acts on it (a backup code set becomes active only then).
    guard fsync(descriptor) == 0 else {
      throw OperatorError(
        "cannot write \(path) to disk: \(String(cString: strerror(errno)))", status: .dataError)
    }
  }
}
