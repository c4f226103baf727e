import OTP
import SmartCard
import TestSupport
import TokenCrypto
import YubiKeyOATH

/// A random source that returns `bytes` (repeated as needed): a fixed host challenge.
struct FixedBytes: RandomSource {
  var bytes: [UInt8]

  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    (0..<count).map { bytes[$0 % bytes.count] }
  }

  func uniform(below upperBound: UInt32) throws(CryptoError) -> UInt32 { 0 }
}

/// A card that checks each command against the next expected one and answers as scripted:
/// vectors written out by hand, independent of the simulator.
final class ExpectingCard: CardTransport {
  struct Step {
    var command: [UInt8]?
    var answer: [UInt8]
  }

  private var steps: [Step]
  /// Commands received, in order.
  private(set) var received: [[UInt8]] = []
  /// Commands that differed from the expected bytes.
  private(set) var mismatches: [String] = []

  init(_ steps: [Step]) { self.steps = steps }

  func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    received.append(command.bytes)
    guard !steps.isEmpty else { throw .cardRemoved }
    let step = steps.removeFirst()
    if let expected = step.command, expected != command.bytes {
      mismatches.append("expected \(expected), got \(command.bytes)")
    }
    return ResponseAPDU(bytes: step.answer)!
  }

  func reconnect() throws(CardFailure) {}
}

/// The §6.2 example's name and secret.
enum Vector {
  static let name = Array("Example:alice@example.com".utf8)
  static let secret = Secret(hex("48 65 6C 6C 6F 21 DE AD BE EF"))
  static let time: Int64 = 1_700_000_000
  static let selectNoPassword = hex("79 03 05 04 03 71 08 01 02 03 04 05 06 07 08 90 00")
  static let selectWithPassword = hex(
    "79 03 05 04 03 71 08 01 02 03 04 05 06 07 08 74 08 11 22 33 44 55 66 77 88 7B 01 01 90 00")

  static func id() throws -> OATHCredentialID {
    try OATHCredentialID(issuer: "Example", account: "alice@example.com")
  }
}
