import Foundation
import OTP
import Testing

@Suite("Secret: its bytes sit in locked pages left out of core dumps")
struct SecretMemoryTests {
  /// The VmFlags of the mapping that holds `address` (`/proc/self/smaps`).
  static func flags(of address: UnsafeRawPointer) -> Set<String>? {
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

  @Test("A seed's bytes are in a page marked lo (mlock) and dd (MADV_DONTDUMP)")
  func seedPagesLocked() throws {
    let secret = Secret(Array(repeating: 0x42, count: 20))
    let address = try #require(secret.withUnsafeBytes { $0.baseAddress })
    let flags = try #require(Self.flags(of: address))
    #expect(flags.contains("lo"), "VmFlags: \(flags.sorted())")
    #expect(flags.contains("dd"), "VmFlags: \(flags.sorted())")
    #expect(secret.revealedBytes() == Array(repeating: 0x42, count: 20))
    #expect(secret == Secret(Array(repeating: 0x42, count: 20)))
    #expect(secret != Secret(Array(repeating: 0x43, count: 20)))
  }
}
