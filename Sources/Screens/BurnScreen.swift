import Canvas
import OTP
import Token2
import Wizard

/// The burn step: a line per stage, then the report or the truthful failure.
enum BurnScreen {
  static let stages: [(BurnStage, String)] = [
    (.readInfo, "Read the token"),
    (.authenticate, "Authenticate"),
    (.writeConfig, "Write settings and clock"),
    (.writeSeed, "Write the key"),
    (.verify, "Read back"),
  ]

  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let burn = state.burn
    let serial = state.readerPanel.identity?.serial ?? "the token"
    let reader = state.readerPanel.selected ?? "the reader"
    page.paragraph("Burning into \(serial) on \(reader). Keep the token flat and still.")
    page.skip()
    let last = burn.stages.last
    for (stage, label) in stages {
      let seen = burn.stages.contains(stage)
      let marker: Character
      let role: Role
      if burn.isRunning && stage == last {
        (marker, role) = (page.glyphs.running, .focus)
      } else if !burn.isRunning && burn.failure != nil && stage == last {
        (marker, role) = (page.glyphs.failed, .error)
      } else if seen {
        (marker, role) = (page.glyphs.done, .success)
      } else {
        (marker, role) = (page.glyphs.pending, .disabled)
      }
      page.line("\(marker) \(label)", role: role, indent: 2)
    }
    if burn.isWaitingForToken {
      page.skip()
      page.paragraph(
        "The token left the reader: lay it flat on the reader again right away. The burn waits "
          + "for it and then finishes.", role: .warning)
    } else if burn.stages.contains(.reconnect) {
      page.line(
        "\(page.glyphs.running) The link broke once: reconnected and resumed", role: .warning,
        indent: 2)
    }
    page.skip()
    if let report = burn.report { return drawReport(report, state: state, into: &page) }
    if let failure = burn.failure { return drawFailure(failure, burn: burn, into: &page) }
    return [KeyHint("Wait:", "the burn cannot be interrupted"), .quit]
  }

  private static func drawReport(_ report: BurnReport, state: WizardState, into page: inout Page)
    -> [KeyHint]
  {
    page.line("Burned: the token holds the new key.", role: .success)
    page.field("Token", "\(report.serial) (\(report.model?.displayName ?? "unknown model"))")
    page.field(
      "Settings",
      "\(report.algorithm.rawValue.uppercased()), \(report.period.seconds) s steps, "
        + "\(report.apduCount) commands")
    for recovery in report.recoveries { page.paragraph("Note: \(recovery)", role: .warning) }
    switch state.recording {
    case .recorded(let enrollment): page.field("Registry", enrollment.summary)
    case .pending: page.field("Registry", "recording...", role: .hint)
    case .failed: page.field("Registry", "not recorded (see below)", role: .error)
    case .notStarted: break
    }
    page.skip()
    let next = state.flow == .generate ? "show the key for the service" : "compare the codes"
    page.paragraph("Press Enter to \(next).", role: .hint)
    return [KeyHint("Enter", "next"), KeyHint("Esc", "back to the reader"), .quit]
  }

  private static func drawFailure(
    _ failure: Token2Failure, burn: BurnProgress, into page: inout Page
  )
    -> [KeyHint]
  {
    page.line("The burn did not complete.", role: .error)
    page.paragraph(failure.description)
    var keys: [KeyHint] = []
    if burn.canRetry && burn.retryNeedsCheck {
      // The warning itself is the wizard's notice, shown under the page.
      if burn.isRetryWarningShown {
        keys.append(KeyHint("R", "retry, token checked"))
      } else {
        keys.append(KeyHint("R", "retry after checking"))
      }
    } else if burn.canRetry {
      keys.append(KeyHint("R", "retry"))
    }
    keys += [KeyHint("O", "other reader"), .back, .quit]
    return keys
  }
}
