import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small element tree read with Foundation's `XMLParser`: local names (namespace prefixes
/// dropped), attributes, text, children, and the line each element starts on. External
/// entities are never resolved.
final class XMLElementNode {
  let name: String
  let attributes: [String: String]
  let line: Int
  var text = ""
  var children: [XMLElementNode] = []

  init(name: String, attributes: [String: String], line: Int) {
    self.name = name
    self.attributes = attributes
    self.line = line
  }

  /// The first child with this local name.
  func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }

  /// Follows a path of local names.
  func path(_ names: String...) -> XMLElementNode? {
    var node: XMLElementNode? = self
    for name in names { node = node?.child(name) }
    return node
  }

  /// Trimmed text content.
  var value: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

  /// Parses `data`; `nil` with the parser's message when it is not well-formed XML.
  static func parse(_ data: Data) -> Result<XMLElementNode, XMLTreeError> {
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    let builder = Builder(parser: parser)
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      let line = parser.lineNumber
      return .failure(XMLTreeError(line: line, message: parser.parserError.map { "\($0.localizedDescription)" } ?? "not XML"))
    }
    return .success(root)
  }

  private final class Builder: NSObject, XMLParserDelegate {
    weak var parser: XMLParser?
    var root: XMLElementNode?
    var stack: [XMLElementNode] = []

    init(parser: XMLParser) { self.parser = parser }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
      let node = XMLElementNode(name: local, attributes: attributes, line: parser.lineNumber)
      if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
      stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
      _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack.last?.text += string
    }
  }
}

/// Why a file is not XML, with where the parser stopped.
struct XMLTreeError: Error {
  var line: Int
  var message: String
}
