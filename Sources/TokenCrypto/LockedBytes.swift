internal import CLibCrypto
internal import CSystemCalls
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Key material in pages of its own: locked in RAM (`mlock`, so never written to swap),
/// left out of core dumps (`MADV_DONTDUMP`), and zeroed, unlocked and unmapped on release.
///
/// Each buffer gets whole pages because a page lock is not counted: unlocking one buffer
/// would unlock every other buffer sharing its page. Locking is best effort — a process over
/// `RLIMIT_MEMLOCK` keeps working with unlocked pages, and `lockFailures` counts them.
public final class LockedBytes: @unchecked Sendable {
  // @unchecked: the pages are written only in init (copy in) and deinit (zeroing), when no
  // other reference exists.

  /// Number of bytes held.
  public let count: Int
  private let pages: UnsafeMutableRawPointer?
  private let mappedLength: Int
  /// Whether `mlock` took the pages.
  public let isLocked: Bool

  private static let failures = Atomic<Int>(0)

  /// Buffers whose pages could not be locked or marked since the process started.
  public static var lockFailures: Int { failures.load(ordering: .relaxed) }

  /// The system's page size.
  public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Copies `bytes` into fresh locked pages; the caller zeroes its own copy.
  public convenience init(_ bytes: [UInt8]) {
    self.init(copying: bytes.withUnsafeBytes { $0 })
  }

  /// Copies the bytes `source` points to into fresh locked pages.
  public init(copying source: UnsafeRawBufferPointer) {
    count = source.count
    guard source.count > 0 else {
      (pages, mappedLength, isLocked) = (nil, 0, false)
      return
    }
    let length = (source.count + Self.pageSize - 1) / Self.pageSize * Self.pageSize
    guard let mapped = tb_map_pages(length) else {
      // Out of mappings: still hold the bytes, on the ordinary heap, and count it.
      let heap = UnsafeMutableRawPointer.allocate(byteCount: source.count, alignment: 16)
      heap.copyMemory(from: source.baseAddress!, byteCount: source.count)
      (pages, mappedLength, isLocked) = (heap, 0, false)
      Self.failures.add(1, ordering: .relaxed)
      return
    }
    // Marked and locked before the bytes arrive, so they are never in a dumpable page.
    let marked = madvise(mapped, length, MADV_DONTDUMP) == 0
    let locked = mlock(mapped, length) == 0
    if !(marked && locked) { Self.failures.add(1, ordering: .relaxed) }
    mapped.copyMemory(from: source.baseAddress!, byteCount: source.count)
    (pages, mappedLength, isLocked) = (mapped, length, locked)
  }

  deinit {
    guard let pages else { return }
    OPENSSL_cleanse(pages, count)
    if mappedLength == 0 {
      pages.deallocate()
      return
    }
    if isLocked { munlock(pages, mappedLength) }
    munmap(pages, mappedLength)
  }

  /// Calls `body` with the bytes in place; do not let the pointer escape.
  public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R)
    throws(E) -> R
  {
    try body(UnsafeRawBufferPointer(start: pages, count: count))
  }

  /// A copy as an array; the caller owns it and should zero it (`SecureBytes.zero`).
  public func copiedBytes() -> [UInt8] {
    withUnsafeBytes { [UInt8]($0) }
  }
}
