/// Bytes from hex digits; spaces are ignored. Test fixtures only: traps on bad input.
func hex(_ text: String) -> [UInt8] {
  let digits = Array(text.filter { !$0.isWhitespace })
  precondition(digits.count % 2 == 0, "odd number of hex digits in fixture")
  return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// The UTF-8 bytes of a string.
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
