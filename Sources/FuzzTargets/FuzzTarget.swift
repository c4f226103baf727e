/// The parsers that take bytes from outside the program, each as a fuzz target: libFuzzer (or
/// the replay loop of `tokenburner-fuzz`) hands `run(_:)` arbitrary bytes, and a target fails
/// only by trapping — a crash, an overflow, an out-of-range index or a broken invariant checked
/// with `precondition`. Thrown parse errors are the expected outcome for most inputs.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// `otpauth://` key URIs, and the secret text and input classifier that see the same text.
  case otpauth
  /// `otpauth-migration://` export URIs and their protobuf payload.
  case migration
  /// Lenient and canonical Base32 decoding, with an encode/decode round trip.
  case base32
  /// Card responses: `ResponseAPDU`, GET INFO (`TokenInfo`), SIMPLE-TLV, command APDUs and
  /// vpcd frames, and a whole burn against a card whose every answer comes from the input.
  case apdu
  /// Image files (PNG, JPEG, WebP, or anything else) to grayscale, then QR scanning when small.
  case image
  /// YubiKey OATH answers (TLVs, SELECT, names, codes), the simulated applet's commands, and
  /// the driver against a card whose every answer comes from the input.
  case yubikey

  /// Runs the target once on `bytes`.
  public func run(_ bytes: [UInt8]) {
    switch self {
    case .otpauth: TextTargets.otpauth(bytes)
    case .migration: TextTargets.migration(bytes)
    case .base32: TextTargets.base32(bytes)
    case .apdu: APDUTargets.run(bytes)
    case .image: ImageTarget.run(bytes)
    case .yubikey: YubiKeyTargets.run(bytes)
    }
  }

  /// The largest input worth generating for this target, in bytes (libFuzzer's `-max_len`).
  public var maximumInputLength: Int {
    switch self {
    case .otpauth, .migration, .base32: 4096
    case .apdu, .yubikey: 2048
    case .image: 65_536
    }
  }
}
