import Foundation

/// Where every linkable file of the site ends up, to rewrite relative links.
///
/// Writers link entries to each other by their source files
/// (`../billing/refund-status.md`), which work in any Markdown editor and on
/// GitHub; the renderer turns them into page URLs and reports the ones that
/// lead nowhere.
public struct LinkTable: Sendable {
    /// Root-relative URL of each published entry, by content-relative path (`en/billing/refund-status.md`).
    var entries: [String: (key: EntryKey, url: String)] = [:]
    /// Entries that exist but are not published (drafts, retired), by path.
    var unpublished: [String: EntryStatus] = [:]
    /// Root-relative URL of each category, by content-relative folder (`en/billing`).
    var categories: [String: String] = [:]
    /// Non-Markdown files, content-relative.
    var assets: Set<String> = []
    /// `/` or the path of the base URL.
    var basePath: String

    /// Builds the table for the published entries.
    public init(published: [Entry], unpublished: [Entry], categories: [Category], assets: [String], urls: URLScheme) {
        basePath = urls.basePath
        for entry in published {
            entries["\(entry.key.locale)/\(entry.key.category)/\(entry.key.slug).md"] = (entry.key, urls.entry(entry.key))
        }
        for entry in unpublished { self.unpublished["\(entry.key.locale)/\(entry.key.category)/\(entry.key.slug).md"] = entry.status }
        for category in categories { self.categories["\(category.locale)/\(category.slug)"] = urls.category(locale: category.locale, slug: category.slug) }
        self.assets = Set(assets)
    }

    /// Whether `url` starts with a URI scheme (`https:`, `mailto:`, `tel:`): RFC 3986 `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`.
    static func hasScheme(_ url: String) -> Bool {
        var first = true
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if first { return false }
            case UInt8(ascii: ":"): return !first
            default: return false
            }
            first = false
        }
        return false
    }

    /// The outcome of resolving one link destination.
    enum Resolution: Equatable {
        /// Leave as written (external, mail, same-page fragment).
        case unchanged
        /// Replace with this URL; `target` is set for entry links.
        case rewritten(String, target: EntryKey?, fragment: String?)
        /// A relative link to nothing; the message says why.
        case broken(String)
    }

    /// Resolves `destination` written in the file at content-relative `source`.
    func resolve(_ destination: String, from source: String) -> Resolution {
        var lookedUp: String?
        return resolve(destination, from: source, lookedUp: &lookedUp)
    }

    /// Resolves `destination`, and sets `lookedUp` to the content-relative path it was
    /// looked up as (what an incremental build watches: the link's outcome changes
    /// only when that path's entry, category or file does, see `LinkTable.changedPaths`).
    func resolve(_ destination: String, from source: String, lookedUp: inout String?) -> Resolution {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//") { return .unchanged }
        if Self.hasScheme(destination) { return .unchanged }
        var path = destination
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[cut...])
            path = String(path[..<cut])
        }
        let fragment = suffix.firstIndex(of: "#").map { String(suffix[suffix.index(after: $0)...]) }.flatMap { $0.isEmpty ? nil : $0 }
        if path.hasPrefix("/") {
            // Site-absolute: make it respect a base URL with a path.
            return path.hasPrefix(basePath) ? .unchanged : .rewritten(basePath + path.dropFirst() + suffix, target: nil, fragment: nil)
        }
        // Without a `%` there is nothing to decode (and no Foundation call to make).
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path
        guard let target = Self.join(folderOf: source, decoded) else { return .broken("'\(destination)' points outside the content folder") }
        lookedUp = target
        if let entry = entries[target] ?? entries[target + ".md"] {
            return .rewritten(entry.url + suffix, target: entry.key, fragment: fragment)
        }
        if let status = unpublished[target] ?? unpublished[target + ".md"] {
            return .broken("'\(destination)' links to a \(status.rawValue) entry, which is not published")
        }
        if target.hasSuffix("/_index.md"), let url = categories[String(target.dropLast("/_index.md".count))] {
            return .rewritten(url + suffix, target: nil, fragment: nil)
        }
        if let url = categories[target] { return .rewritten(url + suffix, target: nil, fragment: nil) }
        if assets.contains(target) {
            return .rewritten(basePath + Slug.urlPath(target) + suffix, target: nil, fragment: nil)
        }
        return .broken("'\(destination)' does not match any entry, category or file (looked for content/\(target))")
    }

    /// `path` taken from the folder of the file `source` (both `/`-separated, empty parts
    /// skipped, `.` and `..` applied); `nil` when `..` leaves the content folder.
    ///
    /// On bytes: splitting into `String`s and joining them again was most of the
    /// time of resolving a link, and every entry body has several.
    static func join(folderOf source: String, _ path: String) -> String? {
        var target: [UInt8] = []
        target.reserveCapacity(source.utf8.count + path.utf8.count)
        // Where each part starts in `target`, to drop it again for `..`.
        var starts: [Int] = []
        func add(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            if part.count == 1, part.first == UInt8(ascii: ".") { return true }
            if part.count == 2, part.first == UInt8(ascii: "."), part.last == UInt8(ascii: ".") {
                guard let start = starts.popLast() else { return false }
                target.removeSubrange(max(0, start - 1)...)
                return true
            }
            if !target.isEmpty { target.append(UInt8(ascii: "/")) }
            starts.append(target.count)
            target.append(contentsOf: part)
            return true
        }
        let folderOK = UTF8Bytes.with(source) { bytes -> Bool in
            // Every part but the last (the file's own name), taken as they are: `.` and `..` stay names there.
            let parts = bytes.split(separator: UInt8(ascii: "/"))
            for part in parts.dropLast() {
                if !target.isEmpty { target.append(UInt8(ascii: "/")) }
                starts.append(target.count)
                target.append(contentsOf: part)
            }
            return true
        }
        guard folderOK else { return nil }
        let pathOK = UTF8Bytes.with(path) { bytes -> Bool in
            for part in bytes.split(separator: UInt8(ascii: "/")) where !add(part) { return false }
            return true
        }
        guard pathOK else { return nil }
        return String(decoding: target, as: UTF8.self)
    }

    /// The paths whose lookup gives a different outcome in `other` than here (an
    /// entry published, unpublished, moved to another status; a category or file
    /// added or removed), as `resolve` reports them in `lookedUp`.
    func changedPaths(comparedWith other: LinkTable) -> Set<String> {
        var changed = Set<String>()
        for (path, entry) in entries where other.entries[path]?.url != entry.url { changed.insert(path) }
        for path in other.entries.keys where entries[path] == nil { changed.insert(path) }
        for (path, status) in unpublished where other.unpublished[path] != status { changed.insert(path) }
        for path in other.unpublished.keys where unpublished[path] == nil { changed.insert(path) }
        for (path, url) in categories where other.categories[path] != url { changed.insert(path) }
        for path in other.categories.keys where categories[path] == nil { changed.insert(path) }
        changed.formUnion(assets.symmetricDifference(other.assets))
        if basePath != other.basePath { changed.insert("") }
        return changed
    }

    /// Whether a link looked up as `path` may resolve differently after `changed` paths changed.
    static func isAffected(_ path: String, by changed: Set<String>) -> Bool {
        if changed.contains("") || changed.contains(path) || changed.contains(path + ".md") { return true }
        return path.hasSuffix("/_index.md") && changed.contains(String(path.dropLast("/_index.md".count)))
    }
}
