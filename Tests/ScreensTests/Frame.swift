import Canvas
import QREncoding
import Screens
import Wizard

/// The frame the wizard draws for `state`: what `ScreenRenderer.qrCodeText` names encoded with
/// libqrencode first, as the runtime does before each `render`.
func frame(_ state: WizardState, size: TerminalSize, style: ScreenStyle) -> Canvas {
  let qrCode = ScreenRenderer.qrCodeText(for: state).flatMap(QRMatrix.encode)
  return ScreenRenderer.render(state, size: size, style: style, qrCode: qrCode)
}
