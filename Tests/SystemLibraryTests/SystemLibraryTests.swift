import CCurl
import CGIF
import CJPEG
import CLibCrypto
import CLibPQ
import CNCursesW
import CPCSCLite
import CPNG
import CQREncode
import CTIFF
import CZBar
import Testing

/// Proves every system-library shim finds its headers and links on this machine: each test
/// calls one real function of the library and checks what it answers.
@Suite struct SystemLibraryTests {
  @Test func libpqIsVersion15OrNewerAndParsesAConnectionURI() {
    #expect(PQlibVersion() >= 150_000)
    var error: UnsafeMutablePointer<CChar>?
    let parsed = PQconninfoParse("postgresql://alice@db.example:5433/registry", &error)
    #expect(parsed != nil && error == nil)
    PQconninfoFree(parsed)
  }

  @Test func libcryptoIsOpenSSL3WithSM4() {
    #expect(OPENSSL_version_major() == 3)
    #expect(EVP_sm4_ecb() != nil)
  }

  @Test func libcurlIsTheOpenSSLBuild() {
    let version = String(cString: curl_version())
    #expect(version.hasPrefix("libcurl/"))
    #expect(version.contains("OpenSSL/3"))
  }

  @Test func ncursesReportsItsVersion() {
    let version = String(cString: curses_version())
    #expect(version.hasPrefix("ncurses 6"))
  }

  @Test func pcscliteTranslatesAnErrorCode() {
    let text = String(cString: pcsc_stringify_error(LONG(SCARD_E_NO_SERVICE)))
    #expect(text.lowercased().contains("service"))
  }

  @Test func zbarReportsItsVersion() {
    var major: UInt32 = 0
    var minor: UInt32 = 0
    var patch: UInt32 = 0
    #expect(zbar_version(&major, &minor, &patch) == 0)
    #expect(major == 0 && minor >= 23)
  }

  @Test func qrencodeEncodesAString() throws {
    let code = try #require(QRcode_encodeString("otpauth://totp/x", 0, QR_ECLEVEL_M, QR_MODE_8, 1))
    defer { QRcode_free(code) }
    #expect(code.pointee.width >= 21)
  }

  @Test func giflibNamesAnErrorCode() throws {
    let text = String(cString: try #require(GifErrorString(D_GIF_ERR_NOT_GIF_FILE)))
    #expect(text.lowercased().contains("gif"))
  }

  @Test func libtiffReportsItsVersion() {
    #expect(String(cString: TIFFGetVersion()).hasPrefix("LIBTIFF, Version 4."))
  }

  @Test func libpngReportsItsVersion() {
    #expect(png_access_version_number() >= 10600)
  }

  @Test func libjpegCreatesADecompressor() {
    var info = jpeg_decompress_struct()
    var errors = jpeg_error_mgr()
    info.err = jpeg_std_error(&errors)
    jpeg_CreateDecompress(&info, JPEG_LIB_VERSION, MemoryLayout<jpeg_decompress_struct>.size)
    #expect(info.global_state != 0)
    jpeg_destroy_decompress(&info)
  }
}
