@testable import AnswerKit
import Foundation
import Testing

@Suite struct BaseURLTests {
    /// Whitespace is trimmed as `trimmingCharacters(in: .whitespaces)` trims it, then slashes.
    @Test(arguments: [
        "https://help.example", " https://help.example/ ", "\thttps://help.example//\t", "\u{3000}/docs/\u{00A0}", "/", "",
        "\u{2003}https://x.example/a b/\u{202F}", "https://x.example/\n", " \u{301}https://x.example",
    ])
    func normalizesAsFoundationTrims(_ url: String) {
        var expected = url.trimmingCharacters(in: .whitespaces)
        while expected.hasSuffix("/") { expected.removeLast() }
        #expect(SiteConfig.normalizedBaseURL(url) == expected + "/")
    }
}
