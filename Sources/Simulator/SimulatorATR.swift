/// Answers To Reset for simulated cards.
///
/// PC/SC readers synthesise an ATR for contactless ISO 14443-4 cards (PC/SC part 3 §3.1.3.2.3):
/// `3B 8n 80 01`, then n historical bytes (from the card's ATS), then TCK, the XOR of every
/// byte after `3B`. The simulator uses that shape with readable historical bytes, so a
/// driver sees a plausible contactless card and a human sees which one it is.
public enum SimulatorATR {
  /// `3B 8A 80 01 "TOKEN2-SIM" TCK`: the simulated Token2 family-A token.
  public static let token2: [UInt8] = contactless(historicalBytes: Array("TOKEN2-SIM".utf8))
  /// `3B 8A 80 01 "MOLTO2-SIM" TCK`: the simulated Molto2 (same shape, for a readable ATR).
  public static let molto2: [UInt8] = contactless(historicalBytes: Array("MOLTO2-SIM".utf8))
  /// `3B 88 80 01 "FIDO-SIM" TCK`: the simulated security key.
  public static let securityKey: [UInt8] = contactless(historicalBytes: Array("FIDO-SIM".utf8))

  /// A PC/SC-style contactless ATR around `historicalBytes` (at most 15).
  public static func contactless(historicalBytes: [UInt8]) -> [UInt8] {
    precondition(historicalBytes.count <= 15, "T0 holds at most 15 historical bytes")
    let body = [0x80 | UInt8(historicalBytes.count), 0x80, 0x01] + historicalBytes
    let check = body.reduce(UInt8(0), ^)
    return [0x3B] + body + [check]
  }
}
