import Foundation
import PCSC
import SmartCard
import Synchronization
import Token2
import Wizard

/// The PC/SC driver thread: owns the `PCSCContext`, reports reader changes, and runs identify
/// and burn requests, posting the results as wizard events. All PC/SC calls happen here, except
/// `SCardCancel`, which other threads make only under the lock that also guards the context's
/// release (pcsc-lite does not survive a cancel racing a release).
public final class ReaderWorker: ReaderPort {
  /// How long `stop` waits for the thread to leave pcsc-lite before the process may exit.
  static let stopTimeout: DispatchTimeInterval = .seconds(2)

  private struct Shared {
    var requests: [ReaderRequest] = []
    var canceller: PCSCCanceller?
    var isStopped = false
    var isStarted = false
  }

  private let events: EventQueue
  private let shared = Mutex(Shared())
  private let finished = DispatchSemaphore(value: 0)

  /// A worker that posts its answers to `events`; nothing runs until `start`.
  public init(events: EventQueue) { self.events = events }

  /// Starts the thread once; later calls do nothing.
  public func start() {
    let first = shared.withLock { state in
      defer { state.isStarted = true }
      return !state.isStarted
    }
    guard first else { return }
    let thread = Thread { [self] in
      run()
      finished.signal()
    }
    thread.name = "pcsc"
    thread.start()
  }

  /// Queues `request` and wakes the thread from its status wait.
  public func submit(_ request: ReaderRequest) {
    shared.withLock { state in
      state.requests.append(request)
      state.canceller?.cancel()
    }
  }

  /// Ends the thread and waits (at most `stopTimeout`, a burn may be under way) until it has
  /// released its context, so the process never exits inside a PC/SC call.
  public func stop() {
    let wasStarted = shared.withLock { state in
      state.isStopped = true
      state.canceller?.cancel()
      return state.isStarted
    }
    if wasStarted { _ = finished.wait(timeout: .now() + Self.stopTimeout) }
  }

  private var isStopped: Bool { shared.withLock { $0.isStopped } }

  private func run() {
    var lastProblem: String?
    while !isStopped {
      let context: PCSCContext
      do {
        context = try PCSCContext()
      } catch {
        if lastProblem != error.operatorMessage {
          lastProblem = error.operatorMessage
          events.post(.readerServiceFailed(message: error.operatorMessage))
        }
        failPendingRequests(CardFailure.serviceUnavailable(error.operatorMessage))
        Thread.sleep(forTimeInterval: 1)
        continue
      }
      lastProblem = nil
      shared.withLock { $0.canceller = context.canceller }
      serve(context)
      // No cancel can start once the canceller is gone; one under way finishes first.
      shared.withLock { $0.canceller = nil }
      context.release()
    }
  }

  /// Reports states and runs requests until the context fails or the worker stops.
  private func serve(_ context: PCSCContext) {
    do {
      events.post(.readersChanged(try context.readerStates().map(Self.entry)))
      while !isStopped {
        for request in shared.withLock({ state in
          defer { state.requests = [] }
          return state.requests
        }) {
          perform(request, context: context)
        }
        if case .changed(let states) = try context.waitForChange(timeout: .milliseconds(500)) {
          events.post(.readersChanged(states.map(Self.entry)))
        }
      }
    } catch {
      events.post(.readerServiceFailed(message: error.operatorMessage))
      // pcscd went away or the context broke: try again shortly, without spinning.
      Thread.sleep(forTimeInterval: 0.5)
    }
  }

  private static func entry(_ state: ReaderState) -> ReaderEntry {
    ReaderEntry(name: state.name, hasCard: state.card.holdsCard)
  }

  private func perform(_ request: ReaderRequest, context: PCSCContext) {
    switch request {
    case .identify(let reader):
      events.post(
        .tokenIdentified(reader: reader, TokenOperations.identify(reader, context: context)))
    case .burn(let order):
      let events = self.events
      let result = TokenOperations.burn(
        order, context: context, onWaiting: { events.post(.burnWaitingForToken) },
        progress: { events.post(.burnStageStarted($0)) })
      events.post(.burnFinished(result))
    }
  }

  private func failPendingRequests(_ failure: CardFailure) {
    let requests = shared.withLock { state in
      defer { state.requests = [] }
      return state.requests
    }
    for request in requests {
      switch request {
      case .identify(let reader):
        events.post(.tokenIdentified(reader: reader, .failure(.cardUnavailable(failure))))
      case .burn: events.post(.burnFinished(.failure(.cardUnavailable(failure))))
      }
    }
  }
}
