import CPCSCLite
import Platform

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A connection to pcscd (`SCARDCONTEXT`): lists readers, reports their card slots and waits
/// for changes.
///
/// Threading: a PC/SC context is not thread-safe. The thread that creates the context owns it
/// and must make every call on it and on the `PCSCCard`s made from it; this type is therefore
/// not `Sendable`. The one exception is `SCardCancel`, which pcsc-lite allows from any thread:
/// take `canceller` on the owning thread and hand that `Sendable` value to other threads.
///
/// The socket comes from pcsc-lite: `/run/pcscd/pcscd.comm`, or `PCSCLITE_CSOCK_NAME` when set
/// before the first PC/SC call of the process (see docs/pcsc-sandbox.md).
public final class PCSCContext {
  /// pcsc-lite's pseudo-reader whose state changes when a reader is plugged in or removed.
  public static let plugAndPlayReader = "\\\\?PnP?\\Notification"

  private var handle: SCARDCONTEXT?
  /// The last seen `dwEventState` per reader (and the PnP pseudo-reader), the baseline that
  /// `waitForChange` waits to differ from.
  private var baseline: [String: DWORD] = [:]

  /// Establishes a user-scope context (`SCardEstablishContext`, `SCARD_SCOPE_USER`).
  ///
  /// - Throws: `PCSCError.noService` when pcscd is not running.
  public init() throws(PCSCError) {
    var context: SCARDCONTEXT = 0
    // C interop: pcscd allocates the context and writes its id into `context`; we own it until
    // SCardReleaseContext (in `release()` or deinit). The reserved pointers must be NULL.
    try check(SCardEstablishContext(DWORD(SCARD_SCOPE_USER), nil, nil, &context))
    handle = context
  }

  deinit { release() }

  /// Releases the context; cards made from it stop working. Safe to call twice.
  public func release() {
    guard let context = handle else { return }
    handle = nil
    // C interop: ends our ownership of the context; pcscd also drops its card handles. The
    // result is ignored because there is nothing left to do if pcscd is already gone.
    _ = SCardReleaseContext(context)
  }

  /// Whether pcscd still knows this context (false after pcscd restarted).
  public var isValid: Bool {
    guard let context = handle else { return false }
    // C interop: a pure query on a context value; no memory changes hands.
    return SCardIsValidContext(context) == SCARD_S_SUCCESS
  }

  /// A `Sendable` handle that can interrupt `waitForChange` from any thread.
  public var canceller: PCSCCanceller { PCSCCanceller(context: handle ?? 0) }

  /// Names of the connected readers, in pcscd's order; empty when there are none.
  public func listReaders() throws(PCSCError) -> [String] {
    let context = try liveHandle()
    // The reader list can grow between the size query and the read; retry a few times.
    for _ in 0..<4 {
      var length: DWORD = 0
      // C interop: with a NULL buffer pcsc-lite only writes the needed size (in chars,
      // including the final double NUL) to `length`.
      let sizing = SCardListReaders(context, nil, nil, &length)
      if sizing == SCARD_E_NO_READERS_AVAILABLE { return [] }
      try check(sizing)
      var buffer = [CChar](repeating: 0, count: Int(length))
      // C interop: pcsc-lite fills our Swift-owned buffer with a multi-string (names separated
      // by NUL, ended by an empty name); `length` is updated to the bytes written.
      let listing = SCardListReaders(context, nil, &buffer, &length)
      if listing == SCARD_E_INSUFFICIENT_BUFFER { continue }
      if listing == SCARD_E_NO_READERS_AVAILABLE { return [] }
      try check(listing)
      return Self.splitMultiString(buffer)
    }
    throw .other(code: 0x8010_0008, text: "Reader list kept changing")
  }

  /// Every reader with its card slot and the card's ATR. Also becomes the baseline that
  /// `waitForChange` compares against.
  public func readerStates() throws(PCSCError) -> [ReaderState] {
    let names = try listReaders()
    let result = try getStatusChange(
      names.map { ($0, DWORD(SCARD_STATE_UNAWARE)) }, timeoutMilliseconds: 0)
    guard case .changed(let states) = result else { return [] }
    return states
  }

