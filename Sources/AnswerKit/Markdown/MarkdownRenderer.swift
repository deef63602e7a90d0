import Ccmark
import Foundation

/// Renders an entry body with cmark: HTML, plain text, headings and link checks.
///
/// The only code that touches cmark. It parses with source positions and walks
/// the tree itself instead of calling `cmark_render_html`, because cmark's
/// renderer can neither give headings `id`s nor rewrite links; the walk keeps
/// cmark's safety rules (raw HTML omitted and dangerous URL schemes dropped
/// unless the site allows raw HTML).
public struct MarkdownRenderer: Sendable {
    /// Where links lead.
    public var links: LinkTable
    /// Pass raw HTML through instead of omitting it.
    public var allowRawHTML: Bool
    /// Codes of the right-to-left locales (see `direction(of:)`).
    public var rightToLeftLocales: Set<String>

    public init(links: LinkTable, allowRawHTML: Bool, rightToLeftLocales: Set<String> = []) {
        self.links = links
        self.allowRawHTML = allowRawHTML
        self.rightToLeftLocales = rightToLeftLocales
    }

    /// The direction bodies of `locale` are rendered for.
    public func direction(of locale: String) -> TextDirection {
        rightToLeftLocales.contains(locale) ? .rtl : .ltr
    }

    /// Renders `body` of the file `path` (site-relative) / `source` (content-relative),
    /// whose body starts after `lineOffset` lines.
    ///
    /// In a right-to-left locale (`direction: .rtl`) left-to-right runs of text
    /// (product names, @handles, order numbers, URLs) are wrapped in `<bdi>` so
    /// their edges do not scramble (see `BidiIsolation`); code is marked `dir="ltr"` always.
    public func render(_ body: String, path: String, source: String, lineOffset: Int, direction: TextDirection = .ltr) -> RenderedBody {
        UTF8Bytes.with(body) { render(bytes: $0, path: path, source: source, lineOffset: lineOffset, direction: direction) }
    }

    /// `render` of a body given as UTF-8 (straight from the file's bytes in a full build:
    /// no `String` of the body is made, cmark reads the bytes).
    public func render(bytes body: UnsafeBufferPointer<UInt8>, path: String, source: String, lineOffset: Int, direction: TextDirection = .ltr) -> RenderedBody {
        var options = CMARK_OPT_SOURCEPOS
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        let document: OpaquePointer? = body.count == 0
            ? cmark_parse_document("", 0, options)
            : body.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        guard let document else {
            return RenderedBody(htmlBytes: [], plainText: "", headings: [], anchoredLinks: [], diagnostics: Diagnostics(), linkedPaths: [])
        }
        defer { cmark_node_free(document) }
        // The parser splits text at every character that might start markup (`_`, `!`, `[`…);
        // merged, a URL or `snake_case` name is one text node and isolates as one run.
        if direction == .rtl { cmark_consolidate_text_nodes(document) }
        var walker = TreeWalker(renderer: self, path: path, source: source, lineOffset: lineOffset, body: body)
        walker.isolatesLeftToRightRuns = direction == .rtl
        walker.walk(document)
        return RenderedBody(
            htmlBytes: walker.html, plainText: Self.trimmedText(walker.plainText),
            headings: walker.headings, anchoredLinks: walker.anchoredLinks, diagnostics: walker.diagnostics,
            linkedPaths: walker.linkedPaths)
    }
}

extension MarkdownRenderer {
    /// `String(decoding: bytes, as: UTF8.self).trimmed()`, made with one copy: ASCII
    /// white space is cut from the bytes first (plain text ends in a new line, so the
    /// string was otherwise made twice), and only text that still has a non-ASCII
    /// scalar at an end (which might be white space, as U+00A0) is trimmed as a string.
    static func trimmedText(_ bytes: [UInt8]) -> String {
        var start = 0
        var end = bytes.count
        // Tab, line feed, vertical tab, form feed, carriage return and space: ASCII's White_Space.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard start < end, bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return text.trimmed() }
        return text
    }
}

/// One pass over a cmark tree, accumulating HTML and the rest.
private struct TreeWalker {
    let renderer: MarkdownRenderer
    let path: String
    let source: String
    let lineOffset: Int
    /// The body's UTF-8, for source positions (valid while `render` runs).
    let body: UnsafeBufferPointer<UInt8>
    /// The page HTML and the plain text, as UTF-8 (made strings once at the end: text
    /// nodes are escaped straight from cmark's buffer, with no string per node).
    var html: [UInt8] = []
    var plainText: [UInt8] = []
    var headings: [Heading] = []
    var anchoredLinks: [InternalLink] = []
    var diagnostics = Diagnostics()
    /// Content paths that relative links were looked up as.
    var linkedPaths: [String] = []
    /// Inside an image, text goes to its `alt` attribute.
    var imageDepth = 0
    var usedIDs: [String: Int] = [:]
    var warnedRawHTML = false
    /// Wrap left-to-right runs of text in `<bdi>` (right-to-left pages).
    var isolatesLeftToRightRuns = false

