import Canvas
import Foundation
import Screens
import Testing
import Wizard

/// Compares a rendered screen with `Snapshots/<name>-<cols>x<rows>.txt`. With
/// `UPDATE_SNAPSHOTS=1` the file is written instead (review every changed file before
/// committing it).
enum Snapshot {
  static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)]

  static var directory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  }

  static func check(
    _ state: WizardState, name: String, size: TerminalSize, style: ScreenStyle = .unicode,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let canvas = frame(state, size: size, style: style)
    let text = canvas.plainText
    let file = directory.appendingPathComponent("\(name)-\(size.columns)x\(size.rows).txt")
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try? Data(text.utf8).write(to: file)
      return
    }
    guard let data = try? Data(contentsOf: file) else {
      Issue.record(
        "missing snapshot \(file.lastPathComponent); record with UPDATE_SNAPSHOTS=1",
        sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    #expect(text == expected, "\(file.lastPathComponent) differs", sourceLocation: sourceLocation)
    #expect(canvas.lines.count == size.rows, sourceLocation: sourceLocation)
    #expect(canvas.lines.allSatisfy { $0.count <= size.columns }, sourceLocation: sourceLocation)
    #expect(
      canvas.lines.last?.contains(" quit") == true, "the way out stays on the key bar",
      sourceLocation: sourceLocation)
  }
}
