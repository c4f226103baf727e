import TestSupport
import Testing
import TokenCrypto

@Suite("LockedBytes: key material in locked pages left out of core dumps", .serialized)
struct LockedBytesTests {
  @Test("The bytes' pages are locked (lo) and not dumped (dd), and VmLck grows by a page")
  func pagesLockedAndNotDumped() throws {
    let before = ProcessMemory.lockedKiB()
    let buffer = LockedBytes([1, 2, 3, 4, 5, 6, 7, 8])
    let address = try #require(buffer.withUnsafeBytes { $0.baseAddress })
    let flags = try #require(ProcessMemory.pageFlags(of: address))
    #expect(buffer.isLocked)
    #expect(flags.contains("lo"), "VmFlags: \(flags.sorted())")
    #expect(flags.contains("dd"), "VmFlags: \(flags.sorted())")
    #expect(ProcessMemory.lockedKiB() >= before + LockedBytes.pageSize / 1024)
    #expect(buffer.copiedBytes() == [1, 2, 3, 4, 5, 6, 7, 8])
  }

  @Test("Empty: no pages, nothing to lock")
  func empty() {
    let buffer = LockedBytes([])
    #expect(buffer.count == 0)
    #expect(buffer.copiedBytes().isEmpty)
  }
}
