import SmartCard

/// A family-B status word as the driver reads it (protocol note §5.6).
public enum Molto2Status: Equatable, Sendable {
  /// `90 00`.
  case success
  /// `90 60`: accepted, waiting for ▲ on the device (key change, factory reset).
  case awaitingConfirmation
  /// `63 NN`: AUTHENTICATE refused, NN tries left before the device locks. Never retried.
  case keyRefused(triesLeft: Int)
  /// `6A 83`: DELETE SEED on an empty slot.
  case slotEmpty
  /// `6F FB`: a public-data read sent as case 4 (with Le).
  case caseFourRefused
  /// Anything else: a command-specific failure, shown in hex.
  case other(StatusWord)

  /// Classifies `status`.
  public init(_ status: StatusWord) {
    switch (status.sw1, status.sw2) {
    case (0x90, 0x00): self = .success
    case (0x90, 0x60): self = .awaitingConfirmation
    case (0x63, let left): self = .keyRefused(triesLeft: Int(left))
    case (0x6A, 0x83): self = .slotEmpty
    case (0x6F, 0xFB): self = .caseFourRefused
    default: self = .other(status)
    }
  }

  /// `90 60`.
  public static let awaitingConfirmationWord = StatusWord(0x90, 0x60)
  /// `6A 83`.
  public static let slotEmptyWord = StatusWord(0x6A, 0x83)
  /// `6F FB`.
  public static let caseFourRefusedWord = StatusWord(0x6F, 0xFB)
  /// `63 NN`.
  public static func keyRefusedWord(triesLeft: Int) -> StatusWord {
    StatusWord(0x63, UInt8(clamping: triesLeft))
  }
}

/// A family-B command, named in progress and failure messages.
public enum Molto2Command: String, Sendable, Codable, CustomStringConvertible {
  case getInfo, readPublicData, getChallenge, authenticate, deleteSeed, writeSeed, writeTitle
  case writeConfig, syncTime

  /// The name as in protocol note §5.2.
  public var description: String {
    switch self {
    case .getInfo: "GET INFO"
    case .readPublicData: "READ PROFILE PUBLIC DATA"
    case .getChallenge: "GET CHALLENGE"
    case .authenticate: "AUTHENTICATE"
    case .deleteSeed: "DELETE SEED"
    case .writeSeed: "WRITE SEED"
    case .writeTitle: "WRITE TITLE"
    case .writeConfig: "WRITE CONFIG"
    case .syncTime: "SYNC TIME"
    }
  }
}
