import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small element tree read with Foundation's `XMLParser`: local names (namespace prefixes
/// dropped), attributes, text, children, and the line each element starts on. External
/// entities are never resolved. Nesting is capped at `maximumDepth`, and the tree is torn down
/// without recursion, so a hostile file cannot overflow the stack on either way.
final class XMLElementNode {
  /// The deepest element nesting read. PSKC needs 8 (KeyContainer, KeyPackage, Key, Data,
  /// Secret, EncryptedValue, CipherData, CipherValue); 32 leaves room for extensions.
  static let maximumDepth = 32

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

  /// Releases the descendants one by one from a list: the default teardown recurses once per
  /// level (50 000 levels overflowed the stack before the depth cap).
  deinit {
    var pending = children
    children.removeAll()
    while var node = pending.popLast() {
      if isKnownUniquelyReferenced(&node) {
        pending.append(contentsOf: node.children)
        node.children.removeAll()
      }
    }
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
      if let line = builder.tooDeepAt {
        return .failure(XMLTreeError(line: line, message: "", tooDeep: true))
      }
      let line = parser.lineNumber
      return .failure(
        XMLTreeError(
          line: line, message: parser.parserError.map { "\($0.localizedDescription)" } ?? "not XML")
      )
    }
    return .success(root)
  }

  private final class Builder: NSObject, XMLParserDelegate {
    weak var parser: XMLParser?
    var root: XMLElementNode?
    var stack: [XMLElementNode] = []
    /// The line of the first element past `maximumDepth`; parsing stopped there.
    var tooDeepAt: Int?

    init(parser: XMLParser) { self.parser = parser }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      guard stack.count < XMLElementNode.maximumDepth else {
        if tooDeepAt == nil { tooDeepAt = parser.lineNumber }
        parser.abortParsing()
        return
      }
      let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
      let node = XMLElementNode(name: local, attributes: attributes, line: parser.lineNumber)
      if let parent = stack.last {
        parent.children.append(node)
      } else if root == nil {
        root = node
      }
      stack.append(node)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      guard tooDeepAt == nil else { return }
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
  /// Elements nested deeper than `XMLElementNode.maximumDepth`.
  var tooDeep = false
}
