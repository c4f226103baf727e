import Foundation
import SmartCard

/// Serialises access to an applet that the vpcd thread drives while the main thread reads
/// its display: every call goes through one lock.
final class SerializedApplet<Applet: CardApplet>: CardApplet, @unchecked Sendable {
  // @unchecked: `applet` is only touched while `lock` is held.
  private let lock = NSLock()
  private let applet: Applet

  init(_ applet: Applet) { self.applet = applet }

  /// Runs `body` with exclusive access to the applet.
  func with<R>(_ body: (Applet) -> R) -> R {
    lock.lock()
    defer { lock.unlock() }
    return body(applet)
  }

  var atr: [UInt8] { with { $0.atr } }
  func powerOn() { with { $0.powerOn() } }
  func powerOff() { with { $0.powerOff() } }
  func process(_ command: [UInt8]) -> [UInt8] { with { $0.process(command) } }
}
