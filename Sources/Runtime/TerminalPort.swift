import Canvas
import Foundation
import Terminal

/// The terminal as the loop uses it. The loop owns it on one thread: it starts it, waits in
/// `poll(2)` until `inputDescriptor` is readable, takes every pending input with `readInput`,
/// draws, and ends it on every way out. `CursesTerminal` is the product's implementation; the
/// runtime tests use a fake that records frames.
public protocol TerminalPort: AnyObject {
  /// What the terminal shows (glyphs, QR style, colour), known once started.
  var capabilities: TerminalCapabilities { get }
  /// The size now.
  var size: TerminalSize { get }
  /// The descriptor that becomes readable when input is waiting.
  var inputDescriptor: Int32 { get }
  /// Takes over the terminal; `false` when there is none to take.
  func begin() -> Bool
  /// One pending key or resize, without waiting; `nil` when none is pending.
  func readInput() -> TerminalInput?
  /// Shows `canvas`.
  func draw(_ canvas: Canvas)
  /// Gives the terminal back as it was; safe to call twice.
  func end()
}

extension CursesTerminal: TerminalPort {
  public var inputDescriptor: Int32 { 0 }

  /// Starts curses with `NO_COLOR` and `TERM` from the environment, then reads without
  /// waiting: the loop waits in `poll(2)` instead of in curses.
  public func begin() -> Bool {
    let environment = ProcessInfo.processInfo.environment
    guard start(noColor: environment["NO_COLOR"], term: environment["TERM"]) else { return false }
    setInputWait(milliseconds: 0)
    return true
  }

  public func readInput() -> TerminalInput? { nextInput() }
}
