import Foundation

/// `{{name}}` placeholders in reply texts.
///
/// A placeholder is `{{` + a lower-case snake_case name + `}}`. Anything else
/// built from braces (`{name}`, `{{ Name }}`, `{{order-id}}`, a lone `{{`) is
/// reported, because agents' tools would paste it to a customer verbatim.
public enum Placeholder {
    /// A problem in a text's placeholders.
    public struct Problem: Sendable, Equatable {
        /// Scalar offset of the problem in the text.
        public var offset: Int
        /// What is wrong.
        public var message: String
    }

    /// The distinct placeholder names in order of first appearance, and the problems found.
    public static func scan(_ text: String) -> (names: [String], problems: [Problem]) {
        let scalars = Array(text.unicodeScalars)
        var names: [String] = []
        var problems: [Problem] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" {
                if index + 1 < scalars.count, scalars[index + 1] == "{" {
                    guard let close = find("}}", in: scalars, from: index + 2) else {
                        problems.append(Problem(offset: index, message: "'{{' is never closed with '}}'"))
                        break
                    }
                    let inner = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                    if isName(inner) {
                        if !names.contains(inner) { names.append(inner) }
                    } else {
                        let suggestion = suggestedName(inner)
                        problems.append(Problem(
                            offset: index,
                            message: "placeholder '{{\(inner)}}' is not valid: use lower-case letters, digits and '_'"
                                + (suggestion.isEmpty ? "" : ", e.g. '{{\(suggestion)}}'")))
                    }
                    index = close + 2
                    continue
                }
                let close = scalars[index...].firstIndex(of: "}")
                let inner = close.map { String(String.UnicodeScalarView(scalars[(index + 1)..<$0])) } ?? ""
                let suggestion = suggestedName(inner)
                problems.append(Problem(
                    offset: index,
                    message: "single '{' is not placeholder syntax"
                        + (suggestion.isEmpty ? "" : "; write '{{\(suggestion)}}'")))
                index = (close ?? index) + 1
                continue
            }
            if scalar == "}" {
                problems.append(Problem(offset: index, message: "'}' without a matching '{{'"))
                if index + 1 < scalars.count, scalars[index + 1] == "}" { index += 1 }
            }
            index += 1
        }
        return (names, problems)
    }

    /// Whether `name` is a valid placeholder name.
    public static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The text with every placeholder replaced by `value(name)` (unknown names stay as written).
    public static func fill(_ text: String, _ value: (String) -> String?) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var copied = 0
        // An unclosed `{{` and everything after it stay as written.
        for case let (open, close?) in braces(in: text) {
            let name = String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
            if isName(name), let replacement = value(name) {
                result += bytes[copied..<open]
                result += replacement.utf8
                copied = close + 2
            }
        }
        if copied == 0 { return text }
        return String(decoding: result + bytes[copied...], as: UTF8.self)
    }

    /// The UTF-8 offset of every `{{` in `text`, from the start, with that of the
    /// `}}` closing it (`nil` for an unclosed `{{`, then the last one); the search
    /// goes on after the `}}`. Slices cut at these offsets are valid UTF-8.
    ///
    /// Braces are matched by code point, as `scan` (the validator) and the agent
    /// console's `replies.js` (`indexOf` on code units) match them: `{{name}}`
    /// followed by a combining mark is still the placeholder `name` everywhere,
    /// though the mark and the last brace make one character. (Until 0.1 this used
    /// Foundation's `range(of:)`, which takes whole characters only, so the CLI left
    /// such a placeholder unfilled while the console and the validator saw it.)
    /// A brace byte never occurs inside a multi-byte UTF-8 sequence, so comparing
    /// bytes is comparing code points.
    static func braces(in text: String) -> [(open: Int, close: Int?)] {
        var spans: [(open: Int, close: Int?)] = []
        var text = text
        text.withUTF8 { bytes in
            func pair(_ brace: UInt8, from start: Int) -> Int? {
                var index = start
                while index + 1 < bytes.count {
                    if bytes[index] == brace, bytes[index + 1] == brace { return index }
                    index += 1
                }
                return nil
            }
            var start = 0
            while let open = pair(UInt8(ascii: "{"), from: start) {
                let close = pair(UInt8(ascii: "}"), from: open + 2)
                spans.append((open, close))
                guard let close else { break }
                start = close + 2
            }
        }
        return spans
    }

    private static func find(_ needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var index = start
        while index + pattern.count <= scalars.count {
            if Array(scalars[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }

    private static func suggestedName(_ inner: String) -> String {
        let lowered = inner.trimmingCharacters(in: .whitespaces).lowercased()
        let mapped = String(lowered.unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_" })
        return isName(mapped) ? mapped : ""
    }
}
