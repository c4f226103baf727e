import Doctor
import Testing

@Suite struct EnvironmentChecksTests {
  @Test func missingEssentialLibraryIsAProblemNamingThePackage() {
    let findings = EnvironmentChecks.libraries([
      LibraryFacts(
        name: "libzbar", purpose: "QR decoding", package: "libzbar0", version: "0.23.92",
        path: "/usr/lib/libzbar.so.0", essential: true),
      LibraryFacts(
        name: "libncursesw", purpose: "the wizard", package: "libncursesw6", version: nil,
        path: nil, essential: true),
      LibraryFacts(
        name: "libqrencode", purpose: "QR output", package: "libqrencode4", version: nil, path: nil,
        essential: false),
    ])
    #expect(findings.map(\.severity) == [.ok, .problem, .warning])
    #expect(findings[0].detail.contains("libzbar 0.23.92 from /usr/lib/libzbar.so.0"))
    #expect(findings[1].fix == "`sudo apt-get install libncursesw6`")
    #expect(DoctorReport(findings: findings).exitStatus == 69)
  }

  @Test func utf8LocaleIsFineAndOthersWarnWithTheFix() {
    let good = EnvironmentChecks.locale(
      LocaleFacts(source: ("LANG", "C.UTF-8"), codeset: "UTF-8", localeAccepted: true))
    #expect(good.map(\.severity) == [.ok])
    let ascii = EnvironmentChecks.locale(
      LocaleFacts(source: nil, codeset: "ANSI_X3.4-1968", localeAccepted: true))
    #expect(ascii.first?.severity == .warning)
    #expect(ascii.first?.detail.contains("ASCII") == true)
    #expect(ascii.first?.fix?.contains("export LANG=C.UTF-8") == true)
    let missing = EnvironmentChecks.locale(
      LocaleFacts(
        source: ("LC_ALL", "de_DE.UTF-8"), codeset: "ANSI_X3.4-1968", localeAccepted: false))
    #expect(
      missing.first?.detail.contains("LC_ALL=de_DE.UTF-8 names a locale that is not installed")
        == true)
    // A locale problem never stops tokenburner: the wizard falls back to ASCII.
    #expect(DoctorReport(findings: ascii + missing).exitStatus == 0)
  }

  @Test func terminalChecks() {
    let fine = EnvironmentChecks.terminal(
      TerminalFacts(
        term: "xterm-256color", isTerminal: true, colors: 256, size: (120, 40), noColor: false))
    #expect(fine.allSatisfy { $0.severity == .ok })
    #expect(fine.contains { $0.detail == "TERM=xterm-256color: 256 colours" })

    let small = EnvironmentChecks.terminal(
      TerminalFacts(term: "vt100", isTerminal: true, colors: -1, size: (79, 24), noColor: true))
    #expect(
      small.contains {
        $0.detail
          == "TERM=vt100: no colours (monochrome display); NO_COLOR is set, so the wizard uses none"
      })
    #expect(
      small.contains { $0.subject == "size" && $0.severity == .warning && $0.detail == "79×24" })

    let piped = EnvironmentChecks.terminal(
      TerminalFacts(term: nil, isTerminal: false, colors: nil, size: nil, noColor: false))
    #expect(piped.map(\.severity) == [.warning, .warning])
    #expect(piped.last?.fix == "`export TERM=xterm-256color`")

    let unknown = EnvironmentChecks.terminal(
      TerminalFacts(term: "foo-term", isTerminal: true, colors: nil, size: nil, noColor: false))
    #expect(unknown.last?.detail == "TERM=foo-term is not in the terminfo database")
  }
}
