import Foundation

/// Follows every link of a built site in memory and reports those that lead nowhere.
///
/// HTML pages: every `href`, `src` and `action`; XML files: `<loc>` and `href`.
/// A link must resolve (relative links against their page's URL) to a file of
/// the build, stay under the site's base path, and, when it has a fragment,
/// land on an element with that `id`. Links to other hosts are not followed.
struct LinkChecker {
    /// Output files by path.
    let files: [String: Data]
    /// The site's absolute base URL, ending in `/` (`https://example.github.io/help/`).
    let baseURL: URL

    /// One link that leads nowhere.
    struct Problem: CustomStringConvertible, Equatable {
        var file: String
        var link: String
        var reason: String
        var description: String { "\(file): \(link): \(reason)" }
    }

    var basePath: String { baseURL.path.hasSuffix("/") ? baseURL.path : baseURL.path + "/" }

    /// Every broken link of the site, with the number of links followed.
    func check() -> (problems: [Problem], followed: Int) {
        var problems: [Problem] = []
        var followed = 0
        for (file, data) in files.sorted(by: { $0.key < $1.key }) {
            let links: [String]
            if file.hasSuffix(".html") {
                links = Self.attributes(["href", "src", "action"], in: String(decoding: data, as: UTF8.self))
            } else if file.hasSuffix(".xml") {
                let text = String(decoding: data, as: UTF8.self)
                links = Self.matches(#"<loc>([^<]*)</loc>"#, in: text) + Self.attributes(["href"], in: text)
            } else {
                continue
            }
            for link in links {
                followed += 1
                if let reason = problem(with: link, on: file) { problems.append(Problem(file: file, link: link, reason: reason)) }
            }
        }
        return (problems, followed)
    }

    /// Why `link` on `file` is broken, or `nil` when it works (or leaves the site).
    func problem(with link: String, on file: String) -> String? {
        let lowered = link.lowercased()
        if lowered.hasPrefix("mailto:") || lowered.hasPrefix("tel:") || lowered.hasPrefix("data:image/") { return nil }
        if lowered.hasPrefix("javascript:") { return "script URL" }
        guard let page = URL(string: url(ofFile: file), relativeTo: baseURL), let resolved = URL(string: link, relativeTo: page)?.absoluteURL else {
            return "not a URL"
        }
        guard resolved.host == baseURL.host, resolved.scheme == baseURL.scheme else { return nil }  // another site
        let path = resolved.path(percentEncoded: false)
        guard path.hasPrefix(basePath) || path + "/" == basePath else { return "outside the base path \(basePath)" }
        var relative = String(path.dropFirst(min(basePath.count, path.count)))
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        // A folder without its final slash (`/help`) is served as its index.html too.
        guard let target = files[relative] ?? files[relative + "/index.html"] else { return "no file \(relative)" }
        if let fragment = resolved.fragment(percentEncoded: false), !fragment.isEmpty, relative.hasSuffix(".html") {
            let html = String(decoding: target, as: UTF8.self)
            if !html.contains("id=\"\(fragment)\"") { return "no element with id '\(fragment)' in \(relative)" }
        }
        return nil
    }

    /// The root-relative URL of an output file (`en/index.html` → `/help/en/`).
    func url(ofFile file: String) -> String {
        var path = file
        if path == "index.html" { path = "" } else if path.hasSuffix("/index.html") { path = String(path.dropLast("index.html".count)) }
        return basePath + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
    }

    /// Values of the named attributes (double-quoted, as AnswerKit writes them), entities decoded.
    static func attributes(_ names: [String], in text: String) -> [String] {
        matches(#"\s(?:"# + names.joined(separator: "|") + #")="([^"]*)""#, in: text).map {
            $0.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }
}
