import Testing
import TokenCrypto

/// A `RandomSource` that replays fixed bytes, for checking rejection sampling.
private struct ScriptedRandom: RandomSource {
  let script: [UInt8]
  let position = Position()
  final class Position: @unchecked Sendable {
    // Tests use one instance from one task; no concurrent access.
    var offset = 0
  }
  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    let start = position.offset
    position.offset += count
    return (start..<start + count).map { script[$0 % script.count] }
  }
}

@Suite("Constant-time comparison and the system CSPRNG")
struct RandomAndComparisonTests {
  @Test("constantTimeEquals compares length and content")
  func constantTimeEquals() {
    #expect(SecureBytes.constantTimeEquals([], []))
    #expect(SecureBytes.constantTimeEquals([1, 2, 3], [1, 2, 3]))
    #expect(!SecureBytes.constantTimeEquals([1, 2, 3], [1, 2, 4]))
    #expect(!SecureBytes.constantTimeEquals([1, 2, 3], [1, 2]))
    #expect(!SecureBytes.constantTimeEquals([0], []))
  }

  @Test("zero overwrites the bytes")
  func zeroing() {
    var bytes: [UInt8] = [1, 2, 3, 4]
    SecureBytes.zero(&bytes)
    #expect(bytes == [0, 0, 0, 0])
  }

  @Test("SystemRandom returns the requested lengths")
  func lengths() throws {
    let random = SystemRandom()
    for count in [0, 1, 8, 16, 63, 64, 1000] {
      #expect(try random.bytes(count).count == count)
    }
  }

  @Test("SystemRandom outputs differ between calls")
  func distinct() throws {
    let random = SystemRandom()
    let samples = try (0..<32).map { _ in try random.bytes(16) }
    #expect(Set(samples.map { $0.description }).count == samples.count)
    #expect(samples.allSatisfy { $0 != [UInt8](repeating: 0, count: 16) })
  }

  @Test("uniform(below:) stays in range and reaches every value")
  func uniformRange() throws {
    let random = SystemRandom()
    var seen = Set<UInt32>()
    for _ in 0..<2000 {
      let value = try random.uniform(below: 10)
      #expect(value < 10)
      seen.insert(value)
    }
    #expect(seen.count == 10)
    #expect(try random.uniform(below: 1) == 0)
  }

  @Test("uniform(below:) rejects the biased top of the range")
  func uniformRejects() throws {
    // 0xFFFFFFFF lies above the largest multiple of 10, so it is drawn again; 0x0000000D → 3.
    let random = ScriptedRandom(script: [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x0D])
    #expect(try random.uniform(below: 10) == 3)
  }
}
