import Foundation

extension Placeholder {
    /// A piece of a reply text: fixed text or a placeholder.
    public enum Piece: Sendable, Hashable {
        case text(String)
        case placeholder(String)
    }

    /// The text split into fixed text and `{{name}}` placeholders, in order.
    ///
    /// Braces that are not a valid placeholder stay in the fixed text (validation
    /// reports them); adjacent fixed text is merged.
    public static func pieces(_ text: String) -> [Piece] {
        let bytes = Array(text.utf8)
        var pieces: [Piece] = []
        var literalStart = 0
        for case let (open, close?) in braces(in: text) {
            let name = String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
            guard isName(name) else { continue }
            if literalStart < open { pieces.append(.text(String(decoding: bytes[literalStart..<open], as: UTF8.self))) }
            pieces.append(.placeholder(name))
            literalStart = close + 2
        }
        if literalStart < bytes.count { pieces.append(.text(String(decoding: bytes[literalStart...], as: UTF8.self))) }
        return pieces
    }

    /// What is wrong with `value` for a placeholder declared as `spec`, as the end of a
    /// sentence ("has 16 characters; the most is 15"), or `nil` when it is acceptable.
    ///
    /// Text values may not contain a link: the worst case of a reply assumes a link
    /// only ever comes from a `url` placeholder (X counts every link as 23).
    public static func problem(with value: String, for spec: PlaceholderSpec) -> String? {
        let normalized = value.precomposedStringWithCanonicalMapping
        let length = normalized.unicodeScalars.count
        if let max = spec.max, length > max {
            return "has \(length) characters; the most is \(max)"
        }
        switch spec.type {
        case .url:
            guard isLink(normalized) else { return "is not an absolute http(s) link in ASCII, e.g. https://example.com/track/123" }
        case .text:
            if let bad = normalized.unicodeScalars.first(where: { !spec.charset.allows($0) }) {
                return "contains '\(bad)' (U+\(String(bad.value, radix: 16, uppercase: true))), but '\(spec.name)' allows only \(spec.charset.summary)"
            }
            if !URLScanner.urlRanges(in: normalized).isEmpty {
                return "contains a link; links go in a placeholder declared with type: url"
            }
        }
        return nil
    }

    /// Whether `value` is exactly one http(s) link in ASCII, as X would recognise it.
    static func isLink(_ value: String) -> Bool {
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            return false
        }
        return URLScanner.urlRanges(in: value) == [0..<value.unicodeScalars.count]
    }

    /// Fills every placeholder of `text` with its value, or its declared default.
    ///
    /// A value that is empty counts as not given. Fails with every missing name and
    /// every value its declaration rejects, so an agent can fix them all at once.
    /// Names in `values` that the text does not use are ignored.
    public static func fill(_ text: String, values: [String: String], declarations: [String: PlaceholderSpec]) -> Result<String, FillError> {
        var error = FillError()
        var resolved: [String: String] = [:]
        for case let .placeholder(name) in pieces(text) where resolved[name] == nil && !error.mentions(name) {
            let given = values[name].flatMap { $0.isEmpty ? nil : $0 }
            guard let value = given ?? declarations[name]?.defaultValue else {
                error.missing.append(name)
                continue
            }
            if let spec = declarations[name], let problem = problem(with: value, for: spec) {
                error.invalid.append(FillError.Invalid(name: name, problem: problem))
                continue
            }
            resolved[name] = value
        }
        guard error.isEmpty else { return .failure(error) }
        return .success(fill(text) { resolved[$0] })
    }
}

/// Why a reply could not be filled: the missing variables and the rejected values.
public struct FillError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value its declaration rejects.
    public struct Invalid: Sendable, Hashable {
        public var name: String
        /// The end of a sentence about the value ("has 16 characters; the most is 15").
        public var problem: String
    }

    /// Names without a value or default, in order of first appearance.
    public var missing: [String] = []
    /// Values that break their declaration, in order of first appearance.
    public var invalid: [Invalid] = []

    var isEmpty: Bool { missing.isEmpty && invalid.isEmpty }

    func mentions(_ name: String) -> Bool { missing.contains(name) || invalid.contains { $0.name == name } }

    /// One line per problem, e.g. `missing values for customer_handle, order_id`.
    public var description: String {
        var lines: [String] = []
        if !missing.isEmpty {
            lines.append("missing \(missing.count == 1 ? "a value" : "values") for \(missing.joined(separator: ", "))")
        }
        for item in invalid { lines.append("the value of \(item.name) \(item.problem)") }
        return lines.joined(separator: "\n")
    }
}
