import Foundation
import SmartCard

/// A tiny card for driver tests: echoes every command back with `90 00`, except
/// INS `B0`, which answers 256 bytes 00…FF (a full short response), and INS `6A`, which
/// answers the bare error status `6A 82`. Thread-safe so tests may read its log while the
/// vpcd client thread drives it.
final class EchoApplet: CardApplet, @unchecked Sendable {
  // @unchecked Sendable: all mutable state is guarded by `lock`.

  /// The PC/SC contactless ATR with no historical bytes (PC/SC part 3, 3B 8n 80 01 … TCK).
  let atr: [UInt8] = [0x3B, 0x80, 0x80, 0x01, 0x01]

  private let lock = NSLock()
  private var _received: [[UInt8]] = []
  private var _powerOns = 0
  private var _powerOffs = 0

  /// Every APDU processed, in order.
  var received: [[UInt8]] { lock.withLock { _received } }
  var powerOns: Int { lock.withLock { _powerOns } }
  var powerOffs: Int { lock.withLock { _powerOffs } }

  func powerOn() { lock.withLock { _powerOns += 1 } }
  func powerOff() { lock.withLock { _powerOffs += 1 } }

  func process(_ command: [UInt8]) -> [UInt8] {
    lock.withLock { _received.append(command) }
    switch command.count >= 2 ? command[1] : 0 {
    case 0xB0: return (0...255).map { UInt8($0) } + [0x90, 0x00]
    case 0x6A: return [0x6A, 0x82]
    default: return command + [0x90, 0x00]
    }
  }
}
