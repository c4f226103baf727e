/// One HTTP request as the driver sends it. The form body may carry secrets (a token key, a
/// password): `description` names the fields, never their values.
public struct HTTPRequest: Sendable, CustomStringConvertible {
  /// The two methods the REST clients of the package use.
  public enum Method: String, Sendable {
    case get = "GET"
    case post = "POST"
  }

  public var method: Method
  /// An absolute `http://` or `https://` URL, query included and already encoded.
  public var url: String
  /// Extra headers, e.g. an authorization token (sent as given, never logged).
  public var headers: [HTTPHeader]
  /// `application/x-www-form-urlencoded` fields of a POST, in order.
  public var form: [FormField]

  public init(
    method: Method, url: String, headers: [HTTPHeader] = [], form: [FormField] = []
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.form = form
  }

  /// Method, URL and the names of the form fields; no header or field value.
  public var description: String {
    let fields = form.map(\.name).joined(separator: ",")
    return "\(method.rawValue) \(url)" + (form.isEmpty ? "" : " [\(fields)]")
  }
}

/// One request header.
public struct HTTPHeader: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// One form field.
public struct FormField: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// What came back: the status code and the body (at most the driver's cap).
public struct HTTPResponse: Sendable {
  public var status: Int
  /// The raw body. It may echo a secret the request sent: parse what is needed, keep nothing.
  public var body: [UInt8]

  public init(status: Int, body: [UInt8]) {
    self.status = status
    self.body = body
  }
}

/// The port the REST clients talk to: `CurlTransport` in the product, a scripted one in tests.
public protocol HTTPTransport: Sendable {
  /// Sends `request` and returns whatever status the server answered (4xx and 5xx included:
  /// their bodies say why); throws only when no complete answer arrived.
  func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}
