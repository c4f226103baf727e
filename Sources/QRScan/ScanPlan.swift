/// Which passes to try on an image of a given size, cheapest and most likely first. The
/// scanner stops at the first pass that finds a code, so a clean screenshot costs one pass.
public enum ScanPlan {
  /// Images whose longer side exceeds this many pixels get downscaled passes (large photos
  /// in which the code's modules are many pixels wide, blurred and noisy).
  public static let downscaleAbove = 1200
  /// Downscaling stops before the shorter side drops below this many pixels.
  public static let smallestDownscaledSide = 200
  /// Images whose longer side is at most this many pixels get upscaled passes (codes whose
  /// modules are one or two pixels wide).
  public static let upscaleUpTo = 1000
  /// Upscaled copies stay within this many pixels, to bound time and memory.
  public static let largestUpscaledPixels = 4_000_000
  /// Rotated passes run on a copy whose longer side is at most this many pixels.
  public static let rotationSide = 1600

  /// Camera photos (JPEG) whose longer side exceeds this many pixels are scanned at half size
  /// first: their codes' modules are many pixels wide, and zbar's scan of a quarter of the
  /// pixels costs a quarter of the time. The full-size pass follows if that finds nothing.
  public static let halfSizeFirstAbove = 2400

  /// The passes for a `width × height` image given what the cheap finder-pattern check saw.
  /// Nothing code-like: only the image as it is (zbar has the last word). Two marks that could
  /// be a cut code's: also the inverted and contrast-stretched passes, which need no
  /// resampling, in case the check missed the third in a weak image. A code-like three:
  /// every pass.
  public static func passes(
    width: Int, height: Int, photo: Bool = false, evidence: FinderEvidence
  ) -> [ScanPass] {
    let all = passes(width: width, height: height, photo: photo)
    // The passes up to and including the contrast-stretched inverted one need no resampling
    // (after a leading half-size pass, if any).
    let asIs = all.firstIndex(of: ScanPass([]))!
    switch evidence {
    case .none: return Array(all.prefix(asIs + 1))
    case .partial: return Array(all.prefix(asIs + 4))
    case .code: return all
    }
  }

  /// Every pass for a `width × height` image, in the order to try them; `photo` for a JPEG.
  public static func passes(width: Int, height: Int, photo: Bool = false) -> [ScanPass] {
    var passes: [ScanPass] = [
      ScanPass([]),
      ScanPass([.invert]),
      ScanPass([.stretchContrast]),
      ScanPass([.stretchContrast, .invert]),
    ]
    let longer = max(width, height)
    let shorter = min(width, height)
    if longer > downscaleAbove {
      for factor in [2, 3, 4, 6, 8] where shorter / factor >= smallestDownscaledSide {
        passes.append(ScanPass([.downscale(factor)]))
        passes.append(ScanPass([.downscale(factor), .invert]))
      }
    }
    if longer <= upscaleUpTo {
      for factor in [2, 3, 4] where width * height * factor * factor <= largestUpscaledPixels {
        passes.append(ScanPass([.upscale(factor)]))
        passes.append(ScanPass([.upscale(factor), .invert]))
      }
    }
    let halfSize = ScanPass([.downscale(2)])
    if photo, longer > halfSizeFirstAbove, let index = passes.firstIndex(of: halfSize) {
      passes.remove(at: index)
      passes.insert(halfSize, at: 0)
    }
    // Large images already had their noise averaged by the downscaled passes.
    if longer <= downscaleAbove {
      passes.append(ScanPass([.smooth, .stretchContrast]))
      passes.append(ScanPass([.smooth, .stretchContrast, .invert]))
    }
    var rotationPrefix: [ScanStep] = []
    let shrink = (longer + rotationSide - 1) / rotationSide
    if shrink > 1 { rotationPrefix.append(.downscale(shrink)) }
    if longer * 2 <= rotationSide, width * height * 4 <= largestUpscaledPixels {
      rotationPrefix.append(.upscale(2))
    }
    for degrees in [45.0, 22.5] {
      passes.append(ScanPass(rotationPrefix + [.rotate(degrees: degrees)]))
      passes.append(ScanPass(rotationPrefix + [.rotate(degrees: degrees), .invert]))
    }
    return passes
  }
}
