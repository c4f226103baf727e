import CNCursesW
import Canvas

#if canImport(Glibc)
  import Glibc
#endif

/// Input from the terminal.
public enum TerminalInput: Equatable, Sendable {
  /// A key press.
  case key(Key)
  /// The window changed size (ncurses handled SIGWINCH and reported `KEY_RESIZE`).
  case resized(TerminalSize)
}

/// The ncurses session: set-up, drawing a `Canvas`, reading keys, teardown.
///
/// Threading: curses is not thread-safe. The thread that calls `start` owns the session and
/// makes every call; the type is therefore not `Sendable`.
public final class CursesTerminal {
  /// What the terminal shows, decided at start.
  public private(set) var capabilities = TerminalCapabilities(
    glyphs: .ascii, qrStyle: .ascii, usesColor: false)
  private var screen: OpaquePointer?
  private var roleAttributes: [Role: attr_t] = [:]

  /// A terminal not yet started.
  public init() {}

  deinit { end() }

  /// Starts curses on the process's terminal: the locale, the alternate screen (ncurses sends
  /// smcup where terminfo has it), cbreak, no echo, keypad keys, hidden cursor, colours.
  ///
  /// - Parameters:
  ///   - noColor: the `NO_COLOR` environment value.
  ///   - term: the `TERM` environment value.
  /// - Returns: `false` when there is no usable terminal (`newterm` failed).
  public func start(noColor: String?, term: String?) -> Bool {
    guard screen == nil else { return true }
    // C interop: setlocale with "" adopts LANG/LC_* so wide characters are decoded; the
    // returned string is owned by libc.
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    // C interop: fdopen wraps the process's stdin/stdout descriptors in FILE streams owned by
    // the session for its whole life; newterm reads terminfo for TERM and returns a SCREEN we
    // free with delscreen in `end`.
    guard let output = fdopen(1, "w"), let input = fdopen(0, "r"),
      let newScreen = newterm(nil, output, input)
    else { return false }
    screen = newScreen
    set_term(newScreen)
    cbreak()
    noecho()
    nonl()
    keypad(cnc_stdscr(), true)
    _ = curs_set(0)
    set_escdelay(75)
    wtimeout(cnc_stdscr(), 100)
    capabilities = .decide(
      codeset: codeset, term: term, noColor: noColor, hasColors: has_colors())
    setUpRoles()
    return true
  }

  /// Restores the terminal (leaves the alternate screen, echo and line mode back). Safe to
  /// call twice and before `start`.
  public func end() {
    guard let current = screen else { return }
    screen = nil
    wclear(cnc_stdscr())
    wrefresh(cnc_stdscr())
    endwin()
    // C interop: the SCREEN was allocated by newterm; after endwin nothing refers to it.
    delscreen(current)
  }

  /// Registers a last-resort `endwin` for `exit` calls that bypass `end` (once per process).
  public static func restoreAtExit() {
    // C interop: atexit takes a C function without captures; endwin returns ERR harmlessly
    // when no screen is current any more (after `end` deleted it).
    atexit {
      if isendwin() == false { _ = endwin() }
    }
  }

  /// Whether the session is running.
  public var isActive: Bool { screen != nil }

  /// The window size now.
  public var size: TerminalSize {
    var rows: Int32 = 0
    var columns: Int32 = 0
    cnc_screen_size(&rows, &columns)
    return TerminalSize(columns: Int(columns), rows: Int(rows))
  }

  /// How long `nextInput` waits for a key: 0 returns at once (a loop that waits in `poll(2)`
  /// first), a negative value waits for ever. Start sets 100 ms.
  public func setInputWait(milliseconds: Int32) {
    guard screen != nil else { return }
    wtimeout(cnc_stdscr(), milliseconds)
  }

  /// Waits up to the input timeout (`setInputWait`) for a key or a resize; `nil` when none came.
  public func nextInput() -> TerminalInput? {
    guard screen != nil else { return nil }
    var code: wint_t = 0
    // C interop: wget_wch writes one wide character or key code into `code`.
    let status = wget_wch(cnc_stdscr(), &code)
    if status == KEY_CODE_YES {
      if Int32(code) == KEY_RESIZE { return .resized(size) }
      return KeyTranslation.special(UInt32(code)).map(TerminalInput.key)
    }
    if status == OK { return KeyTranslation.character(UInt32(code)).map(TerminalInput.key) }
    return nil
  }

  /// Draws `canvas` (sized to the window) and lets ncurses send only what changed.
  public func draw(_ canvas: Canvas) {
    guard screen != nil else { return }
    let window = cnc_stdscr()
    for row in 0..<canvas.size.rows {
      for run in canvas.runs(row: row) {
        let attributes = roleAttributes[run.role] ?? 0
        wattrset(window, Int32(truncatingIfNeeded: attributes))
        var wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        // C interop: mvwaddnwstr copies the characters into the window; the buffer is ours.
        // Writing the bottom-right cell reports ERR after placing it, which is harmless.
        _ = mvwaddnwstr(window, Int32(row), Int32(run.column), &wide, Int32(wide.count - 1))
      }
    }
    wattrset(window, 0)
    wnoutrefresh(window)
    doupdate()
  }

  /// One attribute set per role: colour pairs allocated once here, never while drawing.
  private func setUpRoles() {
    let bold = cnc_attr_bold()
    let reverse = cnc_attr_reverse()
    let dim = cnc_attr_dim()
    let underline = cnc_attr_underline()
    let monochrome: [Role: attr_t] = [
      .body: 0, .title: reverse | bold, .focus: reverse, .hint: dim, .success: bold,
      .warning: bold | underline, .error: bold | reverse, .disabled: dim, .code: bold,
      .qr: reverse,
    ]
    roleAttributes = monochrome
    guard capabilities.usesColor, start_color() == OK else { return }
    use_default_colors()
    let colors: [Role: (Int16, Int16, attr_t)] = [
      .title: (Int16(COLOR_WHITE), Int16(COLOR_BLUE), bold),
      .focus: (Int16(COLOR_BLACK), Int16(COLOR_CYAN), 0),
      .hint: (Int16(COLOR_CYAN), -1, 0),
      .success: (Int16(COLOR_GREEN), -1, bold),
      .warning: (Int16(COLOR_YELLOW), -1, bold),
      .error: (Int16(COLOR_RED), -1, bold),
      .code: (Int16(COLOR_WHITE), -1, bold),
      .qr: (Int16(COLOR_BLACK), Int16(COLOR_WHITE), 0),
    ]
    for (index, role) in Role.allCases.enumerated() {
      guard let (foreground, background, extra) = colors[role] else { continue }
      let pair = Int16(index + 1)
      guard init_pair(pair, foreground, background) == OK else { continue }
      // COLOR_PAIR(n) is a macro: the pair number shifted into the A_COLOR bits (8...15).
      roleAttributes[role] = (attr_t(pair) << 8) | extra
    }
  }
}
