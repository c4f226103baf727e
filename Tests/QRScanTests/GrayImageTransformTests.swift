import QRScan
import Testing

/// The pure transforms, on small images whose expected pixels are worked out by hand.
@Suite struct GrayImageTransformTests {
  /// 4 × 2: first row 0, 10, 20, 30; second row 40, 50, 60, 70.
  let ramp = GrayImage(width: 4, height: 2, pixels: [0, 10, 20, 30, 40, 50, 60, 70])!

  @Test func rejectsMismatchedPixelCounts() {
    #expect(GrayImage(width: 2, height: 2, pixels: [1, 2, 3]) == nil)
    #expect(GrayImage(width: 0, height: 2, pixels: []) == nil)
    #expect(GrayImage(width: Int.max, height: 2, pixels: [1]) == nil)
  }

  @Test func invertsEveryValue() {
    #expect(ramp.inverted().pixels == [255, 245, 235, 225, 215, 205, 195, 185])
    #expect(ramp.inverted().inverted() == ramp)
  }

  @Test func downscalingAveragesBlocks() {
    let half = ramp.downscaled(by: 2)
    #expect(half.width == 2 && half.height == 1)
    #expect(half.pixels == [25, 45])  // (0+10+40+50)/4 and (20+30+60+70)/4
    #expect(ramp.downscaled(by: 3) == ramp)  // two rows cannot fill a 3 × 3 block
    #expect(ramp.downscaled(by: 1) == ramp)
  }

  @Test func upscalingRepeatsPixelsInBlocks() {
    let image = GrayImage(width: 2, height: 1, pixels: [0, 255])!
    let doubled = image.upscaled(by: 2)
    #expect(doubled.width == 4 && doubled.height == 2)
    #expect(doubled.pixels == [0, 0, 255, 255, 0, 0, 255, 255])
  }

  @Test func quarterTurnsMovePixelsExactly() {
    let left = ramp.rotated(byDegrees: 90)  // counter-clockwise: the right column goes on top
    #expect(left.width == 2 && left.height == 4)
    #expect(left.pixels == [30, 70, 20, 60, 10, 50, 0, 40])
    let upsideDown = ramp.rotated(byDegrees: 180)
    #expect(upsideDown.pixels == [70, 60, 50, 40, 30, 20, 10, 0])
    #expect(ramp.rotated(byDegrees: -90) == ramp.rotated(byDegrees: 270))
    #expect(ramp.rotated(byDegrees: 360) == ramp)
  }

  @Test func obliqueRotationGrowsTheCanvasAndFillsWithWhite() {
    let square = GrayImage(width: 10, height: 10, filledWith: 0)
    let turned = square.rotated(byDegrees: 45)
    // 10·cos 45° + 10·sin 45° = 14.14…, rounded up.
    #expect(turned.width == 15 && turned.height == 15)
    #expect(turned[0, 0] == 255)  // a corner of the canvas the square does not reach
    #expect(turned[7, 7] == 0)  // the centre stays black
  }

  @Test func contrastStretchSpansTheFullRange() {
    // Half the pixels 100, half 140: after stretching they are 0 and 255.
    let flat = GrayImage(width: 10, height: 10, pixels: (0..<100).map { $0 < 50 ? 100 : 140 })!
    let stretched = flat.contrastStretched()
    #expect(Set(stretched.pixels) == [0, 255])
    #expect(stretched.pixels.prefix(50).allSatisfy { $0 == 0 })
  }

  @Test func contrastStretchLeavesFullRangeAndSingleShadeAlone() {
    let full = GrayImage(width: 2, height: 1, pixels: [0, 255])!
    #expect(full.contrastStretched() == full)
    let single = GrayImage(width: 3, height: 3, filledWith: 77)
    #expect(single.contrastStretched() == single)
  }

  @Test func smoothingAveragesNeighbours() {
    var dot = GrayImage(width: 3, height: 3, filledWith: 0)
    dot[1, 1] = 90
    let smooth = dot.smoothed()
    #expect(smooth[1, 1] == 10)
    // Corner (0,0): edge repetition puts (0,0),(1,0),(0,1),(1,1) into the sum; only (1,1) is lit.
    #expect(smooth[0, 0] == 10)
  }
}
