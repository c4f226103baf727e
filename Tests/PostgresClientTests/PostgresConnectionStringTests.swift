import Testing

@testable import PostgresClient

/// The connection string is checked before libpq connects: a password in it is refused (it
/// would be on argv), and no refusal repeats any part of one.
@Suite struct PostgresConnectionStringTests {
  @Test(arguments: [
    "postgresql://desk:Secr3tPw@db.example/tokens",
    "postgres://desk:Secr3tPw@db.example:5433",
    "postgresql://db.example/tokens?user=desk&password=Secr3tPw",
    "host=db.example user=desk password=Secr3tPw dbname=tokens",
  ])
  func aPasswordInTheStringIsRefusedWithoutRepeatingIt(_ text: String) {
    #expect {
      _ = try PostgresConnectionString(text)
    } throws: { error in
      guard case .invalidConnectionString(let reason) = error as? PostgresError else {
        return false
      }
      return reason.contains("names a password") && !reason.contains("Secr3tPw")
    }
  }

  @Test func aMalformedStringIsRefusedWithoutQuotingItsPieces() {
    #expect {
      _ = try PostgresConnectionString("postgresql://desk@db.example/tokens?sslmode=Secr%zz3tPw")
    } throws: { error in
      guard case .invalidConnectionString(let reason) = error as? PostgresError else {
        return false
      }
      return !reason.isEmpty && !reason.contains("Secr") && !reason.contains("3tPw")
    }
  }

  @Test func theOptionsAndTheDisplayFormComeFromTheString() throws {
    let uri = try PostgresConnectionString(
      "postgresql://desk@db.example:5433/tokens?sslmode=verify-full&sslrootcert=/etc/ca.crt")
    #expect(uri.options["user"] == "desk" && uri.options["port"] == "5433")
    #expect(uri.options["sslmode"] == "verify-full" && uri.options["dbname"] == "tokens")
    #expect(uri.display == "postgresql://desk@db.example:5433/tokens")
    let pairs = try PostgresConnectionString("host=10.0.0.5 dbname=tokens user=desk")
    #expect(pairs.display == "postgresql://desk@10.0.0.5/tokens")
    let service = try PostgresConnectionString("postgresql:///?service=helpdesk")
    #expect(service.display == "postgresql://service helpdesk")
  }

  @Test func serverErrorsAreSortedBySQLState() {
    func sorted(_ state: String) -> PostgresError {
      PostgresError.fromServer(sqlState: state, message: "m", constraint: "c")
    }
    #expect(sorted("40001") == .serialization("m"))
    #expect(sorted("40P01") == .serialization("m"))
    #expect(sorted("23505") == .uniqueViolation(constraint: "c", message: "m"))
    #expect(sorted("28P01") == .authentication("m"))
    #expect(sorted("28000") == .authentication("m"))
    #expect(sorted("42501") == .permission("m"))
    #expect(sorted("08006") == .connection("m"))
    #expect(sorted("22P02") == .server(sqlState: "22P02", message: "m"))
  }
}
