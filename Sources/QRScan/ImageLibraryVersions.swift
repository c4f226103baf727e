import CPNG
import CWebP
import CZBar

/// The versions the image and QR libraries report at run time (libturbojpeg has no call for it).
public enum ImageLibraryVersions {
  /// zbar's `major.minor.patch`.
  public static var zbar: String {
    var major: UInt32 = 0
    var minor: UInt32 = 0
    var patch: UInt32 = 0
    _ = zbar_version(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }

  /// libpng's version string.
  public static var png: String { String(cString: png_get_libpng_ver(nil)) }

  /// libwebp's decoder version, unpacked from `0xMMmmpp`.
  public static var webp: String {
    let packed = WebPGetDecoderVersion()
    return "\(packed >> 16).\((packed >> 8) & 0xFF).\(packed & 0xFF)"
  }
}
