import SafeText

/// A terminal size in character cells.
public struct TerminalSize: Equatable, Hashable, Sendable {
  /// Cells per row.
  public var columns: Int
  /// Rows.
  public var rows: Int

  /// A size of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
  }
}

/// What a cell means, mapped to colours or to bold/reverse/underline by the terminal driver.
public enum Role: Int, CaseIterable, Sendable {
  /// Ordinary text.
  case body
  /// The title bar.
  case title
  /// The highlighted choice or the field with the keyboard.
  case focus
  /// The key bar and quiet explanations.
  case hint
  /// Something worked.
  case success
  /// Worth reading before going on.
  case warning
  /// Something failed.
  case error
  /// Not available now.
  case disabled
  /// Codes and keys the operator reads or types.
  case code
  /// QR code modules: dark on light, whatever the terminal's colours.
  case qr

  /// One letter per role, for snapshot files of the roles layer.
  public var letter: Character {
    Array(".TFHSWEDCQ")[rawValue]
  }
}

/// A grid of character cells, each with a role: what `Screens` draw and the curses driver
/// shows. Pure, so screens are tested as text without a terminal.
public struct Canvas: Equatable, Sendable {
  /// The grid's size.
  public let size: TerminalSize
  private var characters: [Character]
  private var roles: [Role]

  /// A blank canvas of `size`.
  public init(size: TerminalSize) {
    self.size = size
    let count = max(0, size.columns) * max(0, size.rows)
    characters = Array(repeating: " ", count: count)
    roles = Array(repeating: .body, count: count)
  }

  /// Writes `text` from (`row`, `column`), one cell per character, clipped at the right edge
  /// (or after `width` cells) and ignored outside the grid.
  ///
  /// A line break becomes a space; every other control, DEL and bidi control is spelled out
  /// (`TerminalText`), so no cell ever holds a character the terminal would act on. The driver
  /// hands cells to `addwstr`; a bidi control is printable text to curses and would reach the
  /// terminal as it is, and a control drawn as `^[` would take two cells of a one-cell grid.
  public mutating func put(
    _ text: String, row: Int, column: Int, role: Role = .body, width: Int? = nil
  ) {
    guard (0..<size.rows).contains(row) else { return }
    let end = min(size.columns, column + (width ?? size.columns))
    var col = column
    for character in TerminalText.escaped(String(text.map { $0.isNewline ? " " : $0 })) {
      guard col < end else { break }
      if col >= 0 {
        let index = row * size.columns + col
        characters[index] = character
        roles[index] = role
      }
      col += 1
    }
  }

  /// Gives every cell of `row` the role `role` (e.g. a bar), keeping the characters.
  public mutating func paint(row: Int, role: Role) {
    guard (0..<size.rows).contains(row) else { return }
    for col in 0..<size.columns { roles[row * size.columns + col] = role }
  }

  /// The character at a cell.
  public func character(row: Int, column: Int) -> Character {
    characters[row * size.columns + column]
  }

  /// The role at a cell.
  public func role(row: Int, column: Int) -> Role {
    roles[row * size.columns + column]
  }

  /// Each row as text, trailing spaces removed.
  public var lines: [String] {
    (0..<size.rows).map { row in
      let start = row * size.columns
      var line = String(characters[start..<start + size.columns])
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// The whole grid as text, one line per row.
  public var plainText: String { lines.joined(separator: "\n") + "\n" }

  /// Runs of cells with one role on `row`, left to right: what the driver draws in one call.
  public func runs(row: Int) -> [(column: Int, text: String, role: Role)] {
    var result: [(column: Int, text: String, role: Role)] = []
    let start = row * size.columns
    var column = 0
    while column < size.columns {
      let role = roles[start + column]
      var end = column
      while end < size.columns && roles[start + end] == role { end += 1 }
      result.append((column, String(characters[start + column..<start + end]), role))
      column = end
    }
    return result
  }
}
