import Foundation
import OTP
import TestSupport
import Testing

@Suite("Secret: its bytes sit in locked pages left out of core dumps")
struct SecretMemoryTests {
  @Test("A seed's bytes are in a page marked lo (mlock) and dd (MADV_DONTDUMP)")
  func seedPagesLocked() throws {
    let secret = Secret(Array(repeating: 0x42, count: 20))
    let address = try #require(secret.withUnsafeBytes { $0.baseAddress })
    let flags = try #require(ProcessMemory.pageFlags(of: address))
    #expect(flags.contains("lo"), "VmFlags: \(flags.sorted())")
    #expect(flags.contains("dd"), "VmFlags: \(flags.sorted())")
    #expect(secret.revealedBytes() == Array(repeating: 0x42, count: 20))
    #expect(secret == Secret(Array(repeating: 0x42, count: 20)))
    #expect(secret != Secret(Array(repeating: 0x43, count: 20)))
  }
}
