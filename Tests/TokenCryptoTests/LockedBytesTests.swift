import Foundation
import Testing
import TokenCrypto

/// The VmFlags the kernel reports for the mapping holding `address` (`/proc/self/smaps`).
func pageFlags(of address: UnsafeRawPointer) -> Set<String>? {
  // Read to the end: /proc files report size 0, and smaps is longer than one read.
    guard let data = FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile() else { return nil }
    let text = String(decoding: data, as: UTF8.self)
  let target = UInt(bitPattern: address)
  var inside = false
  for line in text.split(separator: "\n") {
    let fields = line.split(separator: " ")
    if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
      let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
      inside = bounds.count == 2 && bounds[0] <= target && target < bounds[1]
    } else if inside, line.hasPrefix("VmFlags:") {
      return Set(fields.dropFirst().map(String.init))
    }
  }
  return nil
}

/// Kibibytes locked in this process (`VmLck` in `/proc/self/status`).
func lockedKiB() -> Int {
  let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  let line = text.split(separator: "\n").first { $0.hasPrefix("VmLck:") } ?? ""
  return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

@Suite("LockedBytes: key material in locked pages left out of core dumps", .serialized)
struct LockedBytesTests {
  @Test("The bytes' pages are locked (lo) and not dumped (dd), and VmLck grows by a page")
  func pagesLockedAndNotDumped() throws {
    let before = lockedKiB()
    let buffer = LockedBytes([1, 2, 3, 4, 5, 6, 7, 8])
    let address = try #require(buffer.withUnsafeBytes { $0.baseAddress })
    let flags = try #require(pageFlags(of: address))
    #expect(buffer.isLocked)
    #expect(flags.contains("lo"), "VmFlags: \(flags.sorted())")
    #expect(flags.contains("dd"), "VmFlags: \(flags.sorted())")
    #expect(lockedKiB() >= before + LockedBytes.pageSize / 1024)
    #expect(buffer.copiedBytes() == [1, 2, 3, 4, 5, 6, 7, 8])
  }

  @Test("Empty: no pages, nothing to lock")
  func empty() {
    let buffer = LockedBytes([])
    #expect(buffer.count == 0)
    #expect(buffer.copiedBytes().isEmpty)
  }
}
