import Synchronization
import Wizard

/// Events posted by worker threads for the loop that owns the wizard state. Thread-safe.
final class EventQueue: Sendable {
  private let pending = Mutex<[WizardEvent]>([])

  /// Adds `event`; the loop picks it up within one input timeout (100 ms).
  func post(_ event: WizardEvent) {
    pending.withLock { $0.append(event) }
  }

  /// Removes and returns every pending event, oldest first.
  func drain() -> [WizardEvent] {
    pending.withLock { events in
      defer { events.removeAll() }
      return events
    }
  }
}
