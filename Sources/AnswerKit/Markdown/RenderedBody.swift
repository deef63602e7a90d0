import Foundation

/// A heading of an entry body, for the table of contents and anchor checks.
public struct Heading: Sendable, Hashable, Codable {
    /// 1–6.
    public var level: Int
    /// The `id` attribute: a Unicode-aware slug, made unique within the page.
    public var id: String
    /// The heading's plain text.
    public var text: String
}

/// A link from an entry body to another page of the site, to check once every
/// page's headings are known.
public struct InternalLink: Sendable, Hashable {
    /// The target entry, when the link points at an entry.
    public var target: EntryKey?
    /// The `#fragment`, if any.
    public var fragment: String?
    /// Where the link is written.
    public var location: SourceLocation
}

/// What rendering a Markdown body produces.
public struct RenderedBody: Sendable {
    /// HTML of the body, as UTF-8: it goes into the page as it is, so no `String`
    /// is made of it (checking a body's UTF-8 again cost more than escaping it).
    public var htmlBytes: [UInt8]
    /// HTML of the body.
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    /// The text without markup (for search and excerpts).
    public var plainText: String
    /// Headings in order.
    public var headings: [Heading]
    /// Links to entries with a fragment, checked after all pages are rendered.
    public var anchoredLinks: [InternalLink]
    /// Broken links, raw HTML that was dropped, and the like.
    public var diagnostics: Diagnostics
    /// The content-relative paths relative links were looked up as (found or not):
    /// the page must be made again when one of them changes (see `LinkTable.changedPaths`).
    public var linkedPaths: [String] = []

    /// About `limit` characters of `plainText`, cut at a word boundary.
    public func excerpt(limit: Int = 180) -> String {
        let text = plainText
        // Only the first `limit` characters are walked (`count` walked the whole body).
        guard let limitIndex = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), limitIndex < text.endIndex else { return text }
        let cut = text[..<limitIndex]
        let end = cut.lastIndex(where: { $0 == " " }) ?? cut.endIndex
        return String(cut[..<end]).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}
