/// Wire constants of Token2 family A, the single-profile programmable tokens (protocol note §4).
/// Everything a command builder or the simulator needs to agree on lives here, once.
public enum FamilyA {
  /// Class bytes (protocol note §4.1).
  public enum Class {
    /// `80`: plain proprietary commands (GET INFO, GET CHALLENGE, AUTHENTICATE), and the class
    /// byte used inside every MAC input even for secured commands (§3.4).
    public static let plain: UInt8 = 0x80
    /// `84`: secured commands that carry a 4-byte MAC (WRITE CONFIG, WRITE SEED).
    public static let secured: UInt8 = 0x84
  }

  /// Instruction bytes (protocol note §4.1).
  public enum Instruction {
    /// `41` GET INFO (§4.2).
    public static let getInfo: UInt8 = 0x41
    /// `4B` GET CHALLENGE (§4.3).
    public static let getChallenge: UInt8 = 0x4B
    /// `CE` AUTHENTICATE (§4.4).
    public static let authenticate: UInt8 = 0xCE
    /// `D4` WRITE CONFIG (§4.5).
    public static let writeConfig: UInt8 = 0xD4
    /// `C5` WRITE SEED (§4.6).
    public static let writeSeed: UInt8 = 0xC5
  }

  /// GET INFO request data `02 11` (§4.2).
  public static let getInfoData: [UInt8] = [0x02, 0x11]
  /// GET CHALLENGE P1 `08`, plausibly "8-byte challenge" (§4.3).
  public static let challengeP1: UInt8 = 0x08
  /// GET CHALLENGE request data `00`, the reference framing (§4.3).
  public static let getChallengeData: [UInt8] = [0x00]
  /// WRITE SEED P1 `01` (§4.6.2).
  public static let writeSeedP1: UInt8 = 0x01

  /// Challenge length in bytes (§4.3).
  public static let challengeLength = 8
  /// AUTHENTICATE data length in bytes: one SM4 block (§3.2).
  public static let authenticationResponseLength = 16
  /// Command MAC length in bytes (§3.4).
  public static let macLength = 4

  /// Seed limits (§4.6.1): 1...63 raw bytes, zero-extended to at least 20 before padding.
  public enum Seed {
    /// Shortest seed, in bytes.
    public static let minimumLength = 1
    /// Longest seed, in bytes (the padded plaintext must fit 64 bytes).
    public static let maximumLength = 63
    /// Seeds shorter than this are zero-extended to it, like the vendor tool (§4.6.1).
    public static let extendedLength = 20
    /// Longest ciphertext the firmware accepts, in bytes (§4.6.2).
    public static let maximumCiphertextLength = 64
    /// The padding marker that ends the seed inside the padded plaintext (§4.6.3).
    public static let paddingMarker: UInt8 = 0x80
  }

  /// Tags of the WRITE CONFIG TLV (§4.5), named after the vendor's TLV_TAG_* constants.
  public enum ConfigTag {
    /// `81` SYS_CONFIG container.
    public static let systemConfig: UInt8 = 0x81
    /// `1F` display auto-off timeout (SYSCLOSE_TIMEOUT).
    public static let displayTimeout: UInt8 = 0x1F
    /// `0F` UTC time, u32 big-endian Unix seconds.
    public static let utcTime: UInt8 = 0x0F
    /// `86` TOTP parameter container.
    public static let totpParameters: UInt8 = 0x86
    /// `0A` HMAC algorithm.
    public static let totpHMAC: UInt8 = 0x0A
    /// `0D` time step.
    public static let totpTimeStep: UInt8 = 0x0D
  }

  /// Length of the plaintext config TLV in bytes (§4.5).
  public static let configTLVLength = 19

  /// Layout of the GET INFO response (§4.2), parsed by offsets like every known tool.
  public enum InfoLayout {
    /// Opaque header bytes before the serial length.
    public static let headerLength = 3
    /// Opaque separator bytes between serial and clock (probably `11 04`, unverified).
    public static let separatorLength = 2
    /// Token clock length: u32 big-endian Unix seconds.
    public static let clockLength = 4
  }

  /// Read-only SELECT targets used to recognise a security key tapped by mistake (§4.2).
  public enum ForeignAID {
    /// FIDO (CTAP over NFC) applet.
    public static let fido: [UInt8] = [0xA0, 0x00, 0x00, 0x06, 0x47, 0x2F, 0x00, 0x01]
    /// YubiKey OATH (YKOATH) applet (§6.1).
    public static let yubiKeyOATH: [UInt8] = [0xA0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01]
  }
}
