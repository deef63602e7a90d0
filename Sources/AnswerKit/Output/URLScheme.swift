/// Where each page lives: its output file and its URL.
///
/// URLs are root-relative and include the base path (`/docs/en/billing/`), so a
/// site works from a sub-path such as a GitHub Pages project site; non-ASCII
/// segments (Arabic or Hebrew tags) are percent-encoded in URLs and kept as
/// UTF-8 in file names, which is how static servers map them.
public struct URLScheme: Sendable {
    /// `/` or the base URL's path, ending in `/`.
    public var basePath: String
    /// The absolute base URL, ending in `/`.
    public var baseURL: String

    public init(config: SiteConfig) {
        basePath = config.basePath
        baseURL = config.baseURL
    }

    // MARK: - Output files (relative to public/)

    public func homeFile(_ locale: String) -> String { "\(locale)/index.html" }
    public func categoryFile(locale: String, slug: String) -> String { "\(locale)/\(slug)/index.html" }
    public func entryFile(_ key: EntryKey) -> String { "\(key.locale)/\(key.category)/\(key.slug)/index.html" }
    public func tagsFile(_ locale: String) -> String { "\(locale)/tags/index.html" }
    public func tagFile(locale: String, tag: String) -> String { "\(locale)/tags/\(Slug.make(tag))/index.html" }
    public func searchFile(_ locale: String) -> String { "\(locale)/search/index.html" }
    public func notFoundFile(_ locale: String) -> String { "\(locale)/404.html" }

    // MARK: - URLs (root-relative)

    /// The URL of an output file: `index.html` becomes its folder.
    public func url(ofFile file: String) -> String {
        var path = file
        if path == "index.html" { path = "" } else if path.hasSuffix("/index.html") { path = String(path.dropLast("index.html".count)) }
        return basePath + Slug.urlPath(path)
    }

    public func root() -> String { basePath }
    public func home(_ locale: String) -> String { url(ofFile: homeFile(locale)) }
    public func category(locale: String, slug: String) -> String { url(ofFile: categoryFile(locale: locale, slug: slug)) }
    public func entry(_ key: EntryKey) -> String { url(ofFile: entryFile(key)) }
    public func tags(_ locale: String) -> String { url(ofFile: tagsFile(locale)) }
    public func tag(locale: String, tag: String) -> String { url(ofFile: tagFile(locale: locale, tag: tag)) }
    public func search(_ locale: String) -> String { url(ofFile: searchFile(locale)) }
    public func asset(_ path: String) -> String { basePath + "assets/" + Slug.urlPath(path) }

    /// The absolute URL of a root-relative one.
    public func absolute(_ url: String) -> String {
        guard url.hasPrefix(basePath) else { return url }
        return baseURL + url.dropFirst(basePath.count)
    }
}
