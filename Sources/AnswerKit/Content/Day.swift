import Foundation

/// A calendar date without time (`YYYY-MM-DD`), as written in front matter.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a day; no validation (use `init?(parsing:)` for input).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` with a real calendar date (no 2026-02-30).
    public init?(parsing text: String) {
        // `YYYY-MM-DD` in ASCII digits, read from the bytes; anything else takes the general path.
        let digits = UTF8Bytes.with(text) { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for byte in bytes[range] {
                    guard (0x30...0x39).contains(byte) else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
        if let (year, month, day) = digits {
            guard (1...12).contains(month), day >= 1, day <= Day.days(inMonth: month, year: year) else { return nil }
            self.init(year: year, month: month, day: day)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= Day.days(inMonth: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The UTC day of a moment.
    public init(_ date: Date) {
        let days = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        if Day.arithmeticDays.contains(days) {
            self.init(daysSince1970: Int(days))
            return
        }
        let parts = Day.utcCalendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The build's "today": `SOURCE_DATE_EPOCH` when set (reproducible builds), else the UTC date now.
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            return Day(Date(timeIntervalSince1970: epoch))
        }
        return Day(Date())
    }

    /// Midnight UTC of this day.
    public var date: Date {
        if let days = daysSince1970, Day.arithmeticDays.contains(Double(days)) {
            return Date(timeIntervalSince1970: Double(days) * 86_400)
        }
        return Day.utcCalendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Digit by digit: `String(format:)` goes through Foundation's formatter, and
        // pages, structured data and bundles write hundreds of thousands of dates.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value) }
        let bytes: [UInt8] = [
            digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), UInt8(ascii: "-"),
            digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        Day(date.addingTimeInterval(TimeInterval(count) * 86_400))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Days since 1970

    /// Foundation's Gregorian calendar in UTC: for days the arithmetic below does not cover.
    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Days since 1970-01-01 from 1583-01-01 to 9999-12-31, where Foundation's Gregorian
    /// calendar is the proleptic Gregorian calendar (before, it counts Julian dates).
    /// Dates are converted by arithmetic there: creating a `Calendar` costs about
    /// 0.7 ms, noticeable in `answerkit reply`.
    static let arithmeticDays: ClosedRange<Double> = -141_349...2_932_896

    /// The day `days` days after 1970-01-01, proleptic Gregorian (`civil_from_days`
    /// of Howard Hinnant's date algorithms).
    init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }

    /// Days from 1970-01-01 to this day, proleptic Gregorian (`days_from_civil`); `nil`
    /// for a day that does not exist (`date` leaves those to `Calendar`).
    var daysSince1970: Int? {
        guard (1...12).contains(month), day >= 1, day <= Day.days(inMonth: month, year: year) else { return nil }
        let year = month <= 2 ? self.year - 1 : self.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
