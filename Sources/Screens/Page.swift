import Canvas
import OTP
import Token2

/// A canvas with a writing position: screens add lines top to bottom inside the margins.
struct Page {
  /// Left margin of the body, cells.
  static let margin = 2

  var canvas: Canvas
  let glyphs: Glyphs
  /// Next row to write.
  var row: Int
  /// Last row the body may use (the notice and key bar sit below).
  let lastRow: Int

  init(canvas: Canvas, glyphs: Glyphs, firstRow: Int, lastRow: Int) {
    self.canvas = canvas
    self.glyphs = glyphs
    self.row = firstRow
    self.lastRow = lastRow
  }

  var width: Int { canvas.size.columns - 2 * Self.margin }
  var rowsLeft: Int { lastRow - row + 1 }

  /// Writes one line (clipped) and moves down.
  mutating func line(_ text: String = "", role: Role = .body, indent: Int = 0) {
    guard row <= lastRow else { return }
    canvas.put(
      text, row: row, column: Self.margin + indent, role: role, width: width - indent)
    row += 1
  }

  /// Writes `text` word-wrapped to the body width and moves down.
  mutating func paragraph(_ text: String, role: Role = .body, indent: Int = 0) {
    for wrapped in TextWrap.lines(text, width: width - indent) {
      line(wrapped, role: role, indent: indent)
    }
  }

  /// Writes label and value on one line, the value starting at `column`.
  mutating func field(_ label: String, _ value: String, role: Role = .body, column: Int = 14) {
    guard row <= lastRow else { return }
    canvas.put(label, row: row, column: Self.margin, role: .body, width: column)
    canvas.put(value, row: row, column: Self.margin + column, role: role, width: width - column)
    row += 1
  }

  /// Like `field`, with a long value word-wrapped onto the following lines under itself.
  mutating func wrappedField(_ label: String, _ value: String, role: Role = .body, column: Int = 14)
  {
    for (index, line) in TextWrap.lines(value, width: width - column).enumerated() {
      field(index == 0 ? label : "", line, role: role, column: column)
    }
  }

  mutating func skip(_ count: Int = 1) { row += count }
}

/// Greedy word wrapping; a word longer than the width is cut.
enum TextWrap {
  static func lines(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var result: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      var word = String(word)
      while word.count > width {
        if !current.isEmpty {
          result.append(current)
          current = ""
        }
        result.append(String(word.prefix(width)))
        word = String(word.dropFirst(width))
      }
      if current.isEmpty {
        current = word
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        result.append(current)
        current = word
      }
    }
    if !current.isEmpty { result.append(current) }
    return result.isEmpty ? [""] : result
  }
}
