/// Text for the XML files AnswerKit writes (sitemap, Atom feeds).
enum XML {
    /// Escapes markup characters and drops what XML 1.0 cannot hold at all
    /// (control characters other than tab and new lines, U+FFFE and U+FFFF).
    static func escape(_ text: String) -> String {
        let clean = text.unicodeScalars.allSatisfy(isAllowed)
            ? text : String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
        return HTML.escape(clean)
    }

    /// XML 1.0's `Char` production.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// A day as an RFC 3339 / `xsd:dateTime` instant at midnight UTC (`2026-10-02T00:00:00Z`).
    static func dateTime(_ day: Day) -> String {
        "\(day)T00:00:00Z"
    }
}
