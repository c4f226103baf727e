/// What a reader reports about the card slot, reduced from the PC/SC state flags
/// (`SCARD_STATE_*`) to the cases an operator and the wizard tell apart.
public enum CardStatus: Equatable, Sendable {
  /// No card in the field.
  case absent
  /// A card is present and nobody else is using it.
  case present
  /// A card is present and another program has it open in shared mode.
  case inUse
  /// A card is present and another program holds it exclusively: connecting will fail.
  case exclusive
  /// Something is in the field but does not answer (e.g. a switched-off token).
  case mute
  /// The reader cannot report its state (unplugged while being read, driver failure).
  case unavailable

  /// Whether a card is physically there, answering or not.
  public var holdsCard: Bool {
    switch self {
    case .present, .inUse, .exclusive, .mute: true
    case .absent, .unavailable: false
    }
  }

  /// Decodes `dwEventState` of `SCARD_READERSTATE` (pcsclite.h). The flag order matters: a
  /// mute card also has the PRESENT bit, an exclusive one also INUSE.
  public init(flags: UInt32) {
    let unavailable: UInt32 = 0x0008
    let empty: UInt32 = 0x0010
    let present: UInt32 = 0x0020
    let exclusive: UInt32 = 0x0080
    let inUse: UInt32 = 0x0100
    let mute: UInt32 = 0x0200
    let unknown: UInt32 = 0x0004
    if flags & (unknown | unavailable) != 0 {
      self = .unavailable
    } else if flags & present == 0 || flags & empty != 0 {
      self = .absent
    } else if flags & mute != 0 {
      self = .mute
    } else if flags & exclusive != 0 {
      self = .exclusive
    } else if flags & inUse != 0 {
      self = .inUse
    } else {
      self = .present
    }
  }
}

/// One PC/SC reader and its card slot, as `PCSCContext.readerStates()` reports it.
public struct ReaderState: Equatable, Sendable {
  /// The reader name exactly as pcscd spells it, e.g. `Virtual PCD 00 00`.
  public var name: String
  /// Whether a card is there and who uses it.
  public var card: CardStatus
  /// The card's Answer To Reset; empty without a card.
  public var atr: [UInt8]

  public init(name: String, card: CardStatus, atr: [UInt8] = []) {
    self.name = name
    self.card = card
    self.atr = atr
  }
}

/// The outcome of `PCSCContext.waitForChange(timeout:)`.
public enum ReaderChange: Equatable, Sendable {
  /// A reader was added or removed, or a card came or went: the states as they are now.
  case changed([ReaderState])
  /// Nothing changed before the timeout.
  case timedOut
  /// `PCSCCanceller.cancel()` ended the wait.
  case cancelled
}
