/// Civil dates from Unix time without Foundation or the time zone database (UTC only).
public enum CalendarDate {
  /// `YYYY-MM-DD HH:MM` in UTC for `unixTime` seconds.
  public static func utcText(_ unixTime: Int64) -> String {
    let days = unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400
    let seconds = unixTime - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    return "\(year)-\(twoDigits(month))-\(twoDigits(day)) "
      + "\(twoDigits(seconds / 3600)):\(twoDigits(seconds % 3600 / 60))"
  }

  /// `YYYYMMDD` in UTC, for file names.
  public static func compactUTCDate(_ unixTime: Int64) -> String {
    let days = unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400
    let (year, month, day) = civil(fromDays: days)
    return "\(year)\(twoDigits(month))\(twoDigits(day))"
  }

  // Howard Hinnant's days-from-civil inverse: exact for the proleptic Gregorian calendar.
  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  private static func twoDigits(_ value: Int64) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
