import Canvas
import Screens
import Testing
import Wizard

/// The roles the driver turns into colours (or bold/reverse without colour).
@Suite struct RoleTests {
  let size = TerminalSize(columns: 120, rows: 40)

  @Test func titleAndKeyBarsAreBarsAcrossTheWidth() {
    let canvas = frame(WizardStates.task(), size: size, style: .unicode)
    #expect((0..<size.columns).allSatisfy { canvas.role(row: 0, column: $0) == .title })
    #expect((0..<size.columns).allSatisfy { canvas.role(row: size.rows - 1, column: $0) == .hint })
  }

  @Test func qrModulesUseTheQRRoleIncludingTheQuietZone() {
    var state = WizardStates.burned(flow: .generate)
    _ = state.handle(.keyPressed(.next))
    _ = state.handle(.keyPressed(.toggleReveal))
    let canvas = frame(state, size: size, style: .unicode)
    let qrRows = (0..<size.rows).filter { row in
      (0..<size.columns).contains { canvas.role(row: row, column: $0) == .qr }
    }
    #expect(qrRows.count == 21, "37 modules + 2×2 quiet zone = 41 module rows → 21 cell rows")
    let first = qrRows[0]
    let cells = (0..<size.columns).filter { canvas.role(row: first, column: $0) == .qr }
    #expect(cells.count == 41)
  }

  @Test func noticesTakeTheRoleOfTheirKind() {
    var state = WizardStates.identityStep()  // the service field holds "Acme"
    for _ in 0..<4 { _ = state.handle(.keyPressed(.deleteBackward)) }
    _ = state.handle(.keyPressed(.next))
    let canvas = frame(state, size: size, style: .unicode)
    let row = canvas.lines.firstIndex { $0.contains("Enter the service's name") }
    #expect(row != nil)
    if let row { #expect(canvas.role(row: row, column: 2) == .error) }
  }
}
