import FlyingSocks

/// An endless response body: the bytes of server-sent events as they are broadcast.
///
/// FlyingFox streams any `AsyncBufferedSequence<UInt8>` of unknown length with
/// chunked transfer encoding; this adapts the `AsyncStream` a client gets from
/// `EventBroadcaster` to that protocol. The body ends when the stream is
/// finished (server shutdown).
struct EventStreamBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        /// Up to `count` bytes of the current event; waits for the next event when none is left.
        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let event = await base.next() else { return nil }
                pending = event[...]
            }
            let buffer = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(buffer.count)
            return buffer
        }
    }
}
