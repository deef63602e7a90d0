/// One problem found in the site's input, with where it is and how bad it is.
///
/// Every stage reports problems as values of this one type; they are printed
/// compiler-style (`content/x.md:4:7: error: …`) so editors can jump to them.
/// The messages themselves are named constructors in extensions beside the code
/// that emits them (see `Diagnostic+Content.swift` and friends).
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// Where the problem is; `nil` for problems of the site as a whole.
    public var location: SourceLocation?
    /// A short, specific, lower-case sentence without a final period.
    public var message: String
    /// Extra lines: hints, the other place of a duplicate, the allowed values.
    public var notes: [String]
    /// A stable machine-readable code (`yaml-syntax`, `unknown-channel`, …).
    public var code: String

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, code: String, at location: SourceLocation?, _ message: String,
        notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.notes = notes
    }

    /// An error at `location`.
    public static func error(
        _ code: String, at location: SourceLocation?, _ message: String, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, at: location, message, notes: notes)
    }

    /// A warning at `location`.
    public static func warning(
        _ code: String, at location: SourceLocation?, _ message: String, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, at: location, message, notes: notes)
    }

    /// The same diagnostic as an error (`--strict` upgrades warnings).
    public var upgradedToError: Diagnostic {
        var copy = self
        copy.severity = .error
        return copy
    }
}

extension Diagnostic: Comparable {
    /// File order: location first (site-wide ones at the top), then message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (l?, r?) where l != r: return l < r
        default: return (lhs.message, lhs.code) < (rhs.message, rhs.code)
        }
    }
}

/// A diagnostic can be the failure of a `Result` (e.g. decoding a file).
extension Diagnostic: Error {}
