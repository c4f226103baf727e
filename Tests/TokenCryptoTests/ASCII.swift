/// The UTF-8 bytes of a string.
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
