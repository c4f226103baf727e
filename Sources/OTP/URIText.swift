/// The pieces of a `scheme://host/path?query` URI exactly as written, before any decoding
/// (RFC 3986 §3), for the lenient otpauth and otpauth-migration readers.
///
/// Leniency on purpose: `#` is not a fragment delimiter (issuers such as `C#` arrive unescaped),
/// `//` after the scheme is optional, and spaces are ordinary characters.
struct RawURI {
  /// The scheme, lower-cased (RFC 3986 §3.1: schemes are case-insensitive).
  var scheme: String
  /// What stands between `//` and the first `/` or `?`.
  var host: Substring
  /// What follows the first `/` after the host, up to `?`; `nil` without a `/`.
  var path: Substring?
  /// What follows the first `?`; `nil` without a `?`.
  var query: Substring?

  /// Splits `text`; `nil` when it has no `scheme:` prefix.
  init?(_ text: Substring) {
    guard let colon = text.firstIndex(of: ":"), Self.isScheme(text[..<colon]) else { return nil }
    scheme = text[..<colon].lowercased()
    var rest = text[text.index(after: colon)...]
    if rest.hasPrefix("//") { rest = rest.dropFirst(2) }
    if let mark = rest.firstIndex(of: "?") {
      query = rest[rest.index(after: mark)...]
      rest = rest[..<mark]
    }
    if let slash = rest.firstIndex(of: "/") {
      path = rest[rest.index(after: slash)...]
      rest = rest[..<slash]
    }
    host = rest
  }

  /// RFC 3986 §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
  static func isScheme(_ text: Substring) -> Bool {
    guard let first = text.first, first.isASCII, first.isLetter else { return false }
    return text.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".")
    }
  }

  /// The query as `name=value` pairs, undecoded, in order.
  ///
  /// A piece without `=` is taken as the continuation of the previous value after an unescaped
  /// `&` (an issuer such as `AT&T` written raw), so a value is never silently cut short; the
  /// value's own validation then decides whether it makes sense. Empty pieces are skipped.
  func queryParameters() -> [(name: Substring, value: Substring)] {
    guard let query else { return [] }
    var result: [(name: Substring, value: Substring)] = []
    var start = query.startIndex
    var index = query.startIndex
    func finishPiece() {
      let piece = query[start..<index]
      if let equals = piece.firstIndex(of: "=") {
        result.append((piece[..<equals], piece[piece.index(after: equals)...]))
      } else if !piece.isEmpty, let last = result.popLast() {
        // Widen the previous value to run through this piece, '&' included.
        result.append((last.name, query[last.value.startIndex..<index]))
      } else if !piece.isEmpty {
        result.append((piece, piece[piece.endIndex...]))
      }
    }
    while index < query.endIndex {
      if query[index] == "&" {
        finishPiece()
        start = query.index(after: index)
      }
      index = query.index(after: index)
    }
    finishPiece()
    return result
  }
}

/// Percent-decoding and -encoding (RFC 3986 §2.1) over UTF-8.
enum PercentCoding {
  /// Decodes `%XX` escapes; `plusAsSpace` also turns `+` into a space (HTML form encoding, as
  /// query strings use). A `%` not followed by two hex digits stays literal, as browsers keep it.
  ///
  /// - Returns: `nil` when the decoded bytes are not valid UTF-8.
  static func decode(_ text: Substring, plusAsSpace: Bool) -> String? {
    let input = Array(text.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
      let byte = input[index]
      if byte == UInt8(ascii: "%"), index + 2 < input.count,
        let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
      {
        output.append(high << 4 | low)
        index += 3
      } else {
        output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
        index += 1
      }
    }
    return String(validating: output, as: UTF8.self)
  }

  /// Escapes every byte except RFC 3986 unreserved characters and those in `keep`, as `%XX`
  /// with upper-case hex (RFC 3986 §2.1). Spaces become `%20`, never `+`.
  static func encode(_ text: String, keeping keep: String = "") -> String {
    let kept = Set(keep.utf8)
    var output = ""
    for byte in text.utf8 {
      let isUnreserved =
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "~")
      if isUnreserved || kept.contains(byte) {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        output +=
          "%" + String(byte >> 4, radix: 16, uppercase: true)
          + String(byte & 0x0F, radix: 16, uppercase: true)
      }
    }
    return output
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing whitespace (including line breaks).
  var trimmedWhitespace: SubSequence {
    guard let first = firstIndex(where: { !$0.isWhitespace }),
      let last = lastIndex(where: { !$0.isWhitespace })
    else { return self[endIndex...] }
    return self[first...last]
  }
}