    init(renderer: MarkdownRenderer, path: String, source: String, lineOffset: Int, body: UnsafeBufferPointer<UInt8>) {
        self.renderer = renderer
        self.path = path
        self.source = source
        self.lineOffset = lineOffset
        self.body = body
        html.reserveCapacity(body.count + body.count / 4)
        usedIDs.reserveCapacity(16)
    }

    mutating func walk(_ root: OpaquePointer) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, entering: event == CMARK_EVENT_ENTER)
        }
    }

    // MARK: - Nodes

    private mutating func visit(_ node: OpaquePointer, entering: Bool) {
        let type = cmark_node_get_type(node)
        if imageDepth > 0, type != CMARK_NODE_IMAGE {
            if entering, let literal = literal(node) { html += HTML.escape(literal) }
            return
        }
        switch type {
        case CMARK_NODE_DOCUMENT: break
        case CMARK_NODE_BLOCK_QUOTE: html += entering ? "<blockquote>\n" : "</blockquote>\n"
        case CMARK_NODE_LIST: list(node, entering: entering)
        case CMARK_NODE_ITEM: html += entering ? "<li>" : "</li>\n"
        case CMARK_NODE_CODE_BLOCK: codeBlock(node)
        case CMARK_NODE_HTML_BLOCK: rawHTML(node, block: true)
        case CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            html += string(entering ? cmark_node_get_on_enter(node) : cmark_node_get_on_exit(node))
        case CMARK_NODE_PARAGRAPH:
            if !isTight(node) { html += entering ? "<p>" : "</p>\n" }
            if !entering { plainText += "\n" }
        case CMARK_NODE_HEADING: heading(node, entering: entering)
        case CMARK_NODE_THEMATIC_BREAK: html += "<hr />\n"
        case CMARK_NODE_TEXT:
            guard let literal = cmark_node_get_literal(node) else { break }
            // cmark's literals are valid UTF-8 (it replaces invalid input with U+FFFD).
            let text = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
            if isolatesLeftToRightRuns, !BidiIsolation.hasNothingToIsolate(text) {
                html += BidiIsolation.html(String(decoding: text, as: UTF8.self))
            } else {
                HTML.appendEscaped(text, to: &html)
            }
            plainText.append(contentsOf: text)
        case CMARK_NODE_SOFTBREAK:
            html += "\n"
            plainText += " "
        case CMARK_NODE_LINEBREAK:
            html += "<br />\n"
            plainText += " "
        case CMARK_NODE_CODE:
            let code = literal(node) ?? ""
            html += "<code dir=\"ltr\">\(HTML.escape(code))</code>"
            plainText += code
        case CMARK_NODE_HTML_INLINE: rawHTML(node, block: false)
        case CMARK_NODE_EMPH: html += entering ? "<em>" : "</em>"
        case CMARK_NODE_STRONG: html += entering ? "<strong>" : "</strong>"
        case CMARK_NODE_LINK: link(node, entering: entering)
        case CMARK_NODE_IMAGE: image(node, entering: entering)
        default: break
        }
    }

    private mutating func list(_ node: OpaquePointer, entering: Bool) {
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        if entering {
            let start = cmark_node_get_list_start(node)
            html += ordered ? (start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n") : "<ul>\n"
        } else {
            html += ordered ? "</ol>\n" : "</ul>\n"
        }
    }

    private mutating func codeBlock(_ node: OpaquePointer) {
        let info = string(cmark_node_get_fence_info(node)).split(separator: " ").first.map(String.init) ?? ""
        let language = info.isEmpty ? "" : " class=\"language-\(HTML.escape(info))\""
        let code = literal(node) ?? ""
        html += "<pre dir=\"ltr\"><code\(language)>\(HTML.escape(code))</code></pre>\n"
        plainText += code + "\n"
    }

    private mutating func rawHTML(_ node: OpaquePointer, block: Bool) {
        if renderer.allowRawHTML {
            html += literal(node) ?? ""
            return
        }
        html += block ? "<!-- raw HTML omitted -->\n" : "<!-- raw HTML omitted -->"
        if !warnedRawHTML {
            warnedRawHTML = true
            diagnostics.append(.warning(
                "raw-html-omitted", at: location(of: node), "raw HTML is left out of the page",
                notes: ["write Markdown instead, or set 'markdown: { unsafe: true }' in answerkit.yml if you trust every writer"]))
        }
    }

    private mutating func heading(_ node: OpaquePointer, entering: Bool) {
        let level = Int(cmark_node_get_heading_level(node))
        guard entering else {
            html += "</h\(level)>\n"
            plainText += "\n"
            return
        }
        let text = Self.text(of: node)
        var id = Slug.make(text)
        if id.isEmpty { id = "section" }
        if let count = usedIDs[id] {
            usedIDs[id] = count + 1
            id += "-\(count + 1)"
        } else {
            usedIDs[id] = 1
        }
        headings.append(Heading(level: level, id: id, text: text))
        html += "<h\(level) id=\"\(HTML.escape(id))\">"
    }

    private mutating func link(_ node: OpaquePointer, entering: Bool) {
        guard entering else {
            html += "</a>"
            return
        }
        let destination = string(cmark_node_get_url(node))
        let title = string(cmark_node_get_title(node))
        let href = resolve(destination, node: node)
        html += "<a href=\"\(HTML.escape(href))\""
        if !title.isEmpty { html += " title=\"\(HTML.escape(title))\"" }
        html += ">"
    }

    private mutating func image(_ node: OpaquePointer, entering: Bool) {
        if entering {
            if imageDepth == 0 {
                let src = resolve(string(cmark_node_get_url(node)), node: node, image: true)
                html += "<img src=\"\(HTML.escape(src))\" alt=\""
            }
            imageDepth += 1
        } else {
            imageDepth -= 1
            if imageDepth == 0 {
                let title = string(cmark_node_get_title(node))
                html += "\"" + (title.isEmpty ? "" : " title=\"\(HTML.escape(title))\"") + " loading=\"lazy\" />"
            }
        }
    }

    // MARK: - Links

    private mutating func resolve(_ destination: String, node: OpaquePointer, image: Bool = false) -> String {
        if !renderer.allowRawHTML, Self.isDangerous(destination, image: image) { return "" }
        var lookedUp: String?
        defer { if let lookedUp { linkedPaths.append(lookedUp) } }
        switch renderer.links.resolve(destination, from: source, lookedUp: &lookedUp) {
        case .unchanged:
            return destination
        case let .rewritten(url, target, fragment):
            if let target, let fragment {
                anchoredLinks.append(InternalLink(target: target, fragment: fragment, location: location(of: node)))
            }
            return url
        case let .broken(reason):
            diagnostics.append(.error("broken-link", at: location(of: node), "broken link: \(reason)"))
            return destination
        }
    }

    /// cmark's safe-mode rule: no `javascript:`, `vbscript:`, `file:`, and `data:` only for images.
    static func isDangerous(_ url: String, image: Bool) -> Bool {
        // Every scheme above starts with j, v, f or d: a URL starting with another ASCII
        // character that trimming keeps (not a space or tab) is safe, without
        // Foundation's trimming (most links are `https://…` or `../x.md`).
        if let first = url.utf8.first, first < 0x80, first != 0x20, first != 0x09, !"jJvVfFdD".utf8.contains(first) { return false }
        let lowered = url.trimmingCharacters(in: .whitespaces).lowercased()
        if lowered.hasPrefix("javascript:") || lowered.hasPrefix("vbscript:") || lowered.hasPrefix("file:") { return true }
        if lowered.hasPrefix("data:") {
            let safe = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !(image && safe.contains { lowered.hasPrefix($0) })
        }
        return false
    }

    // MARK: - Helpers

    private func literal(_ node: OpaquePointer) -> String? {
        cmark_node_get_literal(node).map { String(cString: $0) }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Whether a paragraph sits in a tight list item (rendered without `<p>`).
    private func isTight(_ paragraph: OpaquePointer) -> Bool {
        guard let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM,
            let list = cmark_node_parent(item)
        else { return false }
        return cmark_node_get_list_tight(list) != 0
    }

    /// The plain text of a node's inline content.
    static func text(of node: OpaquePointer) -> String {
        // Collected as UTF-8 and made a string once (not a string per text node).
        var result: [UInt8] = []
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                result.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                result.append(0x20)
            }
        }
        return MarkdownRenderer.trimmedText(result)
    }

    /// The file position of a node; cmark's byte columns become scalar columns.
    private func location(of node: OpaquePointer) -> SourceLocation {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        guard line > 0 else { return SourceLocation(path: path) }
        var column = byteColumn
        var currentLine = 1
        var lineStart = 0
        var index = 0
        while currentLine < line, index < body.count {
            if body[index] == 0x0A {
                currentLine += 1
                lineStart = index + 1
            }
            index += 1
        }
        // cmark's columns are bytes; the column shown is in code points (bytes that do not continue one).
        let end = lineStart + max(0, byteColumn - 1)
        if end <= body.count {
            column = body[lineStart..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        }
        return SourceLocation(path: path, line: line + lineOffset, column: column)
    }
}

extension [UInt8] {
    /// Appends the UTF-8 of `text` (the tree walker writes its HTML as bytes).
    fileprivate static func += (bytes: inout [UInt8], text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
