import CCurl

/// The HTTP driver: one libcurl easy handle per request. TLS peer and host verification stay
/// on (a CA file may replace the system store), redirects are not followed, only http and
/// https are spoken, and the body is capped. Nothing of a request or response is logged.
public struct CurlTransport: HTTPTransport {
  /// A PEM bundle to trust instead of the system store (`ca_file`); nil for the system's.
  public var caFile: String?
  /// Seconds to connect, and for the whole exchange.
  public var connectTimeout: Int
  public var totalTimeout: Int
  /// Bytes of body accepted; a longer answer is `HTTPError.responseTooLarge`.
  public var maxBodyBytes: Int

  public init(
    caFile: String? = nil, connectTimeout: Int = 5, totalTimeout: Int = 20,
    maxBodyBytes: Int = 1 << 20
  ) {
    self.caFile = caFile
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.maxBodyBytes = maxBodyBytes
  }

  public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
    guard request.url.hasPrefix("https://") || request.url.hasPrefix("http://") else {
      throw .invalidURL(request.url)
    }
    guard let handle = curl_easy_init() else {
      throw .transfer(code: -1, reason: "libcurl could not start a transfer")
    }
    defer { curl_easy_cleanup(handle) }
    var headerList: UnsafeMutablePointer<curl_slist>? = nil
    defer { curl_slist_free_all(headerList) }
    for header in request.headers {
      headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
    }
    // The body may hold a key: it stays in this buffer (libcurl reads it in place, no copy)
    // and is zeroed once the transfer is over.
    var body = FormEncoding.body(request.form)
    defer { zero(&body) }
    let sink = BodySink(limit: maxBodyBytes)
    let code: CURLcode = body.withUnsafeBufferPointer { bodyBytes in
      let context = Unmanaged.passUnretained(sink).toOpaque()
      tb_curl_set_string(handle, CURLOPT_URL, request.url)
      tb_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
      tb_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
      tb_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
      tb_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
      tb_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
      if let caFile { tb_curl_set_string(handle, CURLOPT_CAINFO, caFile) }
      tb_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, connectTimeout)
      tb_curl_set_long(handle, CURLOPT_TIMEOUT, totalTimeout)
      tb_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headerList)
      tb_curl_set_write(handle, curlWrite)
      tb_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
      if request.method == .post {
        tb_curl_set_long(handle, CURLOPT_POST, 1)
        tb_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, bodyBytes.count)
        if let bytes = bodyBytes.baseAddress {
          tb_curl_set_pointer(handle, CURLOPT_POSTFIELDS, bytes)
        } else {
          // No fields: libcurl copies the empty string, so no pointer of ours outlives this.
          tb_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, "")
        }
      } else {
        tb_curl_set_long(handle, CURLOPT_HTTPGET, 1)
      }
      return curl_easy_perform(handle)
    }
    if sink.overflowed { throw .responseTooLarge(limit: maxBodyBytes) }
    guard code == CURLE_OK else { throw Self.error(for: code) }
    var status = 0
    tb_curl_response_code(handle, &status)
    return HTTPResponse(status: status, body: sink.bytes)
  }

  /// libcurl's result codes to the driver's errors (curl.h names them).
  static func error(for code: CURLcode) -> HTTPError {
    let reason = String(cString: curl_easy_strerror(code))
    switch code {
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
      CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
      return .unreachable(reason)
    case CURLE_OPERATION_TIMEDOUT:
      return .timeout
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
      CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
      CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_USE_SSL_FAILED:
      return .tls(reason)
    case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
      return .invalidURL(reason)
    default:
      return .transfer(code: Int(code.rawValue), reason: reason)
    }
  }
}

private func zero(_ bytes: inout [UInt8]) {
  for index in bytes.indices { bytes[index] = 0 }
}

/// Collects the body up to `limit`; one byte more and the transfer is stopped.
private final class BodySink {
  let limit: Int
  var bytes: [UInt8] = []
  var overflowed = false

  init(limit: Int) { self.limit = limit }
}

/// libcurl's write callback: a return value other than `size * count` stops the transfer.
private let curlWrite: tb_curl_write_callback = { data, size, count, context in
  guard let data, let context else { return 0 }
  let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
  let length = size * count
  guard sink.bytes.count + length <= sink.limit else {
    sink.overflowed = true
    return 0
  }
  data.withMemoryRebound(to: UInt8.self, capacity: length) {
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
  }
  return length
}
