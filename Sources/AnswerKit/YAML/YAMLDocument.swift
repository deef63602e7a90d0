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
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            root = nil
            diagnostics.append(Self.diagnostic(for: error, path: path, lineOffset: lineOffset))
        } catch {
            root = nil
            diagnostics.append(.error("yaml-syntax", at: SourceLocation(path: path), "invalid YAML: \(error)"))
        }
    }

    /// Turns a Yams error into a located diagnostic.
    static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
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
            return .error(
                "yaml-duplicate-key", at: at(context.mark),
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

extension Node {
    /// The node's position as a file location.
    func location(in path: String, lineOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }
}
