/// A cheap look for QR finder patterns — the three nested squares in a code's corners, which
/// every line through their centre crosses as dark, light, dark, light, dark runs in the ratio
/// 1 : 1 : 3 : 1 : 1 (light on dark in an inverted code). One pass over the rows at a global
/// threshold, each hit confirmed on its column, costs a few percent of one zbar scan. The
/// scanner uses what they show to stop escalating through passes when nothing code-like is
/// there (`ScanPlan.passes(width:height:evidence:)`).
enum FinderPatterns {
  /// A finder-like mark: its centre and width, averaged over the rows that crossed it (the
  /// first row through a turned pattern is off its centre and narrower).
  struct Mark: Equatable {
    var x: Int
    var y: Int
    var size: Int
  }

  /// The rows' hits on one mark so far.
  private struct Hits {
    var sumX = 0, sumY = 0, sumSize = 0, count = 0
    var mark: Mark { Mark(x: sumX / count, y: sumY / count, size: sumSize / count) }

    mutating func add(x: Int, y: Int, size: Int) {
      sumX += x
      sumY += y
      sumSize += size
      count += 1
    }

    func holds(x: Int, y: Int) -> Bool {
      let mark = self.mark
      return abs(mark.x - x) <= mark.size / 2 && abs(mark.y - y) <= mark.size / 2
    }
  }

  /// What the marks say about the image: nothing code-like (no mark, or lone marks, which
  /// textures and text produce), two that could be a cut code's, or three that sit as a
  /// code's do.
  static func evidence(in image: GrayImage) -> FinderEvidence {
    let found = marks(in: image)
    if hasCodeLikeTriple(found) { return .code }
    return hasPair(found) ? .partial : .none
  }

  /// Whether two marks of about one size lie apart as two finders of one code do.
  static func hasPair(_ marks: [Mark]) -> Bool {
    for i in marks.indices {
      for j in marks.indices where j > i {
        let (a, b) = (Double(marks[i].size), Double(marks[j].size))
        guard max(a, b) <= min(a, b) * 1.3 else { continue }
        let dx = Double(marks[i].x - marks[j].x)
        let dy = Double(marks[i].y - marks[j].y)
        if (dx * dx + dy * dy).squareRoot() >= 1.5 * (a + b) / 2 { return true }
      }
    }
    return false
  }

  /// Whether three marks of about one size sit at the corners of a right isosceles triangle
  /// whose legs are longer than a mark, as a code's three finder patterns do at any rotation
  /// (with slack for a photo's perspective). Data modules can mimic one mark, rarely three in
  /// that shape. Over `manyMarks` marks (a noisy picture) counts as code-like without looking.
  static func hasCodeLikeTriple(_ marks: [Mark]) -> Bool {
    guard marks.count <= manyMarks else { return true }
    for i in marks.indices {
      for j in marks.indices where j > i {
        for k in marks.indices where k > j && isCodeLike(marks[i], marks[j], marks[k]) {
          return true
        }
      }
    }
    return false
  }

  static let manyMarks = 60

