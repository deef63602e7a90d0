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
    ///
    /// Walks the UTF-8 bytes: a brace byte is never part of a multi-byte sequence, so
    /// matching bytes is matching code points, and a slice between braces is whole
    /// scalars. Offsets of problems are turned into scalar offsets when reported.
    public static func scan(_ text: String) -> (names: [String], problems: [Problem]) {
        UTF8Bytes.with(text) { bytes in
            var names: [String] = []
            var problems: [Problem] = []
            func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            func problem(at index: Int, _ message: String) {
                // Scalars before `index`: the bytes that are not UTF-8 continuation bytes.
                let offset = bytes[..<index].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                problems.append(Problem(offset: offset, message: message))
            }
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == open {
                    if index + 1 < bytes.count, bytes[index + 1] == open {
                        guard let end = pair(close, in: bytes, from: index + 2) else {
                            problem(at: index, "'{{' is never closed with '}}'")
                            break
                        }
                        let inner = string((index + 2)..<end)
                        if isName(inner) {
                            if !names.contains(inner) { names.append(inner) }
                        } else {
                            let suggestion = suggestedName(inner)
                            problem(at: index, "placeholder '{{\(inner)}}' is not valid: use lower-case letters, digits and '_'"
                                + (suggestion.isEmpty ? "" : ", e.g. '{{\(suggestion)}}'"))
                        }
                        index = end + 2
                        continue
                    }
                    let end = bytes[index...].firstIndex(of: close)
                    let inner = end.map { string((index + 1)..<$0) } ?? ""
                    let suggestion = suggestedName(inner)
                    problem(at: index, "single '{' is not placeholder syntax" + (suggestion.isEmpty ? "" : "; write '{{\(suggestion)}}'"))
                    index = (end ?? index) + 1
                    continue
                }
                if byte == close {
                    problem(at: index, "'}' without a matching '{{'")
                    if index + 1 < bytes.count, bytes[index + 1] == close { index += 1 }
                }
                index += 1
            }
            return (names, problems)
        }
    }

    /// The first offset from `start` where `brace` occurs twice in a row.
    private static func pair(_ brace: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == brace, bytes[index + 1] == brace { return index }
            index += 1
        }
        return nil
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

    private static func suggestedName(_ inner: String) -> String {
        let lowered = inner.trimmingCharacters(in: .whitespaces).lowercased()
        let mapped = String(lowered.unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_" })
        return isName(mapped) ? mapped : ""
    }
}
