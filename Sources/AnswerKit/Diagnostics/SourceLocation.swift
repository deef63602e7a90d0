/// A position in a source file of the site.
///
/// `path` is relative to the site root (`content/en/billing/refund-status.md`), so
/// messages read the same on every machine. `line` and `column` are 1-based; the
/// column counts Unicode scalars (characters as an editor shows them), not UTF-8
/// bytes: cmark reports byte columns and they are converted before they get here.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The file, relative to the site root.
    public var path: String
    /// 1-based line, or `nil` when the problem concerns the whole file.
    public var line: Int?
    /// 1-based column in Unicode scalars, or `nil` when only the line is known.
    public var column: Int?

    /// Creates a location; pass no line for a whole-file problem.
    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = line == nil ? nil : column
    }

    /// `path:line:column`, leaving out what is unknown.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// Orders by path, then line, then column, so diagnostics print in file order.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return (lhs.column ?? 0) < (rhs.column ?? 0)
    }
}
