#if canImport(Glibc)
  import Foundation
  import SmartCard

  /// Plugs a `CardApplet` into pcscd through vsmartcard's vpcd driver: the card is a TCP
  /// client of vpcd, which listens on `configuration.port`. While connected, the reader shows
  /// a card; closing the connection is the card leaving the field.
  ///
  /// The client runs on its own thread. The applet is used only on that thread once `start()`
  /// was called, so callers must not touch it until `stop()` returns.
  public final class VPCDClient: @unchecked Sendable {
    // @unchecked Sendable: the applet and the socket are confined to the run thread; every
    // field shared with other threads (`shared`) is guarded by `condition`. The run loop is in
    // VPCDClient+RunLoop.swift; the fields it uses are internal to this module for that reason.

    /// Where the virtual card is.
    public enum State: Equatable, Sendable {
      /// `start()` not called yet.
      case idle
      /// Trying to reach vpcd.
      case connecting
      /// Connected: the reader holds the card.
      case connected
      /// A fault dropped the connection (the card comes back after `returnAfter`), or a rejoin
      /// took it out for `rejoinAway` because pcscd did not take it up.
      case outOfField
      /// `removeCard()` took the card away; `insertCard()` brings it back.
      case removed
      /// vpcd stayed unreachable for `giveUpAfter`; `insertCard()` tries again.
      case failed(String)
      /// `stop()` ended the run loop.
      case stopped
    }

    struct Shared {
      var state: State = .idle
      var stopRequested = false
      var removed = false
      var fault: VPCDFault?
      var apdusSinceArmed = 0
      var apduCount = 0
      var connections = 0
      var drops = 0
      var rejoins = 0
    }

    /// What one read from vpcd brought.
    enum Incoming {
      case message(VPCDMessage)
      /// vpcd closed the connection.
      case closed
      /// A stop or removal interrupted the read.
      case interrupted
      /// pcscd did not take the card up in time (see `VPCDConfiguration.registrationTimeout`).
      case unregistered
    }

    /// The connection settings.
    public let configuration: VPCDConfiguration
    let applet: any CardApplet
    let condition = NSCondition()
    var shared = Shared()
    let wakePipe = VPCDWakePipe()
    /// Whether the applet has power (run thread only).
    var powered = false
    /// Whether pcscd took up the card on this connection: it powered or reset it or sent an
    /// APDU. Until then `registrationDeadline` applies (run thread only).
    var registered = false
    var registrationDeadline: ContinuousClock.Instant?
    /// Rejoins since the card last entered the field for another reason (run thread only).
    var rejoinsInARow = 0
    /// Whether the next connection is a rejoin's return, not a new insertion (run thread only).
    var rejoining = false

    /// Prepares a client for `applet`; nothing happens before `start()`.
    public init(applet: any CardApplet, configuration: VPCDConfiguration = VPCDConfiguration()) {
      self.applet = applet
      self.configuration = configuration
      shared.fault = configuration.fault
    }

    /// The current state.
    public var state: State { locked { $0.state } }
    /// APDUs the applet has processed (including one executed before a fault's drop).
    public var apduCount: Int { locked { $0.apduCount } }
    /// Successful connections to vpcd so far (insertions of the card).
    public var connections: Int { locked { $0.connections } }
    /// Faults that fired so far.
    public var drops: Int { locked { $0.drops } }
    /// Times the card left and came back because pcscd had not taken it up after a connection
    /// (not counted in `connections`).
    public var rejoins: Int { locked { $0.rejoins } }

    /// Starts the run thread. Calling it again has no effect.
    public func start() {
      let first = locked { shared -> Bool in
        guard shared.state == .idle else { return false }
        shared.state = .connecting
        return true
      }
      guard first else { return }
      let thread = Thread { [self] in run() }
      thread.name = "vpcd-client"
      thread.start()
    }

    /// Ends the run loop, closing the connection (the card leaves), and waits for the thread.
    public func stop() {
      let started = locked { shared -> Bool in
        shared.stopRequested = true
        return shared.state != .idle
      }
      wakePipe.wake()
      if started { _ = wait(timeout: .seconds(10)) { $0 == .stopped } }
      locked { $0.state = .stopped }
    }

    /// Takes the card off the reader: closes the connection and stays away.
    public func removeCard() {
      locked { $0.removed = true }
      wakePipe.wake()
    }

    /// Puts the card back (after `removeCard()`, or to retry after `.failed`).
    public func insertCard() {
      let wasAway = locked { shared -> Bool in
        defer { shared.removed = false }
        if case .failed = shared.state {
          shared.state = .connecting  // lets the run loop leave its failed wait
          return true
        }
        return shared.removed
      }
      if wasAway { wakePipe.wake() }
    }

    /// Arms (or with `nil` disarms) a fault; APDUs are counted from now.
    public func arm(_ fault: VPCDFault?) {
      locked {
        $0.fault = fault
        $0.apdusSinceArmed = 0
      }
    }

    /// Blocks until `predicate` holds for the state or `timeout` passes; returns whether it held.
    @discardableResult
    public func wait(timeout: Duration, until predicate: (State) -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(Self.seconds(timeout))
      condition.lock()
      defer { condition.unlock() }
      while !predicate(shared.state) {
        if !condition.wait(until: deadline) { return predicate(shared.state) }
      }
      return true
    }

    func locked<T>(_ body: (inout Shared) -> T) -> T {
      condition.lock()
      defer { condition.unlock() }
      return body(&shared)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
      let (seconds, attoseconds) = duration.components
      return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
  }
#endif
