import Yams

/// Reads typed fields out of a YAML mapping, reporting every problem with its position.
///
/// One reader walks one mapping: `string("title")`, `list("tags")`, …; each
/// accessor marks the key as known, and `finish()` warns about keys nobody
/// asked for (typos such as `titel`), suggesting the closest known key.
struct MappingReader {
    let node: Node
    let path: String
    let lineOffset: Int
    private(set) var diagnostics = Diagnostics()
    private var known: [String] = []
    /// The mapping read (empty when the node is not one); its pairs are looked up by
    /// index, not copied out (each copy retains every string and tag of a node).
    private let mapping: Node.Mapping
    /// The keys of `mapping`, in order, as strings.
    private let keys: [String]

    /// Wraps `node`; reports an error and reads nothing when it is not a mapping.
    init(_ node: Node, path: String, lineOffset: Int, what: String) {
        self.node = node
        self.path = path
        self.lineOffset = lineOffset
        if case let .mapping(mapping) = node {
            self.mapping = mapping
            keys = mapping.indices.map { index in
                // A scalar key's string, without `Node.string`'s search of merge keys (only mappings have them).
                let key = mapping[index].key
                if case let .scalar(scalar) = key { return scalar.string }
                return key.string ?? ""
            }
        } else {
            mapping = Node.Mapping([])
            keys = []
            diagnostics.append(
                .error("yaml-type", at: node.location(in: path, lineOffset: lineOffset), "\(what) must be a mapping of keys to values"))
        }
    }

    /// The location of a node.
    func location(of node: Node) -> SourceLocation { node.location(in: path, lineOffset: lineOffset) }

    /// The location of the whole mapping.
    var location: SourceLocation { location(of: node) }

    /// The raw value node of `key`, if present (and not null).
    mutating func value(_ key: String) -> Node? {
        known.append(key)
        guard let index = keys.firstIndex(of: key) else { return nil }
        let value = mapping[index].value
        if Self.isNull(value) { return nil }
        return value
    }

    /// `node.null != nil` by Yams' rule (a plain scalar `""`, `~`, `null`, `Null` or
    /// `NULL`), without copying the scalar out and making an `NSNull` for every key read.
    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The location of `key`'s key node (for "missing value" style messages).
    func keyLocation(_ key: String) -> SourceLocation? {
        keys.firstIndex(of: key).map { location(of: mapping[$0].key) }
    }

    /// A scalar string; reports an error if the value is a list or mapping.
    mutating func string(_ key: String) -> (String, SourceLocation)? {
        guard let value = value(key) else { return nil }
        guard case let .scalar(scalar) = value else {
            diagnostics.append(.error("yaml-type", at: location(of: value), "'\(key)' must be a single value, not a list or mapping"))
            return nil
        }
        return (scalar.string, location(of: value))
    }

    /// A list of nodes; a single scalar is reported as an error (write `[a, b]`).
    mutating func list(_ key: String) -> [Node]? {
        guard let value = value(key) else { return nil }
        guard case let .sequence(sequence) = value else {
            diagnostics.append(
                .error("yaml-type", at: location(of: value), "'\(key)' must be a list", notes: ["write \(key): [first, second] or one '- item' per line"]))
            return nil
        }
        return Array(sequence)
    }

    /// A list of strings, each with its location.
    mutating func strings(_ key: String) -> [(String, SourceLocation)]? {
        guard let items = list(key) else { return nil }
        var result: [(String, SourceLocation)] = []
        for item in items {
            guard case let .scalar(scalar) = item else {
                diagnostics.append(.error("yaml-type", at: location(of: item), "each item of '\(key)' must be a single value"))
                continue
            }
            result.append((scalar.string, location(of: item)))
        }
        return result
    }

    /// An integer.
    mutating func int(_ key: String) -> (Int, SourceLocation)? {
        guard let (text, location) = string(key) else { return nil }
        guard let number = Int(text) else {
            diagnostics.append(.error("yaml-type", at: location, "'\(key)' must be a whole number, not '\(text)'"))
            return nil
        }
        return (number, location)
    }

    /// A boolean (`true`/`false`).
    mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.bool else {
            diagnostics.append(.error("yaml-type", at: location(of: value), "'\(key)' must be true or false"))
            return nil
        }
        return flag
    }

    /// Adds a diagnostic found by the caller.
    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Warns about keys that were never read, suggesting the nearest known key.
    mutating func finish(allowing extra: Set<String> = []) -> Diagnostics {
        for (index, key) in zip(mapping.indices, keys) where !known.contains(key) && !extra.contains(key) {
            var notes: [String] = []
            if let suggestion = Suggestion.closest(to: key, among: known) {
                notes.append("did you mean '\(suggestion)'?")
            }
            diagnostics.append(.warning("unknown-key", at: location(of: mapping[index].key), "unknown key '\(key)' is ignored", notes: notes))
        }
        return diagnostics
    }
}

/// "Did you mean …?" by edit distance.
enum Suggestion {
    /// The candidate closest to `word` within an edit distance of 2, if any.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
