/// Trailing-edge debounce with a ceiling, on a monotonic clock in nanoseconds.
///
/// A batch is due once no event came for `quiet`, or `ceiling` after its first
/// event even if events keep coming (a long copy still gets a first build).
struct Debouncer: Sendable, Equatable {
    var quiet: UInt64
    var ceiling: UInt64
    private(set) var first: UInt64?
    private(set) var last: UInt64?

    init(quiet: Duration, ceiling: Duration = .seconds(1)) {
        self.quiet = Self.nanoseconds(quiet)
        self.ceiling = max(Self.nanoseconds(ceiling), self.quiet)
    }

    /// Notes an event at `now`.
    mutating func record(at now: UInt64) {
        if first == nil { first = now }
        last = now
    }

    /// When the pending batch is due; `nil` when nothing is pending.
    var deadline: UInt64? {
        guard let first, let last else { return nil }
        return min(last + quiet, first + ceiling)
    }

    /// Milliseconds to wait before the batch is due: -1 (forever) when nothing is pending, else at least 0.
    func timeout(at now: UInt64) -> Int32 {
        guard let deadline else { return -1 }
        guard deadline > now else { return 0 }
        return Int32(clamping: (deadline - now + 999_999) / 1_000_000)
    }

    /// Whether the pending batch is due at `now`.
    func isDue(at now: UInt64) -> Bool {
        deadline.map { now >= $0 } ?? false
    }

    /// Starts over after a batch was delivered.
    mutating func reset() {
        first = nil
        last = nil
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}
