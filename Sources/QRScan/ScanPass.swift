/// One step of a scan pass, applied to the decoded grayscale image.
public enum ScanStep: Hashable, Sendable {
  case invert
  case stretchContrast
  case downscale(Int)
  case upscale(Int)
  case smooth
  case rotate(degrees: Double)

  func apply(to image: GrayImage) -> GrayImage {
    switch self {
    case .invert: image.inverted()
    case .stretchContrast: image.contrastStretched()
    case .downscale(let factor): image.downscaled(by: factor)
    case .upscale(let factor): image.upscaled(by: factor)
    case .smooth: image.smoothed()
    case .rotate(let degrees): image.rotated(byDegrees: degrees)
    }
  }

  var name: String {
    switch self {
    case .invert: "inverted"
    case .stretchContrast: "contrast-stretched"
    case .downscale(let factor): "downscaled 1/\(factor)"
    case .upscale(let factor): "upscaled ×\(factor)"
    case .smooth: "smoothed"
    case .rotate(let degrees): "rotated \(degrees.formatted)°"
    }
  }
}

/// One attempt at finding codes: the steps applied in order, then one zbar scan. No steps
/// means the image as it is.
public struct ScanPass: Equatable, Sendable {
  /// The transforms, in the order they run.
  public var steps: [ScanStep]

  /// Creates a pass.
  public init(_ steps: [ScanStep]) { self.steps = steps }

  /// A short name for messages: `as is`, `inverted`, `downscaled 1/4 + inverted`.
  public var name: String {
    steps.isEmpty ? "as is" : steps.map(\.name).joined(separator: " + ")
  }

  /// The image this pass hands to zbar.
  public func prepare(_ image: GrayImage) -> GrayImage {
    steps.reduce(image) { $1.apply(to: $0) }
  }
}

extension Double {
  fileprivate var formatted: String {
    self == rounded() ? String(Int(self)) : String(self)
  }
}
