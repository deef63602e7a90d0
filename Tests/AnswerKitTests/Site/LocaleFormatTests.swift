@testable import AnswerKit
import Foundation
import Testing

/// Dates, digits and plural forms per locale, and the `digits` setting.
@Suite struct LocaleFormatTests {
    static let day = Day(year: 2026, month: 10, day: 7)

    /// Dates made from a month's pattern are exactly ICU's, every day, in many locales and digits.
    @Test func monthPatternsGiveICUDates() {
        let locales = ["en", "fr", "tr", "ar", "he", "de", "ja", "ru", "es", "pt-BR", "fa", "hi", "ko", "zh", "pl", "lt", "hu"]
        for code in locales {
            for digits in [DigitStyle.latin, .arabicIndic] {
                let format = LocaleFormat(code: code, digits: digits)
                for (year, month) in [(2026, 10), (2022, 2), (2031, 12)] {
                    for day in 1...(month == 2 ? 28 : 31) {
                        let date = Day(year: year, month: month, day: day)
                        var style = Date.FormatStyle(date: .long, time: .omitted)
                        style.locale = Locale(identifier: format.identifier)
                        style.timeZone = TimeZone(identifier: "UTC")!
                        style.calendar = Calendar(identifier: .gregorian)
                        #expect(format.date(date) == date.date.formatted(style), "\(code) \(digits) \(date)")
                    }
                }
            }
        }
    }

    @Test(arguments: [
        ("en", DigitStyle.latin, "October 7, 2026"),
        ("fr", .latin, "7 octobre 2026"),
        ("tr", .latin, "7 Ekim 2026"),
        ("ar", .latin, "7 أكتوبر، 2026"),
        ("ar", .arabicIndic, "٧ أكتوبر، ٢٠٢٦"),
        ("he", .latin, "7 באוקטובר 2026"),
        ("ar", .extendedArabicIndic, "۷ أكتوبر، ۲۰۲۶"),
    ])
    func longDates(_ code: String, _ digits: DigitStyle, _ expected: String) {
        #expect(LocaleFormat(code: code, digits: digits).date(Self.day) == expected)
    }

    @Test func numbersUseTheConfiguredDigits() {
        #expect(LocaleFormat(code: "ar", digits: .arabicIndic).number(280) == "٢٨٠")
        #expect(LocaleFormat(code: "ar", digits: .latin).number(280) == "280")
        #expect(LocaleFormat(code: "ar", digits: .arabicIndic).number(4096) == "٤٬٠٩٦")
        #expect(LocaleFormat(code: "fr").number(4096) == "4\u{202F}096")
        #expect(LocaleFormat(code: "en").number(-5) == "-5")
    }

    @Test(arguments: [
        ("ar", [0: PluralCategory.zero, 1: .one, 2: .two, 3: .few, 10: .few, 11: .many, 99: .many, 100: .other, 102: .other, 103: .few, 111: .many]),
        ("he", [1: .one, 2: .two, 0: .other, 3: .other, 20: .other]),
        ("fr", [0: .one, 1: .one, 2: .other, 1_000_000: .many]),
        ("en", [0: .other, 1: .one, 2: .other]),
        ("tr", [1: .one, 5: .other]),
    ])
    func pluralCategoriesFollowCLDR(_ language: String, _ cases: [Int: PluralCategory]) {
        for (number, category) in cases {
            #expect(PluralCategory.cardinal(number, language: language) == category, "\(language) \(number)")
        }
    }

    @Test func countedPhrasesPickTheirPluralForm() {
        let strings = ["n_zero": "لا مقالات", "n_one": "مقالة واحدة", "n_two": "مقالتان", "n_few": "{count} مقالات", "n_other": "{count} مقالة"]
        let arabic = LocaleFormat(code: "ar", digits: .arabicIndic)
        #expect(arabic.count(0, "n", strings: strings) == "لا مقالات")
        #expect(arabic.count(2, "n", strings: strings) == "مقالتان")
        #expect(arabic.count(5, "n", strings: strings) == "٥ مقالات")
        #expect(arabic.count(11, "n", strings: strings) == "١١ مقالة", "no 'many' form: falls back to 'other'")
        #expect(LocaleFormat(code: "en").count(3, "old", strings: ["old": "articles"]) == "3 articles", "a theme without plural keys")
        #expect(LocaleFormat(code: "en").count(3, "none", strings: [:]) == nil)
    }

    @Test func digitsAreReadSiteWideAndPerLocale() throws {
        let (config, diagnostics) = ConfigLoader.parse("""
            title: T
            digits: arabic-indic
            locales:
              - { code: en, name: English }
              - { code: ar, name: العربية, digits: latin }
              - { code: fa, name: فارسی, digits: extended-arabic-indic }
            """)
        #expect(diagnostics.isEmpty)
        #expect(try #require(config).locales.map(\.digits) == [.arabicIndic, .latin, .extendedArabicIndic])
        let (defaults, _) = ConfigLoader.parse("title: T\n")
        #expect(defaults?.locales.map(\.digits) == [.latin])
    }

    @Test func unknownDigitsAreAnErrorAtTheirValue() {
        let (config, diagnostics) = ConfigLoader.parse("""
            title: T
            locales:
              - { code: ar, name: العربية, digits: arabic-indik }
            """)
        #expect(config == nil)
        let diagnostic = diagnostics.items.first { $0.code == "bad-digits" }
        let line = "  - { code: ar, name: العربية, digits: arabic-indik }"
        let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: line.range(of: "arabic-indik")!.lowerBound) + 1
        #expect(diagnostic?.location == SourceLocation(path: "answerkit.yml", line: 3, column: column))
        #expect(diagnostic?.message == "unknown digits 'arabic-indik'")
        #expect(diagnostic?.notes == ["did you mean 'arabic-indic'?", "digits: latin, arabic-indic, extended-arabic-indic"])
    }

    @Test func openGraphLocales() {
        #expect(OpenGraph.locale("en") == "en_US")
        #expect(OpenGraph.locale("he") == "he_IL")
        #expect(OpenGraph.locale("pt-BR") == "pt_BR")
        #expect(OpenGraph.locale("fr") == "fr_FR")
    }
}
