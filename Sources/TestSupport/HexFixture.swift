import HexCoding

/// Bytes from hex digits with optional spaces or colons. Fixtures only: traps on bad input.
public func hex(_ text: String) -> [UInt8] {
  guard let bytes = Hex.parse(text) else { fatalError("bad hex fixture: \(text)") }
  return bytes
}
