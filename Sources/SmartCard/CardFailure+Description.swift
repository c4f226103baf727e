/// Operator wording for link and reader failures, used inside longer messages.
extension CardFailure: CustomStringConvertible {
  public var description: String {
    switch self {
    case .serviceUnavailable(let detail): "card service unavailable: \(detail)"
    case .readerUnavailable(let detail): "reader unavailable: \(detail)"
    case .readerBusy(let detail): "reader busy: \(detail)"
    case .noCard: "no card on the reader"
    case .cardRemoved: "card removed"
    case .unresponsive(let detail): "card not responding: \(detail)"
    }
  }
}
