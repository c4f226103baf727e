/// The bytes of the Molto2 protocol (protocol note §5.2): classes, instructions, tags and
/// lengths, named once so builders, parsers and the simulated token agree.
public enum Molto2Wire {
  /// Class bytes: plain commands and MAC-secured ones (§3.4).
  public enum Class {
    public static let plain: UInt8 = 0x80
    public static let secured: UInt8 = 0x84
  }

  /// Instruction bytes (§5.2).
  public enum Instruction {
    /// GET INFO (no data) and READ PROFILE PUBLIC DATA (data `70`, P2 = profile).
    public static let getInfo: UInt8 = 0x41
    public static let getChallenge: UInt8 = 0x4B
    public static let authenticate: UInt8 = 0xCE
    public static let writeSeed: UInt8 = 0xC5
    public static let writeTitle: UInt8 = 0xD5
    /// WRITE CONFIG and SYNC TIME (P1 = `01`).
    public static let writeConfig: UInt8 = 0xD4
    public static let deleteSeed: UInt8 = 0xE6
    public static let changeKey: UInt8 = 0xD7
    public static let factoryReset: UInt8 = 0x56
  }

  /// GET CHALLENGE P1: an 8-byte challenge.
  public static let challengeP1: UInt8 = 0x08
  /// WRITE SEED P1.
  public static let writeSeedP1: UInt8 = 0x01
  /// WRITE CONFIG / SYNC TIME P1 (family A uses `00`).
  public static let writeConfigP1: UInt8 = 0x01
  /// The data byte of READ PROFILE PUBLIC DATA.
  public static let publicDataSelector: UInt8 = 0x70
  /// Challenge length in bytes.
  public static let challengeLength = 8
  /// Command MAC length in bytes.
  public static let macLength = 4

  /// Config TLV tags (§5.2).
  public enum Tag {
    public static let systemConfig: UInt8 = 0x81
    public static let displayTimeout: UInt8 = 0x1F
    public static let utcTime: UInt8 = 0x0F
    public static let totpParameters: UInt8 = 0x86
    public static let totpHMAC: UInt8 = 0x0A
    public static let totpDigits: UInt8 = 0x0B
    public static let totpTimeStep: UInt8 = 0x0D
  }

  /// Seed lengths: 1...63 bytes, sent without zero-extension (the §5.5 vector is 10 bytes).
  public enum Seed {
    public static let minimumLength = 1
    public static let maximumLength = 63
  }
}
