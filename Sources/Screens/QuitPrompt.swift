import Canvas
import Wizard

/// The "quit and lose this work?" question, drawn over the screen.
enum QuitPrompt {
  static let keys = [KeyHint("Y", "quit"), KeyHint("N", "stay")]

  static func draw(_ state: WizardState, into page: inout Page) {
    let lines = [
      "Quit the wizard?",
      state.burn.isRunning
        ? "A burn is under way; quitting now leaves the token in an unknown state."
        : "What was entered in this enrollment will be lost.",
      "Y quit    N stay",
    ]
    let width = min(page.canvas.size.columns - 4, (lines.map(\.count).max() ?? 0) + 6)
    let left = (page.canvas.size.columns - width) / 2
    let top = page.canvas.size.rows / 2 - 3
    let border = String(repeating: page.glyphs.rule, count: width)
    // The rows under the box are blanked across the width, so no text peeks out beside it.
    let blank = String(repeating: " ", count: page.canvas.size.columns)
    for row in top...(top + lines.count + 3) { page.canvas.put(blank, row: row, column: 0) }
    page.canvas.put(border, row: top, column: left, role: .warning)
    for (offset, line) in ([""] + lines + [""]).enumerated() {
      let padded = "   " + line + String(repeating: " ", count: max(0, width - line.count - 3))
      page.canvas.put(
        padded, row: top + 1 + offset, column: left, role: offset == 1 ? .warning : .body)
    }
    page.canvas.put(border, row: top + lines.count + 3, column: left, role: .warning)
  }
}
