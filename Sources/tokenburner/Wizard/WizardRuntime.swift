import Foundation
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
  var imageDecoder: any ImageSecretDecoder = UnavailableImageDecoder()

  /// Runs until the wizard quits. The terminal is restored on every path out of here,
  /// including signals; a crash cannot be caught, so the code avoids traps.
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
    let style = ScreenStyle(terminal.capabilities)
    let events = EventQueue()
    let effects = EffectRunner(events: events, imageDecoder: imageDecoder)
    defer { effects.stop() }
    var state = WizardState(options: options)
    var pending = state.start()
    var size = terminal.size
    while true {
      for effect in pending {
        if case .quit(let exit) = effect { return exit }
        effects.run(effect)
      }
      terminal.draw(ScreenRenderer.render(state, size: size, style: style))
      var incoming: [WizardEvent] = []
      if let signal = SignalTrap.take() { incoming.append(signal == SIGINT ? .interrupted : .terminated) }
      switch terminal.nextInput() {
      case .key(let key)?:
        if let action = KeyMap.action(for: key, in: state) { incoming.append(.keyPressed(action)) }
      case .resized(let newSize)?:
        size = newSize
      case nil:
        break
      }
      incoming += events.drain()
      if let tick = effects.dueTick(at: Date()) { incoming.append(tick) }
      pending = incoming.flatMap { state.handle($0) }
    }
  }
}
