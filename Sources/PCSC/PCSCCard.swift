import CPCSCLite
import SmartCard

/// A card session on one reader (`SCARDHANDLE`): the PC/SC `CardTransport`.
///
/// Used on the thread that owns its `PCSCContext` (see there); it keeps the context alive.
/// Responses are passed through raw: GET RESPONSE / `6C XX` handling belongs to the protocol
/// layer above, and contactless Token2 tokens never need it (protocol note §2).
public final class PCSCCard: CardTransport {
  /// Whether other programs may use the card while we hold it.
  public enum ShareMode: Sendable {
    /// `SCARD_SHARE_SHARED`: others may connect too; use a transaction to keep them out.
    case shared
    /// `SCARD_SHARE_EXCLUSIVE`: nobody else may connect until we disconnect.
    case exclusive

    var rawValue: DWORD {
      switch self {
      case .shared: DWORD(SCARD_SHARE_SHARED)
      case .exclusive: DWORD(SCARD_SHARE_EXCLUSIVE)
      }
    }
  }

  /// What happens to the card when a session or transaction ends.
  public enum Disposition: Sendable {
    /// `SCARD_LEAVE_CARD`: keep it powered and as it is.
    case leave
    /// `SCARD_RESET_CARD`: warm reset; volatile card state (authentication) is lost.
    case reset
    /// `SCARD_UNPOWER_CARD`: power it down (contactless: the field goes off).
    case unpower

    var rawValue: DWORD {
      switch self {
      case .leave: DWORD(SCARD_LEAVE_CARD)
      case .reset: DWORD(SCARD_RESET_CARD)
      case .unpower: DWORD(SCARD_UNPOWER_CARD)
      }
    }
  }

  /// The reader this session is on, exactly as pcscd names it.
  public let readerName: String
  /// The sharing mode used for connect and reconnect.
  public let shareMode: ShareMode
  /// The negotiated protocol: `SCARD_PROTOCOL_T0` (1) or `SCARD_PROTOCOL_T1` (2).
  public private(set) var activeProtocol: UInt32 = 0
  /// The PC/SC error behind the last thrown `CardFailure`, for logs and diagnostics.
  public private(set) var lastError: PCSCError?

  private let context: PCSCContext
  private var handle: SCARDHANDLE?

  /// Connects to the card on `reader` (`SCardConnect`, protocols T=0 or T=1).
  ///
  /// - Throws: `.noSmartcard` without a card, `.sharingViolation` when another program holds
  ///   it exclusively, `.unknownReader` for a wrong name, `.unresponsiveCard` for a mute card.
  public init(
    context: PCSCContext, reader: String, share: ShareMode = .shared
  ) throws(PCSCError) {
    self.context = context
    self.readerName = reader
    self.shareMode = share
    try connect()
  }

  deinit { disconnect() }

  /// The card's Answer To Reset as the reader reports it now (`SCardStatus`).
  public func atr() throws(PCSCError) -> [UInt8] {
    let card = try liveHandle()
    var atr = [UInt8](repeating: 0, count: Int(MAX_ATR_SIZE))
    var atrLength = DWORD(atr.count)
    var state: DWORD = 0
    var proto: DWORD = 0
    var nameLength: DWORD = 0
    // C interop: a NULL name buffer makes pcsc-lite skip the reader name; it writes the state,
    // protocol and up to `atrLength` ATR bytes into our Swift-owned storage.
    try check(SCardStatus(card, nil, &nameLength, &state, &proto, &atr, &atrLength))
    return Array(atr.prefix(Int(atrLength)))
  }

  /// Sends raw APDU bytes and returns the raw response (data + SW1 SW2).
  public func transmit(raw command: [UInt8]) throws(PCSCError) -> [UInt8] {
    let card = try liveHandle()
    // Large enough for a short response (256 data bytes + SW) with room to spare
    // (pcsc-lite's MAX_BUFFER_SIZE is 264).
    var response = [UInt8](repeating: 0, count: 264)
    var responseLength = DWORD(response.count)
    var sendPCI = SCARD_IO_REQUEST(
      dwProtocol: DWORD(activeProtocol), cbPciLength: DWORD(MemoryLayout<SCARD_IO_REQUEST>.size))
    // C interop: pcsc-lite reads `command` and the PCI header and writes at most
    // `responseLength` bytes into our buffer, updating the length; nothing is retained. The
    // receive PCI is optional and passed as NULL.
    let result = command.withUnsafeBufferPointer { bytes in
      SCardTransmit(
        card, &sendPCI, bytes.baseAddress, DWORD(bytes.count), nil, &response, &responseLength)
    }
    try check(result)
    return Array(response.prefix(Int(responseLength)))
  }

