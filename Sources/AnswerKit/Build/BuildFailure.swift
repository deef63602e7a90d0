/// The tool itself failed (as opposed to problems in the site's input, which are diagnostics).
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable {
        /// A folder that must exist does not.
        case missingDirectory(String)
        /// A file or folder could not be read.
        case unreadable(String, String)
        /// Output could not be written (disk full, permissions).
        case unwritable(String, String)
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .missingDirectory(path): "folder not found: \(path)"
        case let .unreadable(path, why): "cannot read \(path): \(why)"
        case let .unwritable(path, why): "cannot write \(path): \(why)"
        }
    }
}
