import Canvas
import QREncoding
import Screens
import Terminal
import Wizard

#if canImport(Glibc)
  import Glibc
#endif

/// The loop that owns the wizard state and the terminal, on the calling thread: keys, signals,
/// ticks and port results become events; effects go to the `EffectRunner`; every change is
/// drawn. Between changes it sleeps in `poll(2)` on the terminal and the event queue's wake
/// pipe, with the next tick as the timeout (ADR 0008).
public struct WizardRuntime {
  /// The options of the command line.
  public var options: WizardOptions
  /// Everything but the terminal.
  public var ports: RuntimePorts

  /// A runtime for `options` over `ports`.
  public init(options: WizardOptions, ports: RuntimePorts) {
    self.options = options
    self.ports = ports
  }

  /// Runs until the wizard quits; `nil` when the terminal could not be set up. The terminal is
  /// restored on every path out of here, signals included; a crash cannot be caught, so the
  /// code avoids traps.
  public func run(on terminal: any TerminalPort) -> WizardExit? {
    guard terminal.begin() else { return nil }
    let events = EventQueue()
    ports.signals.install(waking: events)
    defer {
      terminal.end()
      ports.signals.uninstall()
    }
    let effects = EffectRunner(events: events, ports: ports)
    defer { effects.stop() }
    var loop = Loop(
      state: WizardState(options: options), size: terminal.size,
      style: ScreenStyle(terminal.capabilities))
    return loop.run(terminal: terminal, events: events, effects: effects, signals: ports.signals)
  }

  /// The state, the size it is drawn at, and one turn of the loop.
  private struct Loop {
    var state: WizardState
    var size: TerminalSize
    let style: ScreenStyle

    mutating func run(
      terminal: any TerminalPort, events: EventQueue, effects: EffectRunner,
      signals: any SignalPort
    ) -> WizardExit {
      var pending = state.start()
      while true {
        // Effects first, then one frame for everything that changed since the last one.
        for effect in pending {
          if case .quit(let exit) = effect { return exit }
          effects.run(effect, clockUnknown: state.now == nil)
        }
        pending = []
        // The key screen's QR code, encoded here for each frame (the screens link no encoder).
        let qrCode = ScreenRenderer.qrCodeText(for: state).flatMap(QRMatrix.encode)
        terminal.draw(ScreenRenderer.render(state, size: size, style: style, qrCode: qrCode))
        InputWait.wait(
          terminal: terminal.inputDescriptor, wake: events.wakeDescriptor,
          timeout: effects.secondsUntilTick())
        if let signal = signals.take() {
          pending += state.handle(signal == SIGINT ? .interrupted : .terminated)
        }
        // Every pending key, each mapped on the state the keys before it left (a digit and
        // the Enter after it arrive in one read when typed fast). Read after every wake-up,
        // since a resize is reported by the read that follows SIGWINCH.
        while let input = terminal.readInput() {
          switch input {
          case .key(let key):
            if let action = Self.action(for: key, in: state, size: size) {
              pending += state.handle(.keyPressed(action))
            }
          case .resized(let newSize):
            size = newSize
          }
        }
        for event in events.drain() { pending += state.handle(event) }
        if let tick = effects.dueTick() { pending += state.handle(tick) }
      }
    }

    /// What `key` means; while "terminal too small" hides the screen, only quitting counts.
    private static func action(for key: Key, in state: WizardState, size: TerminalSize)
      -> UserAction?
    {
      guard let action = KeyMap.action(for: key, in: state) else { return nil }
      let minimum = ScreenRenderer.minimumSize
      let isHidden = size.columns < minimum.columns || size.rows < minimum.rows
      return !isHidden || action == .quit || action == .yes ? action : nil
    }
  }
}
