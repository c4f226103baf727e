import Canvas
import Foundation
import Runtime
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

/// A terminal in memory: every frame drawn is kept as text, and a script of "when a frame
/// shows this, type that" steps feeds input through a real pipe, so the loop's `poll(2)` wakes
/// on it exactly as it does on a tty.
final class FakeTerminal: TerminalPort, @unchecked Sendable {
  /// What a step does once its text is on screen: inputs in one burst, or any other action
  /// (a signal, a look at the token), run on the loop's thread.
  struct Step {
    var when: String
    var action: (FakeTerminal) -> Void
  }

  let capabilities = TerminalCapabilities(glyphs: .unicode, qrStyle: .halfBlocks, usesColor: false)
  private let lock = NSLock()
  private var currentSize: TerminalSize
  private var queued: [TerminalInput] = []
  private var steps: [Step] = []
  private var drawn: [String] = []
  private var ends = 0
  private var begun = false
  private let pipeEnds: (read: Int32, write: Int32)
  /// What `begin` answers.
  var canBegin = true

  init(size: TerminalSize = TerminalSize(columns: 80, rows: 24)) {
    currentSize = size
    var ends: [Int32] = [-1, -1]
    _ = pipe(&ends)
    for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
    pipeEnds = (ends[0], ends[1])
  }

  deinit {
    close(pipeEnds.read)
    close(pipeEnds.write)
  }

  /// Adds a step: once a frame shows `text`, `inputs` arrive together.
  func when(_ text: String, type inputs: [TerminalInput]) {
    when(text) { $0.feed(inputs) }
  }

  /// Adds a step that runs `action` once a frame shows `text`.
  func when(_ text: String, do action: @escaping (FakeTerminal) -> Void) {
    locked { steps.append(Step(when: text, action: action)) }
  }

  /// Queues `inputs` and makes the descriptor readable (one byte each).
  func feed(_ inputs: [TerminalInput]) {
    locked { queued += inputs }
    var bytes = [UInt8](repeating: 1, count: inputs.count)
    _ = write(pipeEnds.write, &bytes, bytes.count)
  }

  var frames: [String] { locked { drawn } }
  var endCount: Int { locked { ends } }
  var stepsLeft: Int { locked { steps.count } }
  var lastFrame: String { frames.last ?? "" }

  // MARK: TerminalPort

  var size: TerminalSize { locked { currentSize } }
  var inputDescriptor: Int32 { pipeEnds.read }

  func begin() -> Bool {
    locked { begun = canBegin }
    return canBegin
  }

  func readInput() -> TerminalInput? {
    var byte: UInt8 = 0
    guard read(pipeEnds.read, &byte, 1) == 1 else { return nil }
    return locked {
      guard !queued.isEmpty else { return nil }
      let input = queued.removeFirst()
      if case .resized(let size) = input { currentSize = size }
      return input
    }
  }

  func draw(_ canvas: Canvas) {
    let text = canvas.plainText
    let step: Step? = locked {
      drawn.append(text)
      guard let next = steps.first, text.contains(next.when) else { return nil }
      steps.removeFirst()
      return next
    }
    step?.action(self)
  }

  func end() { locked { if begun { ends += 1 } } }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}

extension [TerminalInput] {
  /// The keys of `text`, one character each (a paste, or fast typing).
  static func typing(_ text: String) -> [TerminalInput] { text.map { .key(.character($0)) } }
}
