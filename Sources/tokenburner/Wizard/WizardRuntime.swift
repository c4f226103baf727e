import Canvas
import Foundation
import QREncoding
import Screens
import Terminal
import Wizard

#if canImport(Glibc)
  import Glibc
#endif

/// The loop that owns the wizard state and the curses session, on the calling thread: keys,
/// signals, ticks and driver results become events; effects go to the `EffectRunner`; every
/// change is drawn.
struct WizardRuntime {
  var options: WizardOptions
  var registry: RegistryDriver
  var imageDecoder: any ImageSecretDecoder = QRScanImageDecoder()

  /// Runs until the wizard quits; `nil` when the terminal could not be set up. The terminal is
  /// restored on every path out of here, signals included; a crash cannot be caught, so the
  /// code avoids traps.
  func run() -> WizardExit? {
    let environment = ProcessInfo.processInfo.environment
    let terminal = CursesTerminal()
    guard terminal.start(noColor: environment["NO_COLOR"], term: environment["TERM"]) else {
      return nil
    }
    SignalTrap.install()
    CursesTerminal.restoreAtExit()
    defer {
      terminal.end()
      SignalTrap.uninstall()
    }
    let effects = EffectRunner(events: EventQueue(), imageDecoder: imageDecoder, registry: registry)
    defer { effects.stop() }
    return loop(terminal: terminal, effects: effects)
  }

  private func loop(terminal: CursesTerminal, effects: EffectRunner) -> WizardExit {
    let style = ScreenStyle(terminal.capabilities)
    var state = WizardState(options: options)
    var pending = state.start()
    var size = terminal.size
    while true {
      for effect in pending {
        if case .quit(let exit) = effect { return exit }
        effects.run(effect)
      }
      // The key screen's QR code, encoded here for each frame (the screens link no encoder).
      let qrCode = ScreenRenderer.qrCodeText(for: state).flatMap(QRMatrix.encode)
      terminal.draw(ScreenRenderer.render(state, size: size, style: style, qrCode: qrCode))
      var incoming: [WizardEvent] = []
      if let signal = SignalTrap.take() {
        incoming.append(signal == SIGINT ? .interrupted : .terminated)
      }
      switch terminal.nextInput() {
      case .key(let key)?:
        if let action = Self.action(for: key, in: state, size: size) {
          incoming.append(.keyPressed(action))
        }
      case .resized(let newSize)?:
        size = newSize
      case nil:
        break
      }
      incoming += effects.drainEvents()
      if let tick = effects.dueTick(at: Date()) { incoming.append(tick) }
      pending = incoming.flatMap { state.handle($0) }
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
