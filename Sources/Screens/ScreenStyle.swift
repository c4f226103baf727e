import Canvas
import OTP
import Token2

/// How screens draw on this terminal: glyphs for the locale and the QR style.
public struct ScreenStyle: Equatable, Sendable {
  /// Unicode or ASCII glyphs.
  public var glyphs: Glyphs
  /// How the QR code is drawn.
  public var qrStyle: QRStyle

  /// A style with these glyphs and QR rendering.
  public init(glyphs: Glyphs, qrStyle: QRStyle) {
    self.glyphs = glyphs
    self.qrStyle = qrStyle
  }

  /// UTF-8 terminal.
  public static let unicode = ScreenStyle(glyphs: .unicode, qrStyle: .halfBlocks)
  /// Non-UTF-8 locale (`LANG=C`).
  public static let ascii = ScreenStyle(glyphs: .ascii, qrStyle: .ascii)

  /// The style for what the terminal can show.
  public init(_ capabilities: TerminalCapabilities) {
    self.init(glyphs: capabilities.glyphs, qrStyle: capabilities.qrStyle)
  }
}
