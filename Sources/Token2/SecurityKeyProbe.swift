import SmartCard

/// A security key tapped instead of a Token2 token (protocol note §4.2, §7).
public enum SecurityKeyKind: String, Sendable, Codable, CustomStringConvertible {
  /// A FIDO/FIDO2 security key: its FIDO applet answered SELECT.
  case fido
  /// A YubiKey-style OATH key: its YKOATH applet answered SELECT.
  case yubiKeyOATH

  public var description: String {
    switch self {
    case .fido: "a FIDO security key"
    case .yubiKeyOATH: "a YubiKey-style OATH key"
    }
  }
}

/// Recognises a security key with read-only SELECTs, as NB3's `identify()` does (§4.2). Used
/// only after GET INFO failed, so a real Token2 token never sees these commands.
public enum SecurityKeyProbe {
  /// The SELECT-by-AID command `00 A4 04 00 Lc AID 00`.
  public static func select(_ aid: [UInt8]) -> CommandAPDU {
    CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x04, p2: 0x00, data: aid, le: 256)
  }

  /// Tries the FIDO AID, then the YKOATH AID.
  ///
  /// - Returns: the kind whose SELECT answered `90 00` or `61 XX`; `nil` when neither did or
  ///   the link failed (a probe failure is never an error of its own).
  public static func probe(_ transport: any CardTransport, commandCount: inout Int)
    -> SecurityKeyKind?
  {
    for (kind, aid) in [
      (SecurityKeyKind.fido, FamilyA.ForeignAID.fido),
      (.yubiKeyOATH, FamilyA.ForeignAID.yubiKeyOATH),
    ] {
      commandCount += 1
      guard let response = try? transport.transmit(select(aid)) else { return nil }
      if response.status.isSuccess || response.status.sw1 == 0x61 { return kind }
    }
    return nil
  }
}
