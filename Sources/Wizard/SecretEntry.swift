import OTP

/// The secret step's inputs: image path with completion and recent images, or pasted text.
public struct SecretEntry: Equatable, Sendable {
  /// Most recent images listed.
  public static let recentLimit = 5

  /// The highlighted way of entering the key (enroll flow).
  public internal(set) var method: SecretMethod = .image
  /// The image path being typed.
  public internal(set) var imagePath = TextField(limit: 1024)
  /// Candidates after an ambiguous completion.
  public internal(set) var completions: [String] = []
  /// Recent images in the working and home directories, newest first.
  public internal(set) var recentImages: [String] = []
  /// The URI or key being pasted; shown masked unless `isRevealed`.
  public internal(set) var pasted = TextField(limit: 4096)
  /// Whether secrets on this step are shown in clear.
  public internal(set) var isRevealed = false
  /// The image whose decoding is under way.
  public internal(set) var pendingImage: String?
  /// Whether a generated key was asked for and has not arrived yet.
  public internal(set) var isGenerating = false
}
