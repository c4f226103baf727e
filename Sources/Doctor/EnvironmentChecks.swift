/// Judges the shared libraries, the locale and the terminal.
public enum EnvironmentChecks {
  /// One finding per library: where it was loaded from and its version, or the package to install
  /// (a problem when tokenburner cannot work without it, a warning when one feature needs it).
  public static func libraries(_ libraries: [LibraryFacts]) -> [Finding] {
    libraries.map { library in
      guard let path = library.path else {
        return Finding(
          "libraries", library.name, library.essential ? .problem : .warning,
          "not found (\(library.purpose))",
          fix: "`sudo apt-get install \(library.package)`")
      }
      let version = library.version.map { " \($0)" } ?? ""
      return Finding(
        "libraries", library.name, .ok,
        "\(library.name)\(version) from \(path) (\(library.purpose))")
    }
  }

  /// UTF-8 or not. Not fatal: the wizard falls back to ASCII.
  public static func locale(_ facts: LocaleFacts) -> [Finding] {
    let setting = facts.source.map { "\($0.name)=\($0.value)" } ?? "no LANG, LC_CTYPE or LC_ALL"
    let fix = "`export LANG=C.UTF-8` (always installed), or a UTF-8 locale listed by `locale -a`"
    guard facts.localeAccepted else {
      return [
        Finding(
          "locale", "character set", .warning,
          "\(setting) names a locale that is not installed, so the C library uses ASCII",
          fix: fix + "; or install it: `sudo dpkg-reconfigure locales`")
      ]
    }
    let codeset = facts.codeset.uppercased()
    if codeset == "UTF-8" || codeset == "UTF8" {
      return [Finding("locale", "character set", .ok, "\(setting): UTF-8")]
    }
    return [
      Finding(
        "locale", "character set", .warning,
        "\(setting): \(facts.codeset), not UTF-8, so the wizard draws with ASCII only", fix: fix)
    ]
  }

  /// What the wizard needs of the terminal: a terminal at all, a known TERM, colours, 80×24.
  public static func terminal(_ facts: TerminalFacts) -> [Finding] {
    var findings: [Finding] = []
    if facts.isTerminal {
      findings.append(Finding("terminal", "tty", .ok, "standard input and output are a terminal"))
    } else {
      findings.append(
        Finding(
          "terminal", "tty", .warning,
          "standard input or output is not a terminal (fine for commands, not for the wizard)",
          fix: "run the wizard directly in a terminal window, not through a pipe or a script"))
    }
    switch facts.term {
    case nil, "":
      findings.append(
        Finding(
          "terminal", "TERM", .warning, "TERM is not set", fix: "`export TERM=xterm-256color`"))
    case "dumb"?:
      findings.append(
        Finding(
          "terminal", "TERM", .warning, "TERM=dumb cannot move the cursor",
          fix: "`export TERM=xterm-256color`"))
    case let term?:
      if let colors = facts.colors {
        let detail = colors >= 8 ? "\(colors) colours" : "no colours (monochrome display)"
        let noColor = facts.noColor ? "; NO_COLOR is set, so the wizard uses none" : ""
        findings.append(Finding("terminal", "TERM", .ok, "TERM=\(term): \(detail)\(noColor)"))
      } else {
        findings.append(
          Finding(
            "terminal", "TERM", .warning, "TERM=\(term) is not in the terminfo database",
            fix: "`export TERM=xterm-256color`, or install `ncurses-term` for more terminal types"))
      }
    }
    if let size = facts.size {
      let fits = size.columns >= 80 && size.rows >= 24
      findings.append(
        Finding(
          "terminal", "size", fits ? .ok : .warning, "\(size.columns)×\(size.rows)",
          fix: fits ? nil : "make the window at least 80×24; the wizard says so until it is"))
    }
    return findings
  }
}
