import Testing

@testable import QRScan

/// The cheap finder-pattern check on real codes (qrencode, ImageMagick) and on images without
/// one, and what it does to the passes a failed scan reports. The payloads come from a fixed
/// seed, so every run checks the same codes.
@Suite struct FinderPatternTests {
  let scanner = QRScanner()

  /// Setup URI number `seed`: a key from a small linear congruential generator.
  static func payload(_ seed: Int) -> [UInt8] {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let key = String(
      (0..<32).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return alphabet[Int(state >> 59)]
      })
    return Array("otpauth://totp/Acme:bob@example.com?secret=\(key)&issuer=Acme".utf8)
  }

  func evidence(_ seed: Int, _ prepare: [String], qrencode: [String] = ["-s", "4"]) throws
    -> FinderEvidence
  {
    let tools = try ImageTools()
    try tools.qrencode(Self.payload(seed), to: "code.png", arguments: qrencode)
    let name = prepare.contains("-quality") ? "out.jpg" : "out.png"
    try tools.convert(["@code.png"] + prepare, output: name)
    return FinderPatterns.evidence(in: try scanner.decode(try tools.read(name)).image)
  }

  static let wholeCodes: [[String]] = [
    [], ["-negate"], ["-background", "white", "-rotate", "30"],
    ["-background", "white", "-rotate", "45"],
    ["-background", "white", "-rotate", "10"], ["+level", "40%,60%"], ["-quality", "30"],
    ["-attenuate", "1.2", "+noise", "Gaussian"], ["-resize", "40%"],
  ]

  /// Every variant of ten codes is seen as a code, so none loses the later passes.
  @Test(arguments: wholeCodes)
  func aWholeCodeLooksLikeACode(_ prepare: [String]) throws {
    for seed in 0..<10 {
      #expect(try evidence(seed, prepare) == .code, "code \(seed), \(prepare)")
    }
  }

  @Test func oneModulePerPixelLooksLikeACode() throws {
    for seed in 0..<10 {
      #expect(try evidence(seed, [], qrencode: ["-s", "1", "-m", "2"]) == .code, "code \(seed)")
    }
  }

  @Test func patternRatio() {
    #expect(FinderPatterns.matches([4, 4, 12, 4, 4]) == 28)
    #expect(FinderPatterns.matches([1, 1, 3, 1, 1]) == 7)
    #expect(FinderPatterns.matches([5, 3, 13, 4, 3]) != nil)  // blur and a slight angle
    #expect(FinderPatterns.matches([4, 4, 4, 4, 4]) == nil)  // stripes
    #expect(FinderPatterns.matches([4, 12, 4, 4, 4]) == nil)
    #expect(FinderPatterns.matches([1, 1, 2, 1, 1]) == nil)  // too small to be a pattern
  }

  @Test func threeMarksMustSitAsACodesDo() {
    let mark = { (x: Int, y: Int) in FinderPatterns.Mark(x: x, y: y, size: 28) }
    #expect(FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(200, 20), mark(20, 200)]))
    // Turned 45°: the right angle at the top.
    #expect(FinderPatterns.hasCodeLikeTriple([mark(150, 20), mark(277, 147), mark(23, 147)]))
    #expect(!FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(200, 20), mark(110, 60)]))
    #expect(!FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(200, 20)]))
    // Overlapping marks.
    #expect(!FinderPatterns.hasCodeLikeTriple([mark(20, 20), mark(30, 20), mark(20, 30)]))
    let sizes = [
      FinderPatterns.Mark(x: 20, y: 20, size: 28), .init(x: 200, y: 20, size: 60),
      .init(x: 20, y: 200, size: 28),
    ]
    #expect(!FinderPatterns.hasCodeLikeTriple(sizes))
  }

  @Test func aLoneMarkIsNothingCodeLike() {
    let mark = { (x: Int, y: Int, size: Int) in FinderPatterns.Mark(x: x, y: y, size: size) }
    #expect(!FinderPatterns.hasPair([mark(100, 100, 28)]))
    #expect(FinderPatterns.hasPair([mark(100, 100, 28), mark(300, 100, 30)]))
    #expect(!FinderPatterns.hasPair([mark(100, 100, 28), mark(300, 100, 60)]))  // sizes differ
    #expect(!FinderPatterns.hasPair([mark(100, 100, 28), mark(120, 100, 28)]))  // overlapping
  }

  /// Photo-like images without a code: textures make lone marks at most, so one pass.
  @Test func photosWithoutACodeAreOnePass() throws {
    let tools = try ImageTools()
    for round in 0..<4 {
      let path = try tools.convert(
        [
          "-size", "2000x1500", "-seed", "\(round + 1)", "plasma:fractal", "-blur", "0x3",
          "-quality", "85",
        ], output: "photo\(round).jpg")
      let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
      guard case .noQRCode(_, _, let passes) = error else {
        Issue.record("expected no QR code, got \(String(describing: error))")
        return
      }
      #expect(passes == ["as is"], "plasma seed \(round + 1)")
    }
  }

  /// The top halves of twenty codes: two finder patterns each, no decodable code. Data modules
  /// sometimes mimic a third mark in the right place, so the check is a heuristic; at least 17
  /// of these 20 stop after the four passes that need no resampling, and none scans less.
  @Test func halfCodesStopEarly() throws {
    let tools = try ImageTools()
    var early = 0
    for seed in 0..<20 {
      try tools.qrencode(Self.payload(seed), to: "code.png", arguments: ["-s", "6"])
      let path = try tools.convert(
        ["@code.png", "-gravity", "north", "-crop", "100%x50%+0+0", "+repage"], output: "half.png")
      let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
      guard case .noQRCode(let width, let height, let passes) = error else {
        Issue.record("expected no QR code, got \(String(describing: error))")
        return
      }
      let cheap = ScanPlan.passes(width: width, height: height).prefix(4).map(\.name)
      #expect(passes.starts(with: cheap))
      if passes == cheap { early += 1 }
    }
    #expect(early >= 17, "\(early) of 20 stopped early")
  }

  /// A large JPEG photo without a code skips its half-size pass: one full-size pass.
  @Test func largePhotoWithoutACodeIsOneFullSizePass() throws {
    let tools = try ImageTools()
    let path = try tools.convert(
      ["-size", "3200x2400", "-seed", "7", "plasma:fractal", "-blur", "0x3", "-quality", "85"],
      output: "large.jpg")
    let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
    guard case .noQRCode(_, _, let passes) = error else {
      Issue.record("expected no QR code, got \(String(describing: error))")
      return
    }
    #expect(passes == ["as is"])
  }

  /// A photo-like image with no code at all: one pass.
  @Test func noCodeInAPhotoIsOnePass() throws {
    let tools = try ImageTools()
    let path = try tools.convert(
      ["-size", "1600x1200", "plasma:fractal", "-blur", "0x3", "-quality", "85"],
      output: "photo.jpg")
    let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
    guard case .noQRCode(_, _, let passes) = error else {
      Issue.record("expected no QR code, got \(String(describing: error))")
      return
    }
    #expect(passes == ["as is"])
  }
}
