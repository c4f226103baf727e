import Canvas
import OTP
import Token2
import Wizard

/// The confirm step: codes around now, the seconds-left bar, the typed code and its verdict.
enum ConfirmScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    page.paragraph("Switch the token off and on, then compare its code with the current one.")
    page.skip()
    guard let credential = state.credential, let now = state.now else {
      page.line("Waiting for the clock...", role: .hint)
      return [.back, .quit]
    }
    let window = TOTP.window(secret: credential.secret, at: now, parameters: credential.parameters)
    page.line("Previous       Current        Next", role: .hint, indent: 2)
    page.line(
      "\(spaced(window.previous ?? "------"))        \(spaced(window.current))        "
        + "\(spaced(window.next))", role: .code, indent: 2)
    page.skip()
    let barWidth = min(40, page.width - 16)
    let filled = barWidth * window.secondsLeft / max(1, window.period)
    let bar =
      String(repeating: page.glyphs.barFull, count: filled)
      + String(repeating: page.glyphs.barEmpty, count: barWidth - filled)
    page.line("\(bar)  \(window.secondsLeft) s left", role: .focus, indent: 2)
    page.skip()
    IdentityScreen.field(
      page: &page, label: "Token's code", value: state.confirmation.typed.text, isFocused: true,
      width: 8)
    page.skip()
    if let verdict = state.confirmation.verdict {
      let text = text(
        for: verdict, period: window.period, digits: credential.parameters.digits,
        isBurned: state.flow != .registerFactory)
      for line in TextWrap.lines(text, width: page.width) {
        page.line(line, role: verdict.isMatch ? .success : .error)
      }
    } else {
      page.paragraph(
        "Type the code the token shows and press Enter, or press M if it matches on sight.",
        role: .hint)
    }
    return [KeyHint("0-9", "code"), KeyHint("M", "codes match"), .next, .back, .quit]
  }

  /// "123 456" or "1234 5678": easier to compare with a token's display.
  static func spaced(_ code: String) -> String {
    guard code.count == 6 || code.count == 8 else { return code }
    return String(code.prefix(code.count / 2)) + " " + String(code.suffix(code.count / 2))
  }

  /// The verdict in words; `isBurned` is false for a factory token, which nothing here can
  /// write to, so the advice is about the token and its seed instead of burning again.
  static func text(for verdict: CodeVerdict, period: Int, digits: Int = 6, isBurned: Bool = true)
    -> String
  {
    let burnAgain =
      isBurned
      ? "Go back (Esc) and burn again; the burn sets the token's clock and settings."
      : "A factory token cannot be set here: check that the serial is the one on its label, and "
        + "ask the vendor about its seed before handing it out."
    let anotherKey = isBurned ? "burn again" : "check the serial against the label"
    switch verdict {
    case .matched(0): return "The code matches the current step. Press Enter for the backup codes."
    case .matched(-1):
      return "The code matches the previous step (the token is a little behind, which is fine). "
        + "Press Enter for the backup codes."
    case .matched:
      return "The code matches the next step (the token is a little ahead, which is fine). "
        + "Press Enter for the backup codes."
    case .matchedByEye: return "You saw the codes match. Press Enter for the backup codes."
    case .mismatch(.wrongLength(let count)):
      return "That is \(count) digits; the token shows \(digits). Type all \(digits) digits."
    case .mismatch(.clockDrift(let steps, let seconds)):
      return "No match now, but the code belongs to this key \(abs(steps)) steps "
        + "\(steps > 0 ? "ahead" : "behind") (\(abs(seconds)) s): the token's clock is off. "
        + burnAgain
    case .mismatch(.periodDiffers(let tokenPeriod)):
      return "No match: the token changes codes every \(tokenPeriod) s instead of \(period) s. "
        + burnAgain
    case .mismatch(.algorithmDiffers(let hash)):
      return "No match: the token computes \(hash.rawValue) codes instead of the key's hash. "
        + burnAgain
    case .mismatch(.unexplained):
      return "No match. Check that you typed the code the token shows now (after switching it "
        + "off and on). If it still differs, the token holds another key: \(anotherKey)."
    }
  }
}