  private static func isCodeLike(_ a: Mark, _ b: Mark, _ c: Mark) -> Bool {
    let sizes = [a.size, b.size, c.size].map(Double.init)
    guard sizes.max()! <= sizes.min()! * 1.3 else { return false }
    func distance(_ p: Mark, _ q: Mark) -> Double {
      Double((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
    }
    let sides = [distance(a, b), distance(b, c), distance(a, c)].sorted()
    let mean = sizes.reduce(0, +) / 3
    guard sides[0] >= 1.5 * mean, sides[1] <= sides[0] * 1.2 else { return false }
    let hypotenuse = (sides[0] + sides[1]) / 2 * 2.0.squareRoot()
    return sides[2] >= hypotenuse * 0.87 && sides[2] <= hypotenuse * 1.15
  }

  /// The distinct finder-like marks (each once, however many rows cross it), top to bottom.
  static func marks(in image: GrayImage) -> [Mark] {
    guard let threshold = threshold(of: image) else { return [] }
    var marks: [Hits] = []
    image.pixels.withUnsafeBufferPointer { pixels in
      var runs = [Int](repeating: 0, count: 5)
      for y in 0..<image.height {
        let row = y * image.width
        var dark = pixels[row] < threshold
        var length = 0
        var filled = 0
        for x in 0...image.width {
          let here = x < image.width ? pixels[row + x] < threshold : !dark
          if here == dark {
            length += 1
            continue
          }
          // A run ended at x - 1: shift it into the last five.
          runs[0] = runs[1]
          runs[1] = runs[2]
          runs[2] = runs[3]
          runs[3] = runs[4]
          runs[4] = length
          filled = min(filled + 1, 5)
          if filled == 5, let size = matches(runs) {
            let centre = x - runs[4] - runs[3] - runs[2] / 2 - 1
            if let index = marks.firstIndex(where: { $0.holds(x: centre, y: y) }) {
              marks[index].add(x: centre, y: y, size: size)
            } else if confirmed(pixels, image, x: centre, y: y, threshold: threshold, size: size) {
              var hits = Hits()
              hits.add(x: centre, y: y, size: size)
              marks.append(hits)
            }
          }
          dark = here
          length = 1
        }
      }
    }
    return marks.map(\.mark)
  }

  /// The midpoint between the darkest and lightest 1 % of pixels; `nil` for a nearly flat image.
  static func threshold(of image: GrayImage) -> UInt8? {
    let (low, high) = image.clippedRange(clipping: image.pixelCount / 100)
    guard high - low >= 24 else { return nil }
    return UInt8((low + high + 1) / 2)
  }

  /// The pattern's width when five runs are in the 1 : 1 : 3 : 1 : 1 ratio, within half a
  /// module each (a module at least one pixel).
  static func matches(_ runs: [Int]) -> Int? {
    let total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4]
    guard total >= 7 else { return nil }
    let module = Double(total) / 7
    let slack = max(module / 2, 0.75)
    for index in [0, 1, 3, 4] where abs(Double(runs[index]) - module) > slack { return nil }
    guard abs(Double(runs[2]) - 3 * module) <= 3 * slack else { return nil }
    return total
  }

  /// Whether the column through (`x`, `y`) crosses the same pattern, about as large (a code
  /// rotated by any angle still shows it on every line through the centre).
  private static func confirmed(
    _ pixels: UnsafeBufferPointer<UInt8>, _ image: GrayImage, x: Int, y: Int, threshold: UInt8,
    size: Int
  ) -> Bool {
    let reach = size * 2
    func runs(step: Int) -> [Int] {
      var lengths = [0, 0, 0]
      var index = 0
      var dark = pixels[y * image.width + x] < threshold
      var row = y
      while row >= 0, row < image.height, abs(row - y) <= reach {
        let here = pixels[row * image.width + x] < threshold
        if here != dark {
          index += 1
          if index == 3 { break }
          dark = here
        }
        lengths[index] += 1
        row += step
      }
      return index == 3 ? lengths : []
    }
    let up = runs(step: -1)
    let down = runs(step: 1)
    guard up.count == 3, down.count == 3 else { return false }
    let column = [up[2], up[1], up[0] + down[0] - 1, down[1], down[2]]
    guard let height = matches(column) else { return false }
    return height * 2 >= size && height <= size * 2
  }
}

/// What the cheap finder-pattern check saw in an image.
public enum FinderEvidence: Equatable, Sendable {
  /// No finder-like mark, or only lone ones (textures, text).
  case none
  /// Two marks of one size apart as a code's finders, but no three placed as a code's (half
  /// a code, or a weak image where the check missed one).
  case partial
  /// Three marks of one size at the corners of a right isosceles triangle.
  case code
}
