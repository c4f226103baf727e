import Foundation

/// The wall clock, read in one place: the loop's tick deadlines and the `ticked` events come
/// from here, so a test can run the whole wizard against a clock it controls. The pure targets
/// never read it; they are handed the time.
public protocol WallClock: Sendable {
  /// Unix time now, in seconds with a fraction.
  func now() -> Double
}

/// The system's real-time clock (`Date`).
public struct SystemClock: WallClock {
  /// The clock of this process.
  public init() {}

  public func now() -> Double { Date().timeIntervalSince1970 }
}
