/// Plain text as a PostScript document in Courier, the form every CUPS queue prints and every
/// PDF printer turns into searchable text (the printer's built-in font needs no embedding).
///
/// Characters are re-encoded to ISO Latin-1, so names like `Müller` or `Café` print as
/// written; anything beyond Latin-1 prints as `?`.
public enum PostScriptPage {
  /// Lines per page at 11 pt with 13 pt leading on A4 and Letter alike.
  public static let linesPerPage = 54

  public static func document(_ text: String, title: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let pages = stride(from: 0, to: max(lines.count, 1), by: linesPerPage).map {
      Array(lines[$0..<min($0 + linesPerPage, lines.count)])
    }
    var out = [
      "%!PS-Adobe-3.0",
      "%%Title: \(dscText(title))",
      "%%Pages: \(pages.count)",
      "%%EndComments",
      "%%BeginProlog",
      "/Courier findfont dup length dict begin",
      "  { 1 index /FID ne { def } { pop pop } ifelse } forall",
      "  /Encoding ISOLatin1Encoding def currentdict end",
      "/Courier-Latin1 exch definefont pop",
      "%%EndProlog",
    ]
    for (index, page) in pages.enumerated() {
      out.append("%%Page: \(index + 1) \(index + 1)")
      out.append("/Courier-Latin1 findfont 11 scalefont setfont")
      for (row, line) in page.enumerated() {
        out.append("50 \(770 - row * 13) moveto (\(escape(line))) show")
      }
      out.append("showpage")
    }
    out.append("%%EOF")
    return out.joined(separator: "\n") + "\n"
  }

  /// A DSC comment value: printable ASCII only (print back ends copy it into their own
  /// PostScript, where a backslash escape or a stray byte can blank the page).
  public static func dscText(_ text: String) -> String {
    String(
      text.unicodeScalars.map {
        (0x20..<0x7F).contains($0.value) && $0 != "\\" ? Character($0) : "_"
      })
  }

  /// A PostScript string body: `(`, `)` and `\` escaped, `-` as the Latin-1 hyphen, Latin-1
  /// as octal, the rest `?`.
  public static func escape(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x28, 0x29, 0x5C: result += "\\" + String(scalar)
      // ISOLatin1Encoding puts /minus at 0x2D; its /hyphen is 0xAD.
      case 0x2D: result += "\\255"
      case 0x20..<0x7F: result.unicodeScalars.append(scalar)
      case 0xA0...0xFF: result += "\\" + String(scalar.value, radix: 8)
      default: result += "?"
      }
    }
    return result
  }
}
