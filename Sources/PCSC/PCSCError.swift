import CPCSCLite
import SmartCard

/// A PC/SC return code that is not `SCARD_S_SUCCESS`, named after the pcsc-lite constant
/// (`SCARD_E_*` errors and `SCARD_W_*` warnings, pcsclite.h). Mapped once to a `CardFailure`
/// for protocol code and to an operator sentence for people.
public enum PCSCError: Error, Equatable, Sendable {
  /// `SCARD_E_NO_SERVICE`: pcscd is not running (its socket is missing).
  case noService
  /// `SCARD_E_SERVICE_STOPPED`: pcscd went away during the session.
  case serviceStopped
  /// `SCARD_E_NO_READERS_AVAILABLE`: no reader is connected.
  case noReadersAvailable
  /// `SCARD_E_UNKNOWN_READER`: the named reader does not exist (any more).
  case unknownReader
  /// `SCARD_E_READER_UNAVAILABLE`: the reader exists but cannot be used (unplugged, failing).
  case readerUnavailable
  /// `SCARD_E_NO_SMARTCARD`: no card on the reader.
  case noSmartcard
  /// `SCARD_W_REMOVED_CARD`: the card left the reader since the handle was made.
  case removedCard
  /// `SCARD_W_RESET_CARD`: someone reset the card since the handle was made.
  case resetCard
  /// `SCARD_W_UNRESPONSIVE_CARD`: the card does not answer the reset.
  case unresponsiveCard
  /// `SCARD_W_UNPOWERED_CARD`: the card is not powered.
  case unpoweredCard
  /// `SCARD_E_SHARING_VIOLATION`: another program holds the card or reader exclusively.
  case sharingViolation
  /// `SCARD_E_TIMEOUT`: a wait or an exchange ran out of time.
  case timeout
  /// `SCARD_E_NOT_TRANSACTED`: the exchange with the card failed midway.
  case notTransacted
  /// `SCARD_F_COMM_ERROR` / `SCARD_E_COMM_DATA_LOST`: the reader link lost data.
  case commDataLost
  /// `SCARD_E_PROTO_MISMATCH`: the card speaks neither T=0 nor T=1.
  case protocolMismatch
  /// `SCARD_E_CANCELLED`: `SCardCancel` interrupted a wait.
  case cancelled
  /// `SCARD_E_INVALID_HANDLE`: the context or card handle is no longer valid.
  case invalidHandle
  /// `SCARD_E_NO_MEMORY`: pcscd or the library ran out of memory.
  case noMemory
  /// `SCARD_W_SECURITY_VIOLATION`: pcscd refused this client (polkit, pcsc-lite ≥ 1.9.9 builds
  /// with polkit enabled).
  case securityViolation
  /// Any other code: its 32-bit value and pcsc-lite's own text (`pcsc_stringify_error`).
  case other(code: UInt32, text: String)

  /// Classifies a return code from any `SCard*` call. `code` is compared as 32 bits because
  /// pcsc-lite's `LONG` is 64 bits wide on Linux while the constants are 32-bit patterns.
  public init(code: UInt32) {
    if let known = Self.byCode[code] {
      self = known
    } else {
      // C interop: pcsc_stringify_error returns a pointer into a thread-local buffer owned by
      // libpcsclite; it stays valid until the next call on this thread, so copy it at once.
      let text = String(cString: pcsc_stringify_error(LONG(truncatingIfNeeded: code)))
      self = .other(code: code, text: text)
    }
  }

  /// The 32-bit PC/SC code this error stands for.
  public var code: UInt32 {
    switch self {
    case .noService: 0x8010_001D
    case .serviceStopped: 0x8010_001E
    case .noReadersAvailable: 0x8010_002E
    case .unknownReader: 0x8010_0009
    case .readerUnavailable: 0x8010_0017
    case .noSmartcard: 0x8010_000C
    case .removedCard: 0x8010_0069
    case .resetCard: 0x8010_0068
    case .unresponsiveCard: 0x8010_0066
    case .unpoweredCard: 0x8010_0067
    case .sharingViolation: 0x8010_000B
    case .timeout: 0x8010_000A
    case .notTransacted: 0x8010_0016
    case .commDataLost: 0x8010_002F
    case .protocolMismatch: 0x8010_000F
    case .cancelled: 0x8010_0002
    case .invalidHandle: 0x8010_0003
    case .noMemory: 0x8010_0006
    case .securityViolation: 0x8010_006A
    case .other(let code, _): code
    }
  }

