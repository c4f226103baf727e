/// Prepares the image of each pass while avoiding repeated work: a pass that extends the
/// previous one (`downscale 1/2` then `downscale 1/2 + invert`) starts from the previous
/// result, and a pass whose steps change nothing (a contrast stretch of an image that already
/// spans black to white) is skipped when an earlier pass scanned the same pixels.
struct PassPreparer {
  private let original: GrayImage
  private var lastSteps: [ScanStep] = []
  private var lastEffective: [ScanStep] = []
  private var lastImage: GrayImage
  private var scanned = Set<[ScanStep]>()

  init(_ image: GrayImage) {
    original = image
    lastImage = image
  }

  /// The image for `pass`, or `nil` when those pixels were already scanned.
  mutating func prepare(_ pass: ScanPass) -> GrayImage? {
    var image = original
    var effective: [ScanStep] = []
    var remaining = pass.steps[...]
    if !lastSteps.isEmpty, pass.steps.starts(with: lastSteps) {
      image = lastImage
      effective = lastEffective
      remaining = pass.steps.dropFirst(lastSteps.count)
    }
    for step in remaining {
      let next = step.apply(to: image)
      // Transforms that change nothing return their input, so this is usually a quick
      // comparison of one buffer with itself.
      if next != image { effective.append(step) }
      image = next
    }
    lastSteps = pass.steps
    lastEffective = effective
    lastImage = image
    return scanned.insert(effective).inserted ? image : nil
  }
}
