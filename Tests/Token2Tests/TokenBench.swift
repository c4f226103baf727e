import OTP
import Simulator
import SmartCard
import TestSupport
import Token2
import TokenCrypto

/// The fixed host time used by most tests: 2023-11-14 22:13:20 UTC.
let hostNow: Int64 = 1_700_000_000

/// A random source that always returns the same challenge bytes (repeated as needed).
struct FixedRandom: RandomSource {
  var pattern: [UInt8] = hex("01 02 03 04 05 06 07 08")
  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    (0..<count).map { pattern[$0 % pattern.count] }
  }
}

/// A random source whose every call returns different bytes (a counter), so a stale
/// authentication response never matches a new challenge.
final class CountingRandom: RandomSource, @unchecked Sendable {
  // Each test owns its instance and uses it from one task.
  private var counter: UInt64 = 0
  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    counter += 1
    let value = counter
    return (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * ($0 % 8))) ^ UInt8($0) }
  }
}

/// A simulated token on an in-memory transport, with a recorder in front.
struct Bench {
  let token: SimulatedToken2
  let recorder: RecordingTransport

  init(
    _ configuration: SimulatedToken2Configuration = .init(), hostTime: Int64 = hostNow,
    faults: [LinkFaultPlan] = [], failingReconnects: Int = 0
  ) {
    token = SimulatedToken2(
      configuration: configuration, clock: { hostTime }, random: CountingRandom())
    let base = AppletTransport(applet: token)
    let transport: any CardTransport =
      faults.isEmpty && failingReconnects == 0
      ? base
      : FaultInjectingTransport(
        wrapping: base, faults: faults, failingReconnects: failingReconnects)
    recorder = RecordingTransport(wrapping: transport)
  }

  /// A card handle over the recorder with the same fixed host clock.
  func card(hostTime: Int64 = hostNow) -> Token2Card {
    Token2Card(transport: recorder, clock: { hostTime })
  }

  /// AUTHENTICATE commands the token received.
  var authenticateCount: Int { token.counters.authenticateCommands }

  /// The token's real state, in `TokenState` terms, for a burn of `secret`.
  func realState(for secret: Secret) -> TokenState {
    if token.holdsSeed(of: secret) { return .burned }
    if token.counters.configWrites == 0 { return .unchanged }
    return token.configuration.model.isRestricted ? .seedErased : .configWrittenOldSeedKept
  }
}

/// `count` distinct secret bytes starting at `start`.
func secretBytes(_ count: Int, start: UInt8 = 0x31) -> Secret {
  Secret((0..<count).map { UInt8(truncatingIfNeeded: Int(start) + $0 * 7) })
}

/// The code a correct token shows for `secret` at `time`.
func expectedCode(
  _ secret: Secret, at time: Int64, _ algorithm: Token2Algorithm, _ period: Token2Period
)
  -> String
{
  TOTP.code(
    secret: secret, at: time,
    parameters: TOTPParameters(
      algorithm: algorithm.hashAlgorithm, digits: 6, period: period.seconds))
}