  /// The protocol-level meaning: what a `CardTransport` caller should do about it.
  /// Link losses (`cardRemoved`, `unresponsive`) mean a command may or may not have run.
  public var cardFailure: CardFailure {
    switch self {
    case .noService, .serviceStopped, .noMemory, .securityViolation:
      .serviceUnavailable(operatorMessage)
    case .noReadersAvailable, .unknownReader, .readerUnavailable, .cancelled:
      .readerUnavailable(operatorMessage)
    case .noSmartcard:
      .noCard
    case .removedCard:
      .cardRemoved
    case .sharingViolation:
      .readerBusy(operatorMessage)
    // A reset by someone else, an invalid handle or an unknown code all lose the card
    // session, so the caller must treat the exchange as "outcome unknown" and reconnect.
    case .resetCard, .unresponsiveCard, .unpoweredCard, .timeout, .notTransacted, .commDataLost,
      .protocolMismatch, .invalidHandle, .other:
      .unresponsive(operatorMessage)
    }
  }

  /// One sentence for the operator: what happened and what to do next.
  public var operatorMessage: String {
    switch self {
    case .noService, .serviceStopped:
      "The smart card service pcscd is not running; start it with: "
        + "sudo systemctl start pcscd (or run `pcscd`)."
    case .noReadersAvailable:
      "No smart card reader is connected; plug in the NFC reader."
    case .unknownReader, .readerUnavailable:
      "The reader is not available any more; check its USB cable, or unplug it and plug it in again."
    case .noSmartcard:
      Self.noCardSentence
    case .removedCard:
      Self.removedSentence
    case .resetCard:
      "Another program reset the token during the operation; keep it flat and still on the "
        + "reader and try again."
    case .unresponsiveCard, .unpoweredCard, .timeout, .notTransacted, .commDataLost:
      Self.unresponsiveSentence
    case .sharingViolation:
      "The reader is in use by another program; close that program and try again."
    case .protocolMismatch:
      "The card on the reader speaks neither T=0 nor T=1; is it a Token2 token?"
    case .cancelled:
      "The wait for the reader was cancelled."
    case .invalidHandle:
      "The connection to the token was lost; lay it on the reader again and retry."
    case .noMemory:
      "The smart card service ran out of memory; restart pcscd."
    case .securityViolation:
      "pcscd refused access to the reader (polkit); run as a user allowed to use smart cards."
    case .other(let code, let text):
      "PC/SC error 0x\(String(code, radix: 16, uppercase: true)): \(text)."
    }
  }

  /// The operator sentence for a `CardFailure` from `transmit`/`reconnect`, whose cases
  /// without text (`noCard`, `cardRemoved`) need the PC/SC wording too.
  public static func sentence(for failure: CardFailure) -> String {
    switch failure {
    case .noCard: noCardSentence
    case .cardRemoved: removedSentence
    case .serviceUnavailable(let text), .readerUnavailable(let text), .readerBusy(let text),
      .unresponsive(let text):
      text
    }
  }

  static let noCardSentence =
    "No token on the reader: switch the token on, then lay it flat on the reader."
  static let removedSentence =
    "The token left the reader during the operation: keep it flat and still on the reader."
  static let unresponsiveSentence =
    "The token is not answering: switch it on (hold the button until the display lights), "
    + "then keep it flat and still on the reader."

  /// The named codes, as 32-bit patterns (pcsclite.h): every case's `code`, plus
  /// `SCARD_F_COMM_ERROR`, which means the same to the operator as lost data.
  static let byCode: [UInt32: PCSCError] = {
    let named: [PCSCError] = [
      .noService, .serviceStopped, .noReadersAvailable, .unknownReader, .readerUnavailable,
      .noSmartcard, .removedCard, .resetCard, .unresponsiveCard, .unpoweredCard,
      .sharingViolation, .timeout, .notTransacted, .commDataLost, .protocolMismatch, .cancelled,
      .invalidHandle, .noMemory, .securityViolation,
    ]
    var table = Dictionary(uniqueKeysWithValues: named.map { ($0.code, $0) })
    table[0x8010_0013] = .commDataLost
    return table
  }()
}

/// Checks a PC/SC return code: success returns, anything else throws the matching error.
@inline(__always)
func check(_ result: LONG) throws(PCSCError) {
  guard result != SCARD_S_SUCCESS else { return }
  throw PCSCError(code: UInt32(truncatingIfNeeded: result))
}
