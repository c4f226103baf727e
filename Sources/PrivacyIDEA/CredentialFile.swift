import Glibc

/// Reads a credential file: a regular file (not a link), owned by the caller, mode 0600 or
/// 0400 (nothing for group or others), at most 8 KiB. The value is the first line.
public enum CredentialFile {
  public static func read(_ path: String) throws(ConfigurationError) -> String {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      let reason = errno == ELOOP ? "is a symbolic link" : String(cString: strerror(errno))
      throw .credentialFile(path: path, reason: reason)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .credentialFile(path: path, reason: String(cString: strerror(errno)))
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw .credentialFile(path: path, reason: "is not a regular file")
    }
    guard info.st_uid == geteuid() else {
      throw .credentialFile(path: path, reason: "is owned by uid \(info.st_uid), not by you")
    }
    let mode = info.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw .credentialFile(
        path: path,
        reason: "has mode \(String(mode, radix: 8)); it must be 0600 (chmod 600 \(path))")
    }
    var bytes = [UInt8](repeating: 0, count: 8193)
    defer { for index in bytes.indices { bytes[index] = 0 } }
    var total = 0
    while total < bytes.count {
      let count = bytes[total...].withUnsafeMutableBytes {
        Glibc.read(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else {
        throw .credentialFile(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      total += count
    }
    guard total <= 8192 else { throw .credentialFile(path: path, reason: "is over 8 KiB") }
    let line = bytes[..<total].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
    guard !line.isEmpty else { throw .credentialFile(path: path, reason: "is empty") }
    return String(decoding: line, as: UTF8.self)
  }
}
