import Dispatch

/// Where the file, printer and registry work of an effect runs. The loop never waits for it:
/// each piece of work posts its result to the `EventQueue`.
public protocol EffectExecutor: Sendable {
  /// Runs `work` (now or later, on any thread).
  func execute(_ work: @escaping @Sendable () -> Void)
}

/// The executor of the product: one concurrent dispatch queue, so a slow scrypt verification
/// never holds up a directory listing, and the threads are the system's pool instead of one
/// new thread per effect.
public struct BackgroundExecutor: EffectExecutor {
  private let queue = DispatchQueue(
    label: "tokenburner.effects", qos: .userInitiated, attributes: .concurrent)

  /// An executor with its own queue.
  public init() {}

  public func execute(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }
}
