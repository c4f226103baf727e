/// A command APDU (ISO/IEC 7816-4 §5.1), short form only: Lc and Le fit in one byte.
public struct CommandAPDU: Equatable, Hashable, Sendable {
  /// Class byte.
  public var cla: UInt8
  /// Instruction byte.
  public var ins: UInt8
  /// Parameter bytes.
  public var p1: UInt8
  public var p2: UInt8
  /// Command data, 0...255 bytes (Lc is its length; absent when empty).
  public var data: [UInt8]
  /// Expected response length: `nil` for none, 1...256 (256 is encoded as `00`).
  public var le: Int?

  public init(cla: UInt8, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: Int? = nil) {
    precondition(data.count <= 255, "short APDU data is at most 255 bytes")
    precondition(le.map { (1...256).contains($0) } ?? true, "short Le is 1...256")
    self.cla = cla
    self.ins = ins
    self.p1 = p1
    self.p2 = p2
    self.data = data
    self.le = le
  }

  /// The encoded bytes: header, then Lc and data when present, then Le when present.
  public var bytes: [UInt8] {
    var out = [cla, ins, p1, p2]
    if !data.isEmpty { out += [UInt8(data.count)] + data }
    if let le { out.append(UInt8(truncatingIfNeeded: le)) }
    return out
  }

  /// Parses a short APDU (cases 1 to 4). Returns `nil` when the length bytes do not add up.
  public init?(parsing bytes: [UInt8]) {
    guard bytes.count >= 4 else { return nil }
    let header = (bytes[0], bytes[1], bytes[2], bytes[3])
    let body = Array(bytes.dropFirst(4))
    var data: [UInt8] = []
    var le: Int?
    switch body.count {
    case 0: break
    case 1: le = body[0] == 0 ? 256 : Int(body[0])
    default:
      let lc = Int(body[0])
      guard lc > 0, body.count == 1 + lc || body.count == 2 + lc else { return nil }
      data = Array(body[1...lc])
      if body.count == 2 + lc { le = body[lc + 1] == 0 ? 256 : Int(body[lc + 1]) }
    }
    self.init(cla: header.0, ins: header.1, p1: header.2, p2: header.3, data: data, le: le)
  }
}
