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
            bounds(of: bytes).map { bounds in
                let index = { (offset: Int) in text.utf8.index(text.utf8.startIndex, offsetBy: offset) }
                return FrontMatter(
                    yaml: String(text[index(bounds.yaml.lowerBound)..<index(bounds.yaml.upperBound)]), yamlLineOffset: 1,
                    body: String(text[index(bounds.body)...]), bodyLineOffset: bounds.bodyLineOffset)
            }
        }
    }

    /// Where the parts of normalised text lie, as byte offsets: the YAML between the
    /// fences, the start of the body, and the lines before it.
    public static func bounds(of bytes: UnsafeBufferPointer<UInt8>) -> Result<(yaml: Range<Int>, body: Int, bodyLineOffset: Int), Problem> {
        let lineEnd = { (start: Int) in bytes[start...].firstIndex(of: 0x0A) ?? bytes.count }
        let firstEnd = lineEnd(0)
        guard isFence(bytes[0..<firstEnd], closing: false) else { return .failure(.missing) }
        let yamlStart = min(firstEnd + 1, bytes.count)
        var lineStart = yamlStart
        var line = 2
        while lineStart < bytes.count {
            let end = lineEnd(lineStart)
            if isFence(bytes[lineStart..<end], closing: true) {
                return .success((yamlStart..<lineStart, min(end + 1, bytes.count), line))
            }
            lineStart = min(end + 1, bytes.count)
            line += 1
        }
        return .failure(.notClosed)
    }

    /// `---` (or `...` when closing), optionally followed by spaces or tabs.
    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>, closing: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (closing && trimmed.elementsEqual("...".utf8))
    }
}
