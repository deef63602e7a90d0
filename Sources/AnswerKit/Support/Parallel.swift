import Dispatch
import Foundation

/// Runs independent work on all cores.
///
/// `DispatchQueue.concurrentPerform` over chunks rather than a task group: the
/// stages are synchronous CPU work (cmark, Mustache, hashing) with no awaits, and
/// chunking keeps per-item overhead negligible at 100 000 items.
public enum Parallel {
    /// `transform` applied to every element, results in input order.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], chunkSize: Int = 64, _ transform: @Sendable (T) -> R
    ) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultBuffer<R>(count: items.count)
        let chunks = (items.count + chunkSize - 1) / chunkSize
        items.withUnsafeBufferPointer { buffer in
            let input = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * chunkSize
                let end = min(start + chunkSize, items.count)
                for index in start..<end { results.set(index, transform(input.value[index])) }
            }
        }
        return results.values()
    }

    /// `first()` and `second()` run at the same time; both results.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let a = ResultBuffer<A>(count: 1)
        let b = ResultBuffer<B>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { a.set(0, first()) } else { b.set(0, second()) }
        }
        return (a.values()[0], b.values()[0])
    }
}

/// A write-once-per-slot buffer filled from several threads.
///
/// Each index is written by exactly one iteration, so slots never race; the
/// lock-free access is why this is `@unchecked Sendable`.
final class ResultBuffer<R>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: R) { storage[index] = value }

    func values() -> [R] { (0..<count).map { storage[$0]! } }
}

/// Wraps a value whose concurrent read-only use the caller guarantees.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A value guarded by a lock, for accumulating across threads.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
