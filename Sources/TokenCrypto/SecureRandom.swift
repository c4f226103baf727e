internal import CLibCrypto

/// A source of random bytes. Production code uses `SystemRandom`; tests inject fixed bytes.
public protocol RandomSource: Sendable {
  /// Returns `count` random bytes.
  func bytes(_ count: Int) throws(CryptoError) -> [UInt8]
}

/// The operating system CSPRNG through libcrypto's `RAND_bytes` (seeded from getrandom(2)).
public struct SystemRandom: RandomSource {
  public init() {}

  public func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    guard count > 0 else { return [] }
    var out = [UInt8](repeating: 0, count: count)
    let ok = out.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
    guard ok == 1 else { throw .libraryFailure("RAND_bytes") }
    return out
  }
}

extension RandomSource {
  /// A uniformly distributed integer in `0..<upperBound`, by rejection sampling (no modulo bias).
  public func uniform(below upperBound: UInt32) throws(CryptoError) -> UInt32 {
    precondition(upperBound > 0)
    let limit = UInt32.max - (UInt32.max % upperBound)
    while true {
      let raw = try bytes(4)
      let value = raw.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      if value < limit { return value % upperBound }
    }
  }
}
