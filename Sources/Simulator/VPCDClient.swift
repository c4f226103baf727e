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
    // field shared with other threads (`shared`) is guarded by `condition`.

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

    private struct Shared {
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
    private enum Incoming {
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
    private let applet: any CardApplet
    private let condition = NSCondition()
    private var shared = Shared()
    private let wakePipe = VPCDWakePipe()
    /// Whether the applet has power (run thread only).
    private var powered = false
    /// Whether pcscd took up the card on this connection: it powered or reset it or sent an
    /// APDU. Until then `registrationDeadline` applies (run thread only).
    private var registered = false
    private var registrationDeadline: ContinuousClock.Instant?
    /// Rejoins since the card last entered the field for another reason (run thread only).
    private var rejoinsInARow = 0
    /// Whether the next connection is a rejoin's return, not a new insertion (run thread only).
    private var rejoining = false

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

    // MARK: - Run loop (run thread only)

    private func run() {
      var socket: VPCDSocket?
      var unreachableSince = ContinuousClock.now
      while true {
        wakePipe.drain()
        let (stop, removed) = locked { ($0.stopRequested, $0.removed) }
        if stop {
          if socket != nil { leaveField(&socket) }
          setState(.stopped)
          return
        }
        if removed {
          if socket != nil { leaveField(&socket) }
          rejoining = false  // the next connection is a new insertion
          setState(.removed)
          wakePipe.sleep(.seconds(3600))
          unreachableSince = .now
          continue
        }
        if case .failed = state {
          wakePipe.sleep(.seconds(3600))
          unreachableSince = .now
          continue
        }
        guard let connection = socket else {
          socket = connect(unreachableSince: unreachableSince)
          continue
        }
        switch readMessage(connection) {
        case .interrupted:
          continue
        case .closed:
          leaveField(&socket)
          unreachableSince = .now
        case .unregistered:
          rejoin(&socket)
          unreachableSince = .now
        case .message(let message):
          if !answer(message, on: connection) {
            leaveField(&socket)
            unreachableSince = .now
          }
        }
      }
    }

    /// One connection attempt; sleeps `retryInterval` after a failure.
    private func connect(unreachableSince: ContinuousClock.Instant) -> VPCDSocket? {
      setState(.connecting)
      switch VPCDSocket.connect(
        host: configuration.host, port: configuration.port, timeout: .seconds(1))
      {
      case .success(let socket):
        // A contactless card is powered by the field as it enters it. pcscd may not have
        // noticed a short absence and then sends APDUs without powering the card first.
        powerOn()
        if rejoining {
          rejoining = false
        } else {
          rejoinsInARow = 0
        }
        registered = false
        registrationDeadline = configuration.registrationTimeout.map { .now + $0 }
        let counted = rejoinsInARow == 0
        locked {
          if counted { $0.connections += 1 }
          $0.state = .connected
        }
        condition.broadcast()
        return socket
      case .failure(let failure):
        if let limit = configuration.giveUpAfter, ContinuousClock.now - unreachableSince >= limit {
          setState(
            .failed(
              "vpcd not reachable at \(configuration.host):\(configuration.port) (\(failure))"))
        } else {
          wakePipe.sleep(configuration.retryInterval)
        }
        return nil
      }
    }

    /// Reads one frame; while pcscd has not taken up the card, only until its deadline.
    private func readMessage(_ socket: VPCDSocket) -> Incoming {
      let interrupted = { [self] in locked { $0.stopRequested || $0.removed } }
      let deadline =
        registered || rejoinsInARow >= configuration.maxRejoins ? nil : registrationDeadline
      let header: [UInt8]
      switch socket.read(2, wake: wakePipe, deadline: deadline, interrupted: interrupted) {
      case .interrupted: return .interrupted
      case .closed: return .closed
      case .timedOut: return .unregistered
      case .bytes(let bytes): header = bytes
      }
      let length = VPCDFrame.payloadLength(header: header)
      guard length > 0 else { return .message(.empty) }
      switch socket.read(length, wake: wakePipe, interrupted: interrupted) {
      case .interrupted: return .interrupted
      case .closed, .timedOut: return .closed
      case .bytes(let payload): return .message(VPCDMessage(payload: payload))
      }
    }

    /// Handles one message; `false` when the connection must be dropped (write failed or a
    /// fault fired).
    private func answer(_ message: VPCDMessage, on socket: VPCDSocket) -> Bool {
      switch message {
      case .powerOn, .reset, .apdu: registered = true
      default: break
      }
      switch message {
      case .powerOff:
        applet.powerOff()
        powered = false
      case .powerOn: powerOn()
      case .reset:
        applet.powerOff()
        powerOn()
      case .getATR: return socket.write(VPCDFrame.encode(applet.atr))
      case .unknownControl, .empty: break
      case .apdu(let command):
        if let fault = firingFault() {
          if fault.executeBeforeDrop {
            _ = applet.process(command)
            locked { $0.apduCount += 1 }
          }
          locked { $0.drops += 1 }
          setState(.outOfField)
          socket.shutdown()
          wakePipe.sleep(fault.returnAfter)
          return false
        }
        // An APDU only reaches a card in the field, and the field powers it: after a power-off
        // that pcscd did not follow with a power-on, the card starts a fresh session.
        if !powered { powerOn() }
        let response = applet.process(command)
        locked { $0.apduCount += 1 }
        // A card with nothing to say is mute: leave the field. An empty frame would leave vpcd
        // blocked for good in a zero-length recv (Linux waits for at least one byte).
        guard !response.isEmpty else { return false }
        return socket.write(VPCDFrame.encode(response))
      }
      return true
    }

    private func powerOn() {
      applet.powerOn()
      powered = true
    }

    /// Counts an APDU against the armed fault; returns the fault (now disarmed) if it fires.
    private func firingFault() -> VPCDFault? {
      locked { shared -> VPCDFault? in
        guard let fault = shared.fault, let limit = fault.dropAfterAPDU else { return nil }
        shared.apdusSinceArmed += 1
        guard shared.apdusSinceArmed >= limit else { return nil }
        shared.fault = nil
        return fault
      }
    }

    /// pcscd did not take up the card after it connected: the return may have come before
    /// pcscd's reader thread saw the card go, and a client's failed reset in that gap leaves
    /// pcscd showing no card for good (docs/pcsc-sandbox.md). Leaving for several presence
    /// polls lets the reader thread see a removal, then an insertion, which it powers.
    private func rejoin(_ socket: inout VPCDSocket?) {
      leaveField(&socket)
      rejoinsInARow += 1
      rejoining = true
      locked { $0.rejoins += 1 }
      setState(.outOfField)
      wakePipe.sleep(configuration.rejoinAway)
    }

    private func leaveField(_ socket: inout VPCDSocket?) {
      socket?.shutdown()
      socket = nil
      applet.powerOff()
      powered = false
    }

    private func setState(_ state: State) {
      locked { $0.state = state }
      condition.broadcast()
    }

    private func locked<T>(_ body: (inout Shared) -> T) -> T {
      condition.lock()
      defer { condition.unlock() }
      return body(&shared)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
      let (seconds, attoseconds) = duration.components
      return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
  }
#endif
