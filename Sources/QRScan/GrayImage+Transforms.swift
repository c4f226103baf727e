import Foundation

/// The pure image transforms of the scan passes. Each returns a new image and leaves `self`
/// untouched; none reads anything but the pixels.
extension GrayImage {
  /// Light-on-dark becomes dark-on-light: every value `v` becomes `255 - v`.
  public func inverted() -> GrayImage {
    var copy = self
    copy.pixels = pixels.map { 255 &- $0 }
    return copy
  }

  /// Maps the darkest 1 % of pixels to black and the lightest 1 % to white, linearly between:
  /// a grey-on-grey photo gets the contrast the binariser expects. Unchanged when the image is
  /// a single shade or already spans (almost) the whole range.
  public func contrastStretched(clipFraction: Double = 0.01) -> GrayImage {
    let (low, high) = clippedRange(clipping: Int(Double(pixelCount) * clipFraction))
    guard high > low, low > 0 || high < 255 else { return self }
    let span = high - low
    var table = [UInt8](repeating: 0, count: 256)
    for value in 0..<256 {
      let stretched = (value - low) * 255 / span
      table[value] = UInt8(clamping: stretched)
    }
    var copy = self
    copy.pixels = pixels.map { table[Int($0)] }
    return copy
  }

  /// Each `factor × factor` block becomes its mean: a large photo shrinks so that a code's
  /// modules come out a few pixels wide, and sensor noise averages away. Edge pixels that do
  /// not fill a block are dropped. Returns `self` for a factor of 1 or one that would leave no
  /// pixel.
  public func downscaled(by factor: Int) -> GrayImage {
    let newWidth = width / max(factor, 1)
    let newHeight = height / max(factor, 1)
    guard factor > 1, newWidth > 0, newHeight > 0 else { return self }
    var result = [UInt8](repeating: 0, count: newWidth * newHeight)
    let area = factor * factor
    var sums = [Int](repeating: 0, count: newWidth)
    for outY in 0..<newHeight {
      for index in sums.indices { sums[index] = 0 }
      for inY in (outY * factor)..<(outY * factor + factor) {
        let row = inY * width
        for outX in 0..<newWidth {
          var sum = 0
          let start = row + outX * factor
          for inX in start..<(start + factor) { sum += Int(pixels[inX]) }
          sums[outX] += sum
        }
      }
      for outX in 0..<newWidth { result[outY * newWidth + outX] = UInt8(sums[outX] / area) }
    }
    return GrayImage(width: newWidth, height: newHeight, pixels: result)!
  }

  /// Each pixel becomes a `factor × factor` block (nearest neighbour, so edges stay sharp):
  /// a code whose modules are one or two pixels wide gets modules zbar can measure.
  public func upscaled(by factor: Int) -> GrayImage {
    guard factor > 1 else { return self }
    let newWidth = width * factor
    var result = [UInt8]()
    result.reserveCapacity(newWidth * height * factor)
    var row = [UInt8](repeating: 0, count: newWidth)
    for y in 0..<height {
      for x in 0..<width {
        let value = pixels[y * width + x]
        for offset in 0..<factor { row[x * factor + offset] = value }
      }
      for _ in 0..<factor { result.append(contentsOf: row) }
    }
    return GrayImage(width: newWidth, height: height * factor, pixels: result)!
  }

  /// Each pixel becomes the mean of its 3 × 3 neighbourhood (edges repeat): speckle noise
  /// stops breaking the module edges apart. Computed as two 3-tap passes.
  public func smoothed() -> GrayImage {
    var rowSums = [UInt16](repeating: 0, count: pixelCount)
    for y in 0..<height {
      let row = y * width
      for x in 0..<width {
        let left = Int(pixels[row + max(x - 1, 0)])
        let right = Int(pixels[row + min(x + 1, width - 1)])
        rowSums[row + x] = UInt16(left + Int(pixels[row + x]) + right)
      }
    }
    var result = [UInt8](repeating: 0, count: pixelCount)
    for y in 0..<height {
      let above = max(y - 1, 0) * width
      let here = y * width
      let below = min(y + 1, height - 1) * width
      for x in 0..<width {
        let sum = Int(rowSums[above + x]) + Int(rowSums[here + x]) + Int(rowSums[below + x])
        result[here + x] = UInt8(sum / 9)
      }
    }
    var copy = self
    copy.pixels = result
    return copy
  }

