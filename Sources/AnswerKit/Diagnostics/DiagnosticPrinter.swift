import Foundation

/// Formats diagnostics for people (compiler style) or for tools (JSON).
public enum DiagnosticFormatter {
    /// `path:line:column: severity: message`, notes indented below, one per line.
    public static func text(_ diagnostic: Diagnostic) -> String {
        var line = ""
        if let location = diagnostic.location { line += "\(location): " }
        line += "\(diagnostic.severity.rawValue): \(diagnostic.message)"
        for note in diagnostic.notes { line += "\n    note: \(note)" }
        return line
    }

    /// All diagnostics in file order, then a count line when there is anything to count.
    public static func text(_ diagnostics: Diagnostics) -> String {
        let sorted = diagnostics.sorted
        guard !sorted.isEmpty else { return "" }
        var lines = sorted.map(text)
        lines.append(summary(diagnostics))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2 errors, 1 warning`.
    public static func summary(_ diagnostics: Diagnostics) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(diagnostics.errorCount, "error")), \(plural(diagnostics.warningCount, "warning"))"
    }

    /// A JSON document: `{"diagnostics": [{severity, code, path, line, column, message, notes}], "errors": n, "warnings": n}`.
    public static func json(_ diagnostics: Diagnostics) -> String {
        struct Row: Encodable {
            var severity: String
            var code: String
            var path: String?
            var line: Int?
            var column: Int?
            var message: String
            var notes: [String]
        }
        struct Document: Encodable {
            var diagnostics: [Row]
            var errors: Int
            var warnings: Int
        }
        let rows = diagnostics.sorted.map {
            Row(
                severity: $0.severity.rawValue, code: $0.code, path: $0.location?.path,
                line: $0.location?.line, column: $0.location?.column, message: $0.message, notes: $0.notes)
        }
        let document = Document(
            diagnostics: rows, errors: diagnostics.errorCount, warnings: diagnostics.warningCount)
        return JSONOutput.string(document)
    }
}

/// Deterministic JSON encoding used for every JSON file and CLI output.
public enum JSONOutput {
    /// Encodes with sorted keys, pretty printed, without escaping slashes.
    public static func data(_ value: some Encodable, pretty: Bool = true) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own plain structs cannot fail; a failure is a programming error.
        guard var data = try? encoder.encode(value) else {
            preconditionFailure("JSON encoding of \(type(of: value)) failed")
        }
        data.append(0x0A)
        return data
    }

    /// The same as a string.
    public static func string(_ value: some Encodable, pretty: Bool = true) -> String {
        String(decoding: data(value, pretty: pretty), as: UTF8.self)
    }
}
