import Wizard

/// A request for the card on a reader.
public enum ReaderRequest: Sendable {
  /// Read the token's identity (GET INFO and the model checks).
  case identify(reader: String)
  /// Burn the order's seed, reporting each stage.
  case burn(BurnOrder)
}

/// The readers as the loop sees them: started once, handed requests, stopped at the end. The
/// answers come back as events on the `EventQueue` the port was made with (`readersChanged`,
/// `readerServiceFailed`, `tokenIdentified`, `burnStageStarted`, `burnWaitingForToken`,
/// `burnFinished`). `ReaderWorker` is the PC/SC implementation.
public protocol ReaderPort: Sendable {
  /// Starts watching the readers; later calls do nothing.
  func start()
  /// Queues `request`; its answer arrives as an event.
  func submit(_ request: ReaderRequest)
  /// Stops; returns when no device call is under way any more (or after a bounded wait).
  func stop()
}
