import Canvas
import OTP
import Token2
import Wizard

/// The reader step: the live reader list, the waiting animation, then the token's identity.
enum ReaderScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let panel = state.readerPanel
    if let problem = panel.serviceProblem {
      page.line("The smart card service is not available.", role: .error)
      page.paragraph(problem)
      page.skip()
      page.paragraph("The wizard keeps trying; this screen updates once pcscd runs.", role: .hint)
      return [.back, .quit]
    }
    page.line("Readers")
    if panel.readers.isEmpty {
      page.line(
        panel.hasListed
          ? "No reader is connected: plug in the NFC reader." : "Looking for readers...",
        role: .warning, indent: 2)
    }
    for (index, reader) in panel.readers.enumerated() where page.rowsLeft > 8 {
      let isSelected = reader.name == panel.selected
      let marker = isSelected ? String(page.glyphs.pointer) : " "
      let status = reader.hasCard ? "card present" : "empty"
      let name = String(reader.name.prefix(48))
      let padded = name + String(repeating: " ", count: max(1, 50 - name.count))
      page.line("\(marker) \(index + 1)  \(padded)\(status)", role: isSelected ? .focus : .body)
    }
    page.skip()
    page.line("Token")
    drawToken(state, into: &page)
    var keys = [KeyHint("Up/Down", "reader"), KeyHint("R", "reread")]
    if panel.identity != nil && panel.identity?.model == nil && !panel.allowsUnknownModel {
      keys.append(KeyHint("U", "allow model"))
    }
    let isReadOnly = state.flow == .reburn && state.credential == nil
    keys += [KeyHint("Enter", isReadOnly ? "next" : "burn"), .back, .quit]
    return keys
  }

  private static func drawToken(_ state: WizardState, into page: inout Page) {
    let panel = state.readerPanel
    if let identity = panel.identity {
      drawIdentity(identity, allowsUnknown: panel.allowsUnknownModel, into: &page)
      page.skip()
      if panel.isReadyToBurn && state.flow == .reburn && state.credential == nil {
        page.paragraph(
          "Read: press Enter to give the key to burn into this token again.", role: .success)
      } else if panel.isReadyToBurn {
        page.paragraph("Ready: press Enter to burn the key into this token.", role: .success)
      }
    } else if let failure = panel.failure {
      page.paragraph(failure.description, role: .error, indent: 2)
    } else if panel.identifying != nil {
      page.line("Reading the token...", indent: 2)
    } else if panel.selected != nil {
      let spinner = page.glyphs.spinner
      let frame = spinner[state.tickCount % spinner.count]
      page.paragraph(
        "\(frame) Waiting for the token: switch the token on, then lay it flat on the reader.",
        role: .focus, indent: 2)
    }
  }

  private static func drawIdentity(
    _ identity: TokenIdentity, allowsUnknown: Bool, into page: inout Page
  ) {
    page.field("  Serial", identity.serial, role: .code)
    page.field("  Model", identity.model?.displayName ?? "unknown (not in the Token2 model table)")
    let drift = identity.clockDrift
    page.field(
      "  Clock drift",
      "\(drift >= 0 ? "+" : "")\(drift) s (token clock minus this computer's; the burn resets it)")
    for warning in identity.warnings {
      if warning == .unknownModel && allowsUnknown {
        page.field("  Allowed", "Unknown model: burning it anyway, as you chose.", role: .warning)
        continue
      }
      for (index, line) in TextWrap.lines(warning.description, width: page.width - 14).enumerated()
      {
        page.field(index == 0 ? "  Warning" : "", line, role: .warning)
      }
    }
  }
}
