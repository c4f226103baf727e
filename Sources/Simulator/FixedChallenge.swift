import TokenCrypto

/// A random source that always returns the same bytes: `01 02 03 …`. A simulated token given it
/// answers every GET CHALLENGE alike, so a whole burn's APDUs can be computed once and replayed
/// by a peer client in `make bench`. Never for anything but a simulated token in a bench: a
/// token with a fixed challenge accepts a recorded AUTHENTICATE again.
public struct FixedChallenge: RandomSource {
  public init() {}

  /// `count` bytes counting up from 1.
  public func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 + 1) }
  }
}
