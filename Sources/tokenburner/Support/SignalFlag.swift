import Dispatch
import Foundation

/// Turns a signal into a flag a polling loop can wait on (e.g. SIGUSR1: "show the display now").
final class SignalFlag: @unchecked Sendable {
  // @unchecked: `raised` is guarded by `condition`; the dispatch source only sets it.
  private let condition = NSCondition()
  private var raised = false
  private let source: any DispatchSourceSignal

  init(_ signalNumber: Int32) {
    signal(signalNumber, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    source.setEventHandler { [condition] in
      condition.lock()
      self.raised = true
      condition.broadcast()
      condition.unlock()
    }
    source.resume()
  }

  /// Whether the signal arrived since the last call; clears the flag.
  func take() -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let was = raised
    raised = false
    return was
  }

  /// Sleeps up to `seconds`, waking early when the signal arrives.
  func wait(upTo seconds: TimeInterval) {
    let deadline = Date().addingTimeInterval(seconds)
    condition.lock()
    defer { condition.unlock() }
    while !raised, condition.wait(until: deadline) {}
  }
}
