import Foundation

/// A value guarded by a lock, shared between the request handlers, the watcher
/// thread and the rebuild loop.
///
/// Hand-written over `NSLock` because `Synchronization.Mutex` needs macOS 15
/// and the package supports macOS 14; AnswerKit's own `Locked` is internal.
final class Protected<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the current value.
    var current: Value { withLock { $0 } }
}
