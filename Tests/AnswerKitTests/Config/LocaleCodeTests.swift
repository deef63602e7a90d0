@testable import AnswerKit
import Testing

/// `ConfigLoader.isLocaleCode`: `[a-z]{2,3}(-[A-Za-z0-9]{2,8})*`, checked without a regular expression.
@Suite struct LocaleCodeTests {
    @Test(arguments: ["en", "ar", "fil", "pt-BR", "zh-Hant-TW", "sr-Latn", "es-419", "de-CH-1996", "en-abcdefgh"])
    func accepts(_ code: String) {
        #expect(ConfigLoader.isLocaleCode(code))
    }

    @Test(arguments: ["", "e", "engl", "EN", "En", "en-", "-en", "en--US", "en-U", "en-abcdefghi", "en_US", "en US", "en-U$", "é", "en-ÉS", "en\n"])
    func rejects(_ code: String) {
        #expect(!ConfigLoader.isLocaleCode(code))
    }
}
