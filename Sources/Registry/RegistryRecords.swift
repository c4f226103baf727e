import GRDB

/// How the SQLite store decodes its rows: the domain types' own `Decodable`, with the columns'
/// snake_case names mapped to the properties (and `operator`, a keyword in Swift, to
/// `operatorName`). The domain types stay free of GRDB in their declarations, so another store
/// uses them as they are.
private struct ColumnKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }

  /// `secret_fingerprint` → `secretFingerprint`; `operator` → `operatorName`.
  static func forColumn(_ column: String) -> any CodingKey {
    if column == "operator" { return ColumnKey(stringValue: "operatorName") }
    let words = column.split(separator: "_")
    guard let first = words.first else { return ColumnKey(stringValue: column) }
    return ColumnKey(
      stringValue: String(first)
        + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())
  }
}

extension Enrollment: FetchableRecord {
  public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
    .custom(ColumnKey.forColumn)
  }
}

extension AuditEntry: FetchableRecord {
  public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
    .custom(ColumnKey.forColumn)
  }
}

extension BackupCodeSet.Slot: FetchableRecord {
  public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
    .custom(ColumnKey.forColumn)
  }
}
