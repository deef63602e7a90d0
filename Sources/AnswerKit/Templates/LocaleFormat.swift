import Foundation

/// Dates, numbers and plural forms written the way one locale of the site writes them.
///
/// Dates come from ICU through Foundation (month names in Arabic, Hebrew, …)
/// with the numbering system pinned in the identifier (`ar-u-nu-latn`): ICU
/// versions disagree on whether plain `ar` uses Arabic-Indic digits, and the
/// output must not depend on the platform. Small integers are written digit by
/// digit without ICU, because reply counters format hundreds of thousands of
/// them in a large build.
public struct LocaleFormat: Sendable, Hashable {
    /// The locale code (`ar`, `pt-BR`).
    public var code: String
    /// Which digits to write.
    public var digits: DigitStyle

    /// The format of a configured locale.
    public init(_ locale: SiteLocale) {
        self.init(code: locale.code, digits: locale.digits)
    }

    /// The format of `code` with `digits`.
    public init(code: String, digits: DigitStyle = .latin) {
        self.code = code
        self.digits = digits
    }

    /// The ICU locale identifier with the numbering system (`he-u-nu-latn`).
    var identifier: String {
        code.contains("-u-") ? code : "\(code)-u-nu-\(digits.numberingSystem)"
    }

    /// The language subtag (`pt` of `pt-BR`).
    var language: String {
        String(code.prefix { $0 != "-" }).lowercased()
    }

    // MARK: - Dates

    private struct DateKey: Hashable {
        var format: LocaleFormat
        var day: Day
    }

    private static let dateCache = Locked<[DateKey: String]>([:])

    /// A long date: `October 2, 2026`, `2 octobre 2026`, `2 أكتوبر، 2026`, `2 באוקטובר 2026`.
    public func date(_ day: Day) -> String {
        let key = DateKey(format: self, day: day)
        if let hit = Self.dateCache.withLock({ $0[key] }) { return hit }
        let text = monthPattern(year: day.year, month: day.month).map { $0.filled(with: number(day.day)) } ?? icuDate(day)
        Self.dateCache.withLock { $0[key] = text }
        return text
    }

    private func icuDate(_ day: Day) -> String {
        var style = Date.FormatStyle(date: .long, time: .omitted)
        style.locale = Locale(identifier: identifier)
        style.timeZone = TimeZone(identifier: "UTC")!
        style.calendar = Calendar(identifier: .gregorian)
        return day.date.formatted(style)
    }

    /// A month's long dates as text around the day number.
    private struct MonthPattern: Sendable {
        var before: String
        var after: String
        func filled(with day: String) -> String { before + day + after }
    }

    private struct MonthKey: Hashable {
        var format: LocaleFormat
        var year: Int
        var month: Int
    }

    /// `nil` when the month's dates are not its text around the day number.
    private static let monthCache = Locked<[MonthKey: MonthPattern?]>([:])

    /// The long dates of a month as one text around the day number, found from ICU's
    /// 22nd and checked against its 11th, 5th and 1st; `nil` (every date from ICU) when the
    /// day's number is not on its own in the text or the check fails. Sites hold a few
    /// distinct dates per month: three ICU calls a month instead of one per date, which
    /// were a percent of a 10 000-entry build.
    private func monthPattern(year: Int, month: Int) -> MonthPattern? {
        let key = MonthKey(format: self, year: year, month: month)
        if let hit = Self.monthCache.withLock({ $0[key] }) { return hit }
        let probe = icuDate(Day(year: year, month: month, day: 22))
        let marker = number(22)
        var pattern: MonthPattern?
        if let range = probe.range(of: marker), probe.range(of: marker, range: range.upperBound..<probe.endIndex) == nil {
            let candidate = MonthPattern(before: String(probe[..<range.lowerBound]), after: String(probe[range.upperBound...]))
            let checks = [11, 5, 1].allSatisfy { candidate.filled(with: number($0)) == icuDate(Day(year: year, month: month, day: $0)) }
            pattern = checks ? candidate : nil
        }
        Self.monthCache.withLock { $0[key] = .some(pattern) }
        return pattern
    }

    // MARK: - Numbers

    private struct NumberKey: Hashable {
        var format: LocaleFormat
        var value: Int
    }

    /// Grouped numbers already formatted: mostly channel limits, shown on every reply.
    private static let numberCache = Locked<[NumberKey: String]>([:])

    /// An integer with the locale's digits (and its grouping from 1 000 on: `1 234`, `١٬٢٣٤`).
    public func number(_ value: Int) -> String {
        if (-999...999).contains(value) {
            let latin = String(value)
            guard digits != .latin else { return latin }
            return String(String.UnicodeScalarView(latin.unicodeScalars.map(digit)))
        }
        let key = NumberKey(format: self, value: value)
        if let hit = Self.numberCache.withLock({ $0[key] }) { return hit }
        let text = value.formatted(IntegerFormatStyle<Int>(locale: Locale(identifier: identifier)))
        Self.numberCache.withLock { $0[key] = text }
        return text
    }

    /// An ASCII digit in this format's digits; anything else unchanged.
    private func digit(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard ("0"..."9").contains(scalar) else { return scalar }
        let zero: UInt32 = switch digits {
        case .latin: 0x30
        case .arabicIndic: 0x660
        case .extendedArabicIndic: 0x6F0
        }
        return Unicode.Scalar(zero + scalar.value - 0x30)!
    }

    // MARK: - Plurals

    /// The plural category of a whole number in this locale.
    public func plural(_ value: Int) -> PluralCategory {
        PluralCategory.cardinal(value, language: language)
    }

    /// A counted phrase from the interface strings: `<key>_<category>` (falling
    /// back to `<key>_other`, then `<key>`), with `{count}` replaced by the
    /// formatted number, e.g. `entries_count` with 2 in Arabic gives `مقالتان`.
    public func count(_ value: Int, _ key: String, strings: [String: String]) -> String? {
        let text = strings["\(key)_\(plural(value).rawValue)"] ?? strings["\(key)_other"] ?? strings[key].map { "{count} \($0)" }
        return text?.replacingOccurrences(of: "{count}", with: number(value))
    }
}

/// A CLDR plural category.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The cardinal category of an integer, by the CLDR rules of `language`
    /// (https://unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
    /// integers only: `v = 0`). Written out for the languages AnswerKit ships
    /// strings for and the common ones that share their rules; any other
    /// language gets `one` for 1 and `other` otherwise.
    public static func cardinal(_ value: Int, language: String) -> PluralCategory {
        let n = value.magnitude
        switch language {
        case "ar":
            // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99.
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(n % 100) { return .few }
                if (11...99).contains(n % 100) { return .many }
                return .other
            }
        case "he":
            // CLDR 42+: one: i = 1; two: i = 2 (the former 'many' for 20, 30, … was dropped).
            return n == 1 ? .one : n == 2 ? .two : .other
        case "fr", "pt":
            // one: i = 0,1 (pt-PT differs, but pt is pt-BR in CLDR); many: i != 0 and i % 1000000 = 0.
            if n <= 1 { return .one }
            return n % 1_000_000 == 0 ? .many : .other
        case "es", "it", "ca":
            if n == 1 { return .one }
            return n % 1_000_000 == 0 ? .many : .other
        case "ja", "ko", "zh", "th", "vi", "id", "ms":
            return .other
        default:
            // en, tr, de, nl, sv, … : one: i = 1 and v = 0.
            return n == 1 ? .one : .other
        }
    }
}
