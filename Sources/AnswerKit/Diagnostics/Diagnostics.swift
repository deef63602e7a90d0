/// An ordered collection of diagnostics, as returned by every pipeline stage.
///
/// Stages return their diagnostics beside their value (`(value, Diagnostics)`),
/// the orchestrator concatenates them, and the edge prints them all at once.
public struct Diagnostics: Sendable, Hashable, Codable {
    /// The diagnostics in the order they were reported.
    public private(set) var items: [Diagnostic] = []

    /// An empty collection.
    public init() {}

    /// A collection holding `items`.
    public init(_ items: [Diagnostic]) {
        self.items = items
    }

    /// Adds one diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    /// Adds every diagnostic of `other`.
    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
    }

    /// Adds a sequence of diagnostics.
    public mutating func append(contentsOf other: some Sequence<Diagnostic>) {
        items.append(contentsOf: other)
    }

    /// Number of errors.
    public var errorCount: Int { items.count { $0.severity == .error } }
    /// Number of warnings.
    public var warningCount: Int { items.count { $0.severity == .warning } }
    /// Whether any error was reported.
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    /// Whether nothing at all was reported.
    public var isEmpty: Bool { items.isEmpty }

    /// The diagnostics sorted in file order, duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.sorted().filter { seen.insert($0).inserted }
    }

    /// Warnings turned into errors, for `--strict`.
    public var strict: Diagnostics {
        Diagnostics(items.map(\.upgradedToError))
    }
}
