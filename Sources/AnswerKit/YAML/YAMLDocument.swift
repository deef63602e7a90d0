import Yams

/// A parsed YAML document with source positions, and its diagnostics.
///
/// Yams reports 1-based lines and columns counted in Unicode scalars, which is
/// the convention of `SourceLocation`; `lineOffset` shifts YAML lines to file
/// lines (front matter starts on line 2 of its file).
public struct YAMLDocument {
    /// The root node, or `nil` when the text is empty or does not parse.
    public var root: Node?
    /// Syntax errors.
    public var diagnostics: Diagnostics

    /// Parses `text` from `path`, whose first line is line `lineOffset + 1` of the file.
    public init(parsing text: String, path: String, lineOffset: Int = 0) {
        diagnostics = Diagnostics()
        // The common subset gives the same tree as Yams, several times faster; anything else,
        // and every error, is Yams' to parse and report.
        if case let .parsed(node) = FastYAML.compose(text, resolver: .basic, constructor: FastYAML.defaultConstructor) {
            root = node
            return
        }
        do {
            // `.basic`: every scalar stays a string (readers convert and report types
            // themselves); Yams' default resolver runs ICU regexes on every scalar,
            // and `Encoding.default` is recomputed on every call.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            root = nil
            diagnostics.append(Self.diagnostic(for: error, path: path, lineOffset: lineOffset, text: text))
        } catch {
            root = nil
            diagnostics.append(.error("yaml-syntax", at: SourceLocation(path: path), "invalid YAML: \(error)"))
        }
    }

    /// Turns a Yams error into a located diagnostic.
    static func diagnostic(for error: YamlError, path: String, lineOffset: Int, text: String = "") -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            var notes: [String] = []
            if let context { notes.append("\(context.text) at line \(context.mark.line + lineOffset)") }
            if problem.contains("mapping values are not allowed") {
                notes.append("a value containing ': ' must be quoted, e.g. title: \"Refunds: how long?\"")
            }
            return .error("yaml-syntax", at: at(mark), "invalid YAML: \(problem)", notes: notes)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the mapping; point at the second occurrence of the key instead.
            let location = duplicates.first.flatMap { secondOccurrence(of: $0, in: text, after: context.mark.line) }
                .map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) } ?? at(context.mark)
            return .error(
                "yaml-duplicate-key", at: location,
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in mapping")
        case let .reader(problem, offset, _, _):
            return .error(
                "yaml-syntax", at: SourceLocation(path: path),
                "invalid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return .error("yaml-syntax", at: SourceLocation(path: path), "invalid YAML: \(error)")
        }
    }
}

/// The position of the second `key:` line at the mapping's indentation, at or after `start`.
private func secondOccurrence(of key: String, in text: String, after startLine: Int) -> (line: Int, column: Int)? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var found = 0
    for (index, line) in lines.enumerated() where index + 1 >= startLine {
        var rest = Substring(line)
        let indent = rest.prefix { $0 == " " }.count
        rest = rest.dropFirst(indent)
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
        for quoted in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(quoted) && rest.dropFirst(quoted.count).drop(while: { $0 == " " }).hasPrefix(":") {
            found += 1
            if found == 2 { return (index + 1, line.count - rest.count + 1) }
        }
    }
    return nil
}

extension Node {
    /// The node's position as a file location.
    func location(in path: String, lineOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }
}
