/// File bytes handed to a C decoder that pulls its input through a read callback (giflib,
/// libtiff). The callbacks get this object back as an opaque pointer; the decoder borrows it
/// only while the caller keeps it alive. Messages the library reports are collected here too.
final class MemorySource {
  let bytes: [UInt8]
  var offset = 0
  /// What the library said while reading, in order (libtiff's error handler).
  var messages: [String] = []

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Copies up to `count` bytes at the current offset into `destination`; returns how many.
  func read(into destination: UnsafeMutableRawPointer, count: Int) -> Int {
    let available = max(0, min(count, bytes.count - offset))
    guard available > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      destination.copyMemory(from: source.baseAddress! + offset, byteCount: available)
    }
    offset += available
    return available
  }

  var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  static func from(_ pointer: UnsafeMutableRawPointer) -> MemorySource {
    Unmanaged<MemorySource>.fromOpaque(pointer).takeUnretainedValue()
  }
}
