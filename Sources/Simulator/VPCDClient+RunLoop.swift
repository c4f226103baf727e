#if canImport(Glibc)
  import Foundation
  import SmartCard

  /// The run loop of `VPCDClient` (run thread only): connecting to vpcd, answering its
  /// messages with the applet, the fault's drop and return, and the rejoin when pcscd does not
  /// take the card up.
  extension VPCDClient {
    /// The run thread's loop: connect, answer vpcd's messages, drop, rejoin, until stopped.
    func run() {
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
  }
#endif