  /// Blocks until a reader is plugged in or removed, or a card arrives or leaves, compared
  /// with the last `readerStates()` or `waitForChange` result.
  ///
  /// - Parameter timeout: how long to wait; `nil` waits until something changes or
  ///   `PCSCCanceller.cancel()` is called.
  public func waitForChange(timeout: Duration?) throws(PCSCError) -> ReaderChange {
    if baseline.isEmpty { _ = try readerStates() }
    let names = try listReaders()
    let known = Set(baseline.keys).subtracting([Self.plugAndPlayReader])
    if known.subtracting(names).isEmpty == false {
      // A reader vanished between two calls: report it without waiting.
      return .changed(try readerStates())
    }
    let entries = names.map { ($0, baseline[$0] ?? DWORD(SCARD_STATE_UNAWARE)) }
    return try getStatusChange(entries, timeoutMilliseconds: Self.milliseconds(timeout))
  }

  /// Runs `SCardGetStatusChange` over `readers` plus the PnP pseudo-reader and updates the
  /// baseline from what it reports.
  private func getStatusChange(
    _ readers: [(name: String, current: DWORD)], timeoutMilliseconds: DWORD
  ) throws(PCSCError) -> ReaderChange {
    let context = try liveHandle()
    let pnp = (name: Self.plugAndPlayReader, current: baseline[Self.plugAndPlayReader] ?? 0)
    let all = readers + [pnp]
    // C interop: each szReader must stay valid for the whole call; strdup gives C-owned copies
    // that we free right after, on every path.
    let names = all.map { strdup($0.name) }
    defer { for name in names { free(name) } }
    var states = zip(all, names).map { entry, cName in
      var state = SCARD_READERSTATE()
      state.szReader = UnsafePointer(cName)
      state.dwCurrentState = entry.current
      return state
    }
    // C interop: pcsc-lite reads szReader/dwCurrentState and writes dwEventState, cbAtr and
    // rgbAtr into our Swift-owned array; it keeps no pointer after returning. The call may
    // block for the whole timeout; SCardCancel on another thread ends it early.
    let result = SCardGetStatusChange(context, timeoutMilliseconds, &states, DWORD(states.count))
    if result == SCARD_E_TIMEOUT { return .timedOut }
    if result == SCARD_E_CANCELLED { return .cancelled }
    try check(result)

    var report: [ReaderState] = []
    var next: [String: DWORD] = [:]
    for (entry, state) in zip(all, states) {
      let flags = state.dwEventState & ~DWORD(SCARD_STATE_CHANGED)
      if flags & DWORD(SCARD_STATE_UNKNOWN) != 0 { continue }  // the reader is gone
      next[entry.name] = flags
      guard entry.name != Self.plugAndPlayReader else { continue }
      let status = CardStatus(flags: UInt32(truncatingIfNeeded: flags))
      let atr = status.holdsCard ? Self.bytes(of: state.rgbAtr, count: Int(state.cbAtr)) : []
      report.append(ReaderState(name: entry.name, card: status, atr: atr))
    }
    baseline = next
    return .changed(report)
  }

  func liveHandle() throws(PCSCError) -> SCARDCONTEXT {
    guard let handle else { throw .invalidHandle }
    return handle
  }

  static func milliseconds(_ timeout: Duration?) -> DWORD {
    guard let timeout else { return DWORD(INFINITE) }
    return DWORD(Platform.milliseconds(timeout, atMost: Int64(INFINITE) - 1))
  }

  static func splitMultiString(_ buffer: [CChar]) -> [String] {
    buffer.split(separator: 0, omittingEmptySubsequences: true).map { chunk in
      String(decoding: chunk.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }

  static func bytes<T>(of tuple: T, count: Int) -> [UInt8] {
    withUnsafeBytes(of: tuple) { Array($0.prefix(max(0, min(count, $0.count)))) }
  }
}

/// Interrupts a blocking `PCSCContext.waitForChange` from any thread (`SCardCancel`).
public struct PCSCCanceller: Sendable {
  let context: SCARDCONTEXT

  /// Makes the pending wait return `.cancelled`. Harmless when nothing is waiting or the
  /// context was already released.
  public func cancel() {
    // C interop: SCardCancel is the one PC/SC call allowed from a thread other than the
    // context's owner; it only passes the context id to pcscd, no memory is shared.
    _ = SCardCancel(context)
  }
}
