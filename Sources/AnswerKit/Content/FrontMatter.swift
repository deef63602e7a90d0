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
    ///
    /// Lines are found in the string's UTF-8 bytes; the parts are cut at line starts
    /// (always character boundaries) without copying or checking the lines themselves.
    public static func split(_ text: String) -> Result<FrontMatter, Problem> {
        UTF8Bytes.with(text) { bytes in
            let lineEnd = { (start: Int) in bytes[start...].firstIndex(of: 0x0A) ?? bytes.count }
            let firstEnd = lineEnd(0)
            guard isFence(bytes[0..<firstEnd], closing: false) else { return .failure(.missing) }
            let index = { (offset: Int) in text.utf8.index(text.utf8.startIndex, offsetBy: offset) }
            let yamlStart = min(firstEnd + 1, bytes.count)
            var lineStart = yamlStart
            var line = 2
            while lineStart < bytes.count {
                let end = lineEnd(lineStart)
                if isFence(bytes[lineStart..<end], closing: true) {
                    let yaml = String(text[index(yamlStart)..<index(lineStart)])
                    let bodyStart = min(end + 1, bytes.count)
                    return .success(FrontMatter(yaml: yaml, yamlLineOffset: 1, body: String(text[index(bodyStart)...]), bodyLineOffset: line))
                }
                lineStart = min(end + 1, bytes.count)
                line += 1
            }
            return .failure(.notClosed)
        }
    }

    /// `---` (or `...` when closing), optionally followed by spaces or tabs.
    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>, closing: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (closing && trimmed.elementsEqual("...".utf8))
    }
}
