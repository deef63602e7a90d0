/// schema.org JSON-LD for entry pages (https://schema.org/FAQPage).
///
/// An entry is one question with one accepted answer: a `FAQPage` whose
/// `mainEntity` is that `Question`. The page's approval maps onto `WebPage`'s
/// own properties (`lastReviewed`, `reviewedBy`). The JSON goes inside a
/// `<script>` element, so it is written to be inert there (see `scriptSafe`).
public enum StructuredData {
    /// What the JSON-LD of an entry page says.
    public struct EntryPage: Sendable {
        public var title: String
        /// The question in more words (the entry's summary), if any.
        public var summary: String
        /// The answer as plain text (the rendered body's text).
        public var answer: String
        /// The page's absolute URL.
        public var url: String
        public var locale: String
        public var approvedBy: String?
        public var approvedOn: Day?
        public var siteTitle: String
        /// The absolute URL of the locale's home.
        public var siteURL: String

        public init(title: String, summary: String, answer: String, url: String, locale: String, approvedBy: String?, approvedOn: Day?, siteTitle: String, siteURL: String) {
            self.title = title
            self.summary = summary
            self.answer = answer
            self.url = url
            self.locale = locale
            self.approvedBy = approvedBy
            self.approvedOn = approvedOn
            self.siteTitle = siteTitle
            self.siteURL = siteURL
        }
    }

    /// The `FAQPage` document, compact and safe to put between `<script type="application/ld+json">` tags.
    public static func faqPage(_ page: EntryPage) -> String {
        String(decoding: faqPageBytes(page), as: UTF8.self)
    }

    /// `faqPage` as UTF-8, as pages take it.
    ///
    /// Written straight from the fields, members in the order `JSONWriter` sorts
    /// them to (bytewise by key): building a `JSONValue` tree and sorting its
    /// members again on every page cost as much as escaping the answer. A test
    /// holds this to the generic writer's output.
    static func faqPageBytes(_ page: EntryPage) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(page.answer.utf8.count + page.title.utf8.count * 2 + page.summary.utf8.count + 512)
        func raw(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }
        func string(_ text: String) { JSONWriter.writeString(text, into: &bytes, scriptSafe: true) }
        raw(#"{"@context":"https://schema.org","@type":"FAQPage","inLanguage":"#)
        string(page.locale)
        raw(#","isPartOf":{"@type":"WebSite","name":"#)
        string(page.siteTitle)
        raw(#","url":"#)
        string(page.siteURL)
        raw("}")
        if let day = page.approvedOn {
            raw(#","lastReviewed":"#)
            string(day.description)
        }
        raw(#","mainEntity":[{"@type":"Question","acceptedAnswer":{"@type":"Answer","text":"#)
        string(page.answer)
        raw(#","url":"#)
        string(page.url)
        raw(#"},"answerCount":1,"name":"#)
        string(page.title)
        if !page.summary.isEmpty {
            raw(#","text":"#)
            string(page.summary)
        }
        raw(#"}],"name":"#)
        string(page.title)
        if let name = page.approvedBy, !name.isEmpty {
            raw(#","reviewedBy":{"@type":"Organization","name":"#)
            string(name)
            raw("}")
        }
        raw(#","url":"#)
        string(page.url)
        raw("}")
        return bytes
    }

    /// Compact JSON (sorted keys) in which `<`, `>`, `&`, U+2028 and U+2029 are
    /// written as `\u` escapes: text containing `</script>` or `<!--` then cannot
    /// end or alter the script element, and the value parses the same.
    static func scriptSafe(_ value: JSONValue) -> String {
        String(decoding: scriptSafeBytes(value), as: UTF8.self)
    }

    /// `scriptSafe` as UTF-8.
    static func scriptSafeBytes(_ value: JSONValue) -> [UInt8] {
        // Written in one pass: `<`, `>`, `&` and the bytes of U+2028/U+2029 only occur
        // inside JSON strings (keys included), which `writeString` escapes in script-safe mode.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        JSONWriter.writeCompact(value, into: &bytes, scriptSafe: true)
        return bytes
    }

    /// Appends already-serialized JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped (for `.raw` values).
    static func appendScriptSafe(_ bytes: ArraySlice<UInt8>, to safe: inout [UInt8]) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x3C: safe.append(contentsOf: #"\u003c"#.utf8)
            case 0x3E: safe.append(contentsOf: #"\u003e"#.utf8)
            case 0x26: safe.append(contentsOf: #"\u0026"#.utf8)
            case 0xE2 where index + 2 < bytes.endIndex && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // Bytes of U+2028/U+2029 only occur inside JSON strings, where escaping them is lossless.
                safe.append(contentsOf: (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                index += 2
            default: safe.append(byte)
            }
            index += 1
        }
    }
}
