import Testing

@testable import QRScan

/// Which passes run for which image sizes.
@Suite struct ScanPlanTests {
  @Test func startsWithTheImageAsIsThenInverted() {
    let passes = ScanPlan.passes(width: 800, height: 600)
    #expect(passes[0] == ScanPass([]))
    #expect(passes[0].name == "as is")
    #expect(passes[1] == ScanPass([.invert]))
    #expect(passes[1].name == "inverted")
  }

  @Test func largePhotosGetDownscaledPassesAndNoUpscaledOnes() {
    let passes = ScanPlan.passes(width: 4000, height: 3000)
    let factors = passes.compactMap { pass -> Int? in
      if pass.steps.count == 1, case .downscale(let factor) = pass.steps[0] { return factor }
      return nil
    }
    #expect(factors == [2, 3, 4, 6, 8])
    #expect(
      !passes.contains { $0.steps.contains { if case .upscale = $0 { true } else { false } } })
    // Rotation runs on a copy whose longer side is at most 1600 pixels.
    let rotated = passes.filter {
      $0.steps.contains { if case .rotate = $0 { true } else { false } }
    }
    #expect(!rotated.isEmpty)
    #expect(rotated.allSatisfy { $0.steps.first == .downscale(3) })
  }

  @Test func tinyImagesGetUpscaledPassesWithinThePixelBound() {
    let small = ScanPlan.passes(width: 60, height: 60)
    #expect(small.contains(ScanPass([.upscale(4)])))
    let medium = ScanPlan.passes(width: 900, height: 900)  // ×3 would be 7.3 megapixels
    #expect(medium.contains(ScanPass([.upscale(2)])))
    #expect(!medium.contains(ScanPass([.upscale(3)])))
  }

  @Test func finderEvidenceDecidesHowFarThePlanGoes() {
    let all = ScanPlan.passes(width: 800, height: 600)
    #expect(ScanPlan.passes(width: 800, height: 600, evidence: .none) == [ScanPass([])])
    #expect(ScanPlan.passes(width: 800, height: 600, evidence: .partial) == Array(all.prefix(4)))
    #expect(ScanPlan.passes(width: 800, height: 600, evidence: .code) == all)
  }

  @Test func largeJPEGPhotosStartAtHalfSize() {
    let photo = ScanPlan.passes(width: 4000, height: 3000, photo: true)
    #expect(photo[0] == ScanPass([.downscale(2)]))
    #expect(photo[1] == ScanPass([]))
    #expect(Set(photo.map(\.steps)) == Set(ScanPlan.passes(width: 4000, height: 3000).map(\.steps)))
    #expect(
      ScanPlan.passes(width: 4000, height: 3000, photo: true, evidence: .none).map(\.name) == [
        "downscaled 1/2", "as is",
      ])
    #expect(ScanPlan.passes(width: 4000, height: 3000, photo: true, evidence: .partial).count == 5)
    // A screenshot of that size, or a smaller photo, starts as it is.
    #expect(ScanPlan.passes(width: 4000, height: 3000)[0] == ScanPass([]))
    #expect(ScanPlan.passes(width: 2000, height: 1500, photo: true)[0] == ScanPass([]))
  }

  @Test func passNamesSayWhatWasDone() {
    #expect(ScanPass([.downscale(4), .invert]).name == "downscaled 1/4 + inverted")
    #expect(ScanPass([.upscale(2), .rotate(degrees: 22.5)]).name == "upscaled ×2 + rotated 22.5°")
  }

  @Test func everyPassIsDistinct() {
    for size in [(40, 40), (640, 480), (1920, 1080), (4000, 3000)] {
      let passes = ScanPlan.passes(width: size.0, height: size.1)
      #expect(Set(passes.map(\.name)).count == passes.count)
    }
  }
}

/// Passes that would scan the same pixels twice are skipped.
@Suite struct PassPreparerTests {
  @Test func aNoOpContrastStretchIsNotScannedAgain() {
    let image = GrayImage(width: 2, height: 1, pixels: [0, 255])!
    var preparer = PassPreparer(image)
    #expect(preparer.prepare(ScanPass([])) == image)
    #expect(preparer.prepare(ScanPass([.invert])) == image.inverted())
    #expect(preparer.prepare(ScanPass([.stretchContrast])) == nil)  // same pixels as "as is"
    #expect(preparer.prepare(ScanPass([.stretchContrast, .invert])) == nil)
  }

  @Test func anExtendingPassGivesTheSameImageAsFromScratch() {
    let image = GrayImage(width: 8, height: 4, pixels: (0..<32).map { UInt8($0 * 7) })!
    var preparer = PassPreparer(image)
    _ = preparer.prepare(ScanPass([.downscale(2)]))
    let extended = preparer.prepare(ScanPass([.downscale(2), .invert]))
    #expect(extended == ScanPass([.downscale(2), .invert]).prepare(image))
  }
}
