import Foundation

/// Reads an image file's bytes with the checks an operator needs to hear about: missing,
/// unreadable, not a regular file, empty, or larger than the limit (checked from `fstat`
/// before reading, and again while reading in case the file grows).
enum ImageFile {
  static func read(_ path: String, limits: ImageLimits) throws(QRScanError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw openError(errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw openError(errno) }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notAFile }
    let size = Int(status.st_size)
    guard size > 0 else { throw .emptyFile }
    guard size <= limits.maximumFileBytes else {
      throw .fileTooLarge(bytes: size, limit: limits.maximumFileBytes)
    }
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    while filled < size {
      let count = bytes.withUnsafeMutableBytes { buffer in
        Foundation.read(descriptor, buffer.baseAddress! + filled, size - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .notReadable(reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeSubrange(filled...)
    guard !bytes.isEmpty else { throw .emptyFile }
    return bytes
  }

  private static func openError(_ code: Int32) -> QRScanError {
    switch code {
    case ENOENT, ENOTDIR: .fileNotFound
    case EISDIR: .notAFile
    default: .notReadable(reason: String(cString: strerror(code)))
    }
  }
}