  /// Rotated by `degrees` counter-clockwise about the centre, on a canvas large enough to keep
  /// every corner; uncovered canvas is white. Multiples of 90° are exact; other angles use
  /// bilinear interpolation.
  public func rotated(byDegrees degrees: Double) -> GrayImage {
    let quarterTurns = degrees / 90
    if quarterTurns == quarterTurns.rounded() {
      return rotatedQuarterTurns(Int(quarterTurns.rounded()))
    }
    let radians = degrees * .pi / 180
    let cosine = cos(radians)
    let sine = sin(radians)
    let newWidth = Int((Double(width) * abs(cosine) + Double(height) * abs(sine)).rounded(.up))
    let newHeight = Int((Double(width) * abs(sine) + Double(height) * abs(cosine)).rounded(.up))
    var result = [UInt8](repeating: 255, count: newWidth * newHeight)
    let centreX = Double(width - 1) / 2
    let centreY = Double(height - 1) / 2
    let newCentreX = Double(newWidth - 1) / 2
    let newCentreY = Double(newHeight - 1) / 2
    for outY in 0..<newHeight {
      let dy = Double(outY) - newCentreY
      for outX in 0..<newWidth {
        let dx = Double(outX) - newCentreX
        // Inverse mapping: where in the source does this output pixel come from (y grows down,
        // so a counter-clockwise turn on screen flips the sign of the sine terms).
        let sourceX = dx * cosine - dy * sine + centreX
        let sourceY = dx * sine + dy * cosine + centreY
        guard sourceX >= 0, sourceY >= 0, sourceX <= Double(width - 1),
          sourceY <= Double(height - 1)
        else { continue }
        result[outY * newWidth + outX] = bilinear(x: sourceX, y: sourceY)
      }
    }
    return GrayImage(width: newWidth, height: newHeight, pixels: result)!
  }

  private func bilinear(x: Double, y: Double) -> UInt8 {
    let x0 = Int(x)
    let y0 = Int(y)
    let x1 = min(x0 + 1, width - 1)
    let y1 = min(y0 + 1, height - 1)
    let fx = x - Double(x0)
    let fy = y - Double(y0)
    let top = Double(self[x0, y0]) * (1 - fx) + Double(self[x1, y0]) * fx
    let bottom = Double(self[x0, y1]) * (1 - fx) + Double(self[x1, y1]) * fx
    return UInt8(clamping: Int((top * (1 - fy) + bottom * fy).rounded()))
  }

  private func rotatedQuarterTurns(_ turns: Int) -> GrayImage {
    let normalized = ((turns % 4) + 4) % 4
    guard normalized != 0 else { return self }
    let newWidth = normalized == 2 ? width : height
    let newHeight = normalized == 2 ? height : width
    var result = [UInt8](repeating: 0, count: pixelCount)
    for y in 0..<height {
      for x in 0..<width {
        let (outX, outY) =
          switch normalized {
          case 1: (y, width - 1 - x)  // counter-clockwise
          case 2: (width - 1 - x, height - 1 - y)
          default: (height - 1 - y, x)
          }
        result[outY * newWidth + outX] = pixels[y * width + x]
      }
    }
    return GrayImage(width: newWidth, height: newHeight, pixels: result)!
  }
}

extension GrayImage {
  /// The darkest and lightest shades left once at most `clip` pixels are set aside at each
  /// end of the histogram: the range the contrast stretch and the finder check work from.
  func clippedRange(clipping clip: Int) -> (low: Int, high: Int) {
    var histogram = [Int](repeating: 0, count: 256)
    for value in pixels { histogram[Int(value)] += 1 }
    var low = 0
    var seen = 0
    while low < 255, seen + histogram[low] <= clip {
      seen += histogram[low]
      low += 1
    }
    var high = 255
    seen = 0
    while high > 0, seen + histogram[high] <= clip {
      seen += histogram[high]
      high -= 1
    }
    return (low, high)
  }
}