  /// Sends `command`; error status words come back as responses, link failures are thrown.
  public func transmit(_ command: CommandAPDU) throws(CardFailure) -> ResponseAPDU {
    let raw: [UInt8]
    do {
      raw = try transmit(raw: command.bytes)
    } catch {
      lastError = error
      throw error.cardFailure
    }
    // vpcd (and some readers) report a card lost mid-exchange as success with no bytes.
    guard let response = ResponseAPDU(bytes: raw) else {
      throw .unresponsive(PCSCError.unresponsiveSentence)
    }
    return response
  }

  /// Starts a fresh card session after a link loss.
  ///
  /// Uses `SCardReconnect` with `SCARD_RESET_CARD`: for a contactless token the lost field has
  /// already wiped its volatile state, and a reset makes that explicit even when the link only
  /// glitched, so the caller always continues from a known state (no stale authentication or
  /// half-finished ISO-DEP exchange). If pcscd no longer accepts the handle (card removed and
  /// put back, reader replugged) it disconnects and connects anew. Does not wait for a card:
  /// without one it throws `.noCard`; wait with `PCSCContext.waitForChange` and retry.
  public func reconnect() throws(CardFailure) {
    do {
      try reconnectSession()
    } catch {
      lastError = error
      throw error.cardFailure
    }
  }

  /// `reconnect()` with the full PC/SC error.
  public func reconnectSession() throws(PCSCError) {
    if let card = handle {
      var proto: DWORD = 0
      // C interop: pcscd re-powers the card behind our existing handle and writes the newly
      // negotiated protocol into `proto`; the handle stays ours.
      let result = SCardReconnect(
        card, shareMode.rawValue, DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1),
        DWORD(SCARD_RESET_CARD), &proto)
      if result == SCARD_S_SUCCESS {
        activeProtocol = UInt32(truncatingIfNeeded: proto)
        return
      }
      disconnect()
    }
    try connect()
  }

  /// Ends the session (`SCardDisconnect`). Safe to call twice; `transmit` then fails with
  /// `.invalidHandle` until `reconnect()`.
  public func disconnect(_ disposition: Disposition = .leave) {
    guard let card = handle else { return }
    handle = nil
    // C interop: ends our ownership of the card handle; the result is ignored because the
    // handle is unusable afterwards either way (card gone, pcscd gone).
    _ = SCardDisconnect(card, disposition.rawValue)
  }

  /// Keeps other programs from using the card until `endTransaction` (`SCardBeginTransaction`).
  /// Wrap a whole burn in one, so nothing interleaves with the authenticated session.
  public func beginTransaction() throws(PCSCError) {
    // C interop: takes pcscd's lock for this handle; no memory is passed.
    try check(SCardBeginTransaction(try liveHandle()))
  }

  /// Releases the transaction lock (`SCardEndTransaction`).
  public func endTransaction(_ disposition: Disposition = .leave) throws(PCSCError) {
    // C interop: releases pcscd's lock for this handle; no memory is passed.
    try check(SCardEndTransaction(try liveHandle(), disposition.rawValue))
  }

  private func connect() throws(PCSCError) {
    let contextHandle = try context.liveHandle()
    var card: SCARDHANDLE = 0
    var proto: DWORD = 0
    // C interop: pcsc-lite copies the reader name during the call; pcscd allocates the card
    // handle, which we own until SCardDisconnect (in `disconnect()` or deinit).
    try check(
      SCardConnect(
        contextHandle, readerName, shareMode.rawValue,
        DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &card, &proto))
    handle = card
    activeProtocol = UInt32(truncatingIfNeeded: proto)
  }

  private func liveHandle() throws(PCSCError) -> SCARDHANDLE {
    guard let handle else { throw .invalidHandle }
    return handle
  }
}
