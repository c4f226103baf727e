import Foundation
import PrivacyIDEA
import Testing

@Suite struct ConfigurationTests {
  @Test func anAPIKeySection() throws {
    let parsed = try PrivacyIDEAConfiguration.parse(
      """
      [other]
      x = 1

      [privacyidea]
      url = "https://pi.example"
      realm = "helpdesk"
      ca_file = "/etc/ca.pem"
      serial_prefix = "T2-"
      api_key_file = "/home/op/.config/tokenburner/pi-key"
      """)
    #expect(
      parsed
        == PrivacyIDEAConfiguration(
          url: "https://pi.example", realm: "helpdesk", caFile: "/etc/ca.pem", serialPrefix: "T2-",
          credential: .apiKeyFile("/home/op/.config/tokenburner/pi-key")))
  }

  @Test func anAdminSectionAndDefaults() throws {
    let parsed = try PrivacyIDEAConfiguration.parse(
      """
      [privacyidea]
      url = "http://127.0.0.1:5000"
      realm = "r"
      admin = "admin"
      password_file = "/p"
      """)
    #expect(parsed?.credential == .admin(name: "admin", passwordFile: "/p"))
    #expect(parsed?.serialPrefix == "")
    #expect(parsed?.caFile == nil)
  }

  @Test func noSectionMeansNoPush() throws {
    #expect(try PrivacyIDEAConfiguration.parse("[other]\nx = 1\n") == nil)
  }

  @Test(arguments: [
    ("[privacyidea]\nrealm = \"r\"\napi_key_file = \"/k\"\n", ConfigurationError.missing("url")),
    (
      "[privacyidea]\nurl = \"https://a\"\nrealm = \"r\"\n", ConfigurationError.credentialChoice
    ),
    (
      "[privacyidea]\nurl = \"https://a\"\nrealm = \"r\"\napi_key_file = \"/k\"\nadmin = \"a\"\n"
        + "password_file = \"/p\"\n", ConfigurationError.credentialChoice
    ),
    (
      "[privacyidea]\nurl = \"http://pi.example\"\nrealm = \"r\"\napi_key_file = \"/k\"\n",
      ConfigurationError.plainHTTP("http://pi.example")
    ),
    (
      "[privacyidea]\nurl = \"https://a\"\nrealm = \"r\"\napi_key = \"pi_1_x\"\n",
      ConfigurationError.unknownKey("api_key")
    ),
    ("[privacyidea]\nurl = \"https://a\nrealm = 1\n", ConfigurationError.syntax(line: 2)),
    ("privacyidea = 3\n", ConfigurationError.notATable),
  ])
  func badSectionsAreRefused(text: String, expected: ConfigurationError) {
    #expect(throws: expected) { try PrivacyIDEAConfiguration.parse(text) }
  }

  @Test func credentialFilesMustBePrivate() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pi-cred-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/key"
    try "eyJ.first.line\nsecond\n".write(toFile: file, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    #expect(try CredentialFile.read(file) == "eyJ.first.line")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
    #expect(
      throws: ConfigurationError.credentialFile(
        path: file, reason: "has mode 640; it must be 0600 (chmod 600 \(file))")
    ) { try CredentialFile.read(file) }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: file)
    #expect(
      throws: ConfigurationError.credentialFile(path: dir + "/link", reason: "is a symbolic link")
    ) {
      try CredentialFile.read(dir + "/link")
    }
  }
}
