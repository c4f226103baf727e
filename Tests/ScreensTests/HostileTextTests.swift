import Canvas
import Screens
import TestSupport
import Testing
import Wizard

/// Labels from a QR code, a user's ID, a reader's name: text from outside that the wizard draws.
/// No cell may hold a character the terminal would act on (the curses driver hands cells to
/// `addwstr` as they are); each must show spelled out instead.
@Suite struct HostileTextTests {
  /// ESC [2J (clear screen), ESC ]0;…BEL (window title), CSI as the C1 byte U+009B, DEL, a
  /// right-to-left override and a first-strong isolate, all percent-encoded in the label and
  /// the issuer as a QR code would carry them.
  static let uri =
    "otpauth://totp/Ev%1B%5B2Jil%C2%9B31m:ann%E2%80%AEmoc.elgoog%7F?"
    + "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Ev%1B%5D0%3Btitle%07il%E2%81%A8"

  /// A file name may hold a C1 control too (the text field drops only C0 and DEL).
  static let path = "/tmp/qr\u{9B}2J.png"

  /// The secret step after the image at `path` was decoded to `uri`.
  static func hostileSecretStep() -> WizardState {
    var state = WizardStates.secretStep()
    WizardStates.apply(
      &state, WizardStates.keys(.insert(path), .next) + [.imageDecoded(path: path, .success([uri]))]
    )
    return state
  }

  static func unsafe(_ canvas: Canvas) -> [String] {
    var found: [String] = []
    for row in 0..<canvas.size.rows {
      for column in 0..<canvas.size.columns {
        for scalar in canvas.character(row: row, column: column).unicodeScalars
        where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
          || [0x061C, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069].contains(scalar.value)
          || (0x202A...0x202E).contains(scalar.value)
        {
          found.append("U+\(String(scalar.value, radix: 16)) at \(row),\(column)")
        }
      }
    }
    return found
  }

  @Test func aHostileLabelIsDrawnSpelledOut() {
    let state = Self.hostileSecretStep()
    for size in Snapshot.sizes {
      let canvas = frame(state, size: size, style: .unicode)
      #expect(Self.unsafe(canvas).isEmpty, "\(Self.unsafe(canvas))")
      #expect(canvas.plainText.contains("Issuer Ev\\x1b]0;title\\x07il<U+2068>"))
      #expect(
        canvas.plainText.contains(
          size.columns > 80 ? "account ann<U+202E>moc.elgoog\\x7f" : "account ann<U+202E>moc.el"))
      #expect(canvas.plainText.contains("from /tmp/qr<U+009B>2J.png"))
      Snapshot.check(state, name: "hostile-label-secret", size: size)
    }
  }

  @Test func aHostileReaderNameAndNoticeAreDrawnSpelledOut() {
    var state = Self.hostileSecretStep()
    let reader = "Evil\u{1B}[2J\u{9B}1;1H\u{202E}Reader"
    WizardStates.apply(&state, WizardStates.keys(.next))
    WizardStates.apply(
      &state,
      [
        .readersChanged([ReaderEntry(name: reader, hasCard: false)]),
        .ticked(now: SampleToken.time),
      ])
    for size in Snapshot.sizes {
      let canvas = frame(state, size: size, style: .unicode)
      #expect(Self.unsafe(canvas).isEmpty, "\(Self.unsafe(canvas))")
      #expect(canvas.plainText.contains("Evil\\x1b[2J<U+009B>1;1H<U+202E>Reader"))
    }
  }

  /// The canvas guards every caller, not only the screens that pass outside text.
  @Test func canvasSpellsOutEveryControlButLineBreaks() {
    var canvas = Canvas(size: TerminalSize(columns: 40, rows: 1))
    canvas.put("a\u{1B}b\u{90}c\u{200F}d\ne\tf", row: 0, column: 0)
    #expect(canvas.lines == ["a\\x1bb<U+0090>c<U+200F>d e\\x09f"])
    #expect(Self.unsafe(canvas).isEmpty)
  }
}
