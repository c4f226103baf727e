import Canvas
import Foundation
import Runtime
import Simulator
import Terminal
import Wizard

#if canImport(Glibc)
  import Glibc
#endif

/// One wizard run in process: the real loop, screens and state machine over a fake terminal,
/// an in-memory token on an in-memory reader, an in-memory registry, inline effects and the
/// system clock. A watchdog raises SIGTERM when the run outlives `timeout`, so a stuck script
/// ends as `.terminated` with its frames kept, never as a hung test.
final class Harness: @unchecked Sendable {
  let terminal: FakeTerminal
  let signals = FakeSignals()
  let registry: FakeRegistry
  let token = InMemoryReaders.makeToken()
  private let lock = NSLock()
  private var readerPorts: [InMemoryReaders] = []
  private let finished = DispatchSemaphore(value: 0)
  private var exit: WizardExit??

  init(size: TerminalSize = TerminalSize(columns: 80, rows: 24), registry: FakeRegistry = .init()) {
    terminal = FakeTerminal(size: size)
    self.registry = registry
  }

  /// The reader port the run made (one per run).
  var readers: InMemoryReaders? { lock.withLock { readerPorts.first } }

  private func ports() -> RuntimePorts {
    RuntimePorts(
      host: FakeHost(), registry: registry,
      makeReaders: { [self] events in
        let port = InMemoryReaders(events: events, token: token)
        lock.withLock { readerPorts.append(port) }
        return port
      },
      executor: InlineExecutor(), signals: signals)
  }

  /// Starts the run on its own thread.
  func start(options: WizardOptions = WizardOptions(readerName: "virtual")) {
    let thread = Thread { [self] in
      let result = WizardRuntime(options: options, ports: ports()).run(on: terminal)
      lock.withLock { exit = .some(result) }
      finished.signal()
    }
    thread.start()
  }

  /// Waits for the run's end (SIGTERM after `timeout` seconds); its exit.
  func wait(timeout: Double = 20) -> WizardExit? {
    if finished.wait(timeout: .now() + timeout) == .timedOut {
      signals.raise(SIGTERM)
      finished.wait()
    }
    return lock.withLock { exit ?? nil }
  }

  /// Starts and waits.
  func run(options: WizardOptions = WizardOptions(readerName: "virtual"), timeout: Double = 20)
    -> WizardExit?
  {
    start(options: options)
    return wait(timeout: timeout)
  }

  /// Whether some frame showed `text`.
  func showed(_ text: String) -> Bool { terminal.frames.contains { $0.contains(text) } }
}
