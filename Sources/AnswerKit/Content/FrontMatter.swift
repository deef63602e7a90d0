/// A Markdown file split into its YAML front matter and its body.
///
/// The front matter sits between a first line `---` and the next line that is
/// `---` (or `...`). Line numbers stay those of the file: `yamlLineOffset` is the
/// number of lines before the YAML (1) and `bodyLineOffset` the number of lines
/// before the body, to add to positions cmark and Yams report.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML text, without the fences; `nil` when the file has no front matter.
    public var yaml: String?
    /// Lines before the YAML text.
    public var yamlLineOffset: Int
    /// The Markdown body.
    public var body: String
    /// Lines before the body.
    public var bodyLineOffset: Int

    /// The problems splitting can find.
    public enum Problem: Error, Equatable {
        /// The first line is not `---`.
        case missing
        /// No closing `---`; the payload is the line of the opening fence.
        case notClosed
    }

    /// Splits normalised text (`\n` line endings, no BOM).
    public static func split(_ text: String) -> Result<FrontMatter, Problem> {
        let utf8 = text.utf8
        guard isFence(utf8.prefix { $0 != 0x0A }, closing: false) else { return .failure(.missing) }
        var lineStart = utf8.firstIndex(of: 0x0A).map { utf8.index(after: $0) } ?? utf8.endIndex
        let yamlStart = lineStart
        var line = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            if isFence(utf8[lineStart..<lineEnd], closing: true) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(FrontMatter(yaml: yaml, yamlLineOffset: 1, body: String(text[bodyStart...]), bodyLineOffset: line))
            }
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            line += 1
        }
        return .failure(.notClosed)
    }

    /// `---` (or `...` when closing), optionally followed by spaces or tabs.
    private static func isFence(_ line: String.UTF8View.SubSequence, closing: Bool) -> Bool {
        isFence(Array(line), closing: closing)
    }

    private static func isFence(_ bytes: [UInt8], closing: Bool) -> Bool {
        var trimmed = bytes[...]
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (closing && trimmed.elementsEqual("...".utf8))
    }
}
