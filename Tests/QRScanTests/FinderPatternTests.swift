@testable import QRScan
import Testing

/// The cheap finder-pattern check on real codes (qrencode, ImageMagick) and on images without
/// one, and what it does to the passes a failed scan reports.
@Suite struct FinderPatternTests {
  let scanner = QRScanner()

  func evidence(_ prepare: [String], qrencode: [String] = ["-s", "4"]) throws -> FinderEvidence {
    let tools = try ImageTools()
    try tools.qrencode(setupURI(), to: "code.png", arguments: qrencode)
    let name = prepare.contains("-quality") ? "out.jpg" : "out.png"
    try tools.convert(["@code.png"] + prepare, output: name)
    return FinderPatterns.evidence(in: try scanner.decode(try tools.read(name)).image)
  }

  @Test(arguments: [
    [String](), ["-negate"], ["-background", "white", "-rotate", "30"], ["-background", "white", "-rotate", "45"],
    ["+level", "40%,60%"], ["-quality", "30"], ["-attenuate", "1.2", "+noise", "Gaussian"],
  ])
  func aWholeCodeLooksLikeACode(_ prepare: [String]) throws {
    #expect(try evidence(prepare) == .code, "\(prepare)")
  }

  @Test func oneModulePerPixelLooksLikeACode() throws {
    #expect(try evidence([], qrencode: ["-s", "1", "-m", "2"]) == .code)
  }

  @Test func threeMarksMustSitAsACodesDo() {
    let mark = { (x: Int, y: Int) in FinderPatterns.Mark(x: x, y: y, size: 28) }
    #expect(FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(200, 20), mark(20, 200)]))
    // Turned 45°: the right angle at the top.
    #expect(FinderPatterns.hasCodeLikeTriple([mark(150, 20), mark(277, 147), mark(23, 147)]))
    #expect(!FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(200, 20), mark(110, 60)]))
    #expect(!FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(200, 20)]))
    #expect(!FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(30, 20), mark(20, 30)]))  // overlapping
    let sizes = [FinderPatterns.Mark(x: 20, y: 20, size: 28), .init(x: 200, y: 20, size: 60), .init(x: 20, y: 200, size: 28)]
    #expect(!FinderPatterns.hasCodeLikeTriple(sizes))
  }

  @Test func patternRatio() {
    #expect(FinderPatterns.matches([4, 4, 12, 4, 4]) == 28)
    #expect(FinderPatterns.matches([1, 1, 3, 1, 1]) == 7)
    #expect(FinderPatterns.matches([5, 3, 13, 4, 3]) != nil)  // blur and a slight angle
    #expect(FinderPatterns.matches([4, 4, 4, 4, 4]) == nil)  // stripes
    #expect(FinderPatterns.matches([4, 12, 4, 4, 4]) == nil)
    #expect(FinderPatterns.matches([1, 1, 2, 1, 1]) == nil)  // too small to be a pattern
  }

  /// Top half of a code: two finder patterns, no decodable code. The scan stops after the
  /// passes that cost no resampling instead of running every pass. Ten random codes, since
  /// data modules sometimes mimic a third mark.
  @Test(arguments: 0..<10)
  func halfACodeStopsEarly(_ round: Int) throws {
    let tools = try ImageTools()
    try tools.qrencode(setupURI(), to: "code.png", arguments: ["-s", "6"])
    let path = try tools.convert(["@code.png", "-gravity", "north", "-crop", "100%x50%+0+0", "+repage"], output: "half.png")
    let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
    guard case .noQRCode(let width, let height, let passes) = error else {
      Issue.record("expected no QR code, got \(String(describing: error))")
      return
    }
    #expect(passes == ScanPlan.passes(width: width, height: height).prefix(4).map(\.name))
  }

  /// A photo-like image with no code at all: one pass.
  @Test func noCodeInAPhotoIsOnePass() throws {
    let tools = try ImageTools()
    let path = try tools.convert(["-size", "1600x1200", "plasma:fractal", "-blur", "0x3", "-quality", "85"], output: "photo.jpg")
    let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
    guard case .noQRCode(_, _, let passes) = error else {
      Issue.record("expected no QR code, got \(String(describing: error))")
      return
    }
    #expect(passes == ["as is"])
  }
}
