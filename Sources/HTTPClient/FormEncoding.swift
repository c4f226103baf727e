/// `application/x-www-form-urlencoded` and query encoding (RFC 3986 unreserved characters kept,
/// every other byte of the UTF-8 as %XX), written once for bodies and query strings.
public enum FormEncoding {
  /// `name=value&...` as bytes, so the caller can zero a body that held a secret.
  public static func body(_ fields: [FormField]) -> [UInt8] {
    var out: [UInt8] = []
    for (index, field) in fields.enumerated() {
      if index > 0 { out.append(UInt8(ascii: "&")) }
      append(field.name, to: &out)
      out.append(UInt8(ascii: "="))
      append(field.value, to: &out)
    }
    return out
  }

  /// One value percent-encoded, for a query string or a path segment.
  public static func component(_ text: String) -> String {
    var out: [UInt8] = []
    append(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  private static func append(_ text: String, to out: inout [UInt8]) {
    for byte in text.utf8 {
      if isUnreserved(byte) {
        out.append(byte)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
      }
    }
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default: false
    }
  }
}
