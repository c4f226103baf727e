/// Which codes a scan reports.
public enum SymbolKinds: Equatable, Sendable {
  /// QR codes only: what services show for a key. Barcodes in the same picture are ignored.
  case qrOnly
  /// QR codes and the linear barcodes printed on token labels (Code 128, Code 39, EAN-13,
  /// Interleaved 2 of 5), for reading a serial from a photo of the label.
  case qrAndLabelBarcodes
}
