@testable import AnswerKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document parsed with Foundation's XMLParser into a flat list of elements.
final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var namespace: String
        var attributes: [String: String]
        var text: String
        /// Index of the parent element, `nil` for the root.
        var parent: Int?
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: Error?

    /// Parses `data` with namespaces; `nil` when it is not well-formed XML.
    static func parse(_ data: Data) -> XMLElements? {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let document = XMLElements()
        parser.delegate = document
        return parser.parse() ? document : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, namespace: namespaceURI ?? "", attributes: attributes, text: "", parent: open.last))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }

    /// Elements named `name`.
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Children of the element at `index` named `name`.
    func children(of index: Int, named name: String) -> [Element] {
        elements.filter { $0.parent == index && $0.name == name }
    }
}

/// Small sites made in code for the generator tests.
enum SiteSamples {
    static let config: SiteConfig = {
        var config = SiteConfig(title: "Help <&> \"Center\"", baseURL: "https://example.github.io/help/")
        config.locales = [
            SiteLocale(code: "en", name: "English", direction: .ltr),
            SiteLocale(code: "ar", name: "العربية", direction: .rtl),
            SiteLocale(code: "he", name: "עברית", direction: .rtl),
        ]
        config.defaultLocale = "en"
        return config
    }()

    static func entry(
        _ locale: String, _ category: String, _ slug: String, id: String? = nil, title: String? = nil, status: EntryStatus = .approved,
        approvedOn: Day? = Day(year: 2026, month: 10, day: 1), updated: Day? = nil, reviewBy: Day? = Day(year: 2027, month: 1, day: 1), tags: [String] = []
    ) -> Entry {
        Entry(
            key: EntryKey(locale: locale, category: category, slug: slug), path: "content/\(locale)/\(category)/\(slug).md", id: id ?? slug,
            title: title ?? "\(slug) (\(locale))", summary: "", tags: tags, status: status, approvedBy: "Team", approvedOn: approvedOn, reviewBy: reviewBy,
            updated: updated, sources: [], replies: [], bodyLineOffset: 0, idLocation: SourceLocation(path: "x"))
    }

    static func index(_ entries: [Entry], includeDrafts: Bool = false) -> SiteIndex {
        var categories: [Category] = []
        for entry in entries where !categories.contains(where: { $0.locale == entry.key.locale && $0.slug == entry.key.category }) {
            categories.append(Category(locale: entry.key.locale, slug: entry.key.category))
        }
        return SiteIndex(content: LoadedContent(entries: entries, categories: categories, assets: [], diagnostics: Diagnostics()), includeDrafts: includeDrafts)
    }
}
