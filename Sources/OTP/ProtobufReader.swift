/// A minimal reader for the protobuf wire format (protobuf.dev "Encoding"), enough for the
/// Google Authenticator export. Every length is checked against the bytes that remain; it never
/// recurses (nested messages are read by the caller with a new reader over a sub-range), and it
/// skips fields it does not know. See docs/decisions/0002-migration-decoder.md.
struct ProtobufReader {
  /// One field as read from the wire.
  struct Field {
    /// The field number, 1...2^29 - 1.
    var number: Int
    /// The value; length-delimited values are a range of the reader's buffer.
    var value: Value
    /// Byte offset of the field's tag, for error messages.
    var offset: Int
  }

  /// A field value by wire type.
  enum Value {
    /// Wire type 0.
    case varint(UInt64)
    /// Wire type 1 (little-endian).
    case fixed64(UInt64)
    /// Wire type 2: the payload's byte range in the buffer.
    case lengthDelimited(Range<Int>)
    /// Wire type 5 (little-endian).
    case fixed32(UInt32)

    /// The wire type number.
    var wireType: Int {
      switch self {
      case .varint: 0
      case .fixed64: 1
      case .lengthDelimited: 2
      case .fixed32: 5
      }
    }
  }

  /// The largest field number protobuf allows (2^29 - 1).
  static let maxFieldNumber: UInt64 = (1 << 29) - 1

  private let buffer: [UInt8]
  private var offset: Int
  private let end: Int

  /// A reader over `range` of `bytes` (the whole buffer by default).
  init(_ bytes: [UInt8], range: Range<Int>? = nil) {
    let range = range ?? bytes.indices
    precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
    buffer = bytes
    offset = range.lowerBound
    end = range.upperBound
  }

  /// The next field, or `nil` at the end of the range.
  mutating func next() throws(ProtobufWireError) -> Field? {
    guard offset < end else { return nil }
    let start = offset
    let tag = try readVarint()
    let number = tag >> 3
    guard number >= 1, number <= Self.maxFieldNumber else {
      throw .invalidFieldNumber(offset: start)
    }
    let value: Value
    switch tag & 7 {
    case 0:
      value = .varint(try readVarint())
    case 1:
      value = .fixed64(try readLittleEndian(count: 8, fieldOffset: start))
    case 2:
      let length = try readVarint()
      guard length <= UInt64(end - offset) else { throw .truncated(offset: start) }
      let range = offset..<(offset + Int(length))
      offset = range.upperBound
      value = .lengthDelimited(range)
    case 5:
      value = .fixed32(UInt32(try readLittleEndian(count: 4, fieldOffset: start)))
    case let other:
      // 3 and 4 are deprecated groups (never in this format); 6 and 7 do not exist.
      throw .unsupportedWireType(Int(other), offset: start)
    }
    return Field(number: Int(number), value: value, offset: start)
  }

  /// The bytes of a length-delimited range (a copy the caller owns).
  func bytes(in range: Range<Int>) -> [UInt8] { Array(buffer[range]) }

  /// A reader for a nested message stored in `range` of this reader's buffer.
  func nested(_ range: Range<Int>) -> ProtobufReader { ProtobufReader(buffer, range: range) }

  /// A base-128 varint of at most 10 bytes whose value fits 64 bits.
  private mutating func readVarint() throws(ProtobufWireError) -> UInt64 {
    let start = offset
    var result: UInt64 = 0
    for index in 0..<10 {
      guard offset < end else { throw .truncated(offset: start) }
      let byte = buffer[offset]
      offset += 1
      // The tenth byte may only contribute bit 63.
      if index == 9 && byte > 1 { throw .varintTooLong(offset: start) }
      result |= UInt64(byte & 0x7F) << UInt64(7 * index)
      if byte & 0x80 == 0 { return result }
    }
    throw .varintTooLong(offset: start)
  }

  private mutating func readLittleEndian(count: Int, fieldOffset: Int) throws(ProtobufWireError)
    -> UInt64
  {
    guard end - offset >= count else { throw .truncated(offset: fieldOffset) }
    var result: UInt64 = 0
    for index in 0..<count {
      result |= UInt64(buffer[offset + index]) << UInt64(8 * index)
    }
    offset += count
    return result
  }
}

/// Why protobuf bytes could not be read; offsets count bytes from 0.
public enum ProtobufWireError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A field or length runs past the end of its message.
  case truncated(offset: Int)
  /// A varint longer than 10 bytes or larger than 64 bits.
  case varintTooLong(offset: Int)
  /// A tag with field number 0 or above 2^29 - 1.
  case invalidFieldNumber(offset: Int)
  /// Wire type 3, 4 (groups), 6 or 7.
  case unsupportedWireType(Int, offset: Int)
  /// A known field arrived with a different wire type than the schema says.
  case wrongWireType(field: Int, wireType: Int, offset: Int)

  /// One operator-facing sentence.
  public var description: String {
    switch self {
    case .truncated(let offset):
      "The data is cut short (a field at byte \(offset) runs past the end)."
    case .varintTooLong(let offset):
      "The data is corrupt (an oversized number at byte \(offset))."
    case .invalidFieldNumber(let offset):
      "The data is corrupt (an invalid field number at byte \(offset))."
    case .unsupportedWireType(let type, let offset):
      "The data is corrupt (an unknown field encoding \(type) at byte \(offset))."
    case .wrongWireType(let field, let type, let offset):
      "The data is corrupt (field \(field) has encoding \(type) at byte \(offset))."
    }
  }
}
