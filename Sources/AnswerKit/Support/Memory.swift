import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Process memory housekeeping between build stages.
enum Memory {
    /// Lets go of `value` on a background thread: freeing what a full build kept
    /// (hundreds of thousands of strings and arrays at 10 000 entries) took a tenth
    /// of a second at its end, on one core, before `build` could print and exit.
    /// Whatever else still refers to `value` keeps it alive as before.
    static func releaseInBackground<T>(_ value: consuming T) {
        let box = UnsafeSendable(value)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(box) {} }
    }

    /// Hands memory that was freed back to the system. glibc keeps freed blocks in
    /// its per-thread arenas, so after the load and render stages of a 100 000-entry
    /// build (millions of short-lived strings, YAML nodes and cmark trees on two
    /// threads) the resident size stays hundreds of megabytes above what is live;
    /// `malloc_trim` returns those pages. A no-op elsewhere.
    static func releaseFreed() {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: look the function up once.
        if let trim { _ = trim(0) }
        #endif
    }

    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    #endif

    /// The resident size of the process in bytes (`/proc/self/statm`); `nil` where unknown.
    static func residentBytes() -> Int? {
        #if os(Linux)
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        // "size resident shared …", in pages.
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return nil
        #endif
    }

    /// Releases freed memory during a long parallel stage, whenever the resident size
    /// has grown by `threshold` bytes since the last release.
    ///
    /// Rendering 100 000 pages on two threads frees as much as it keeps, in blocks
    /// scattered among the long-lived ones (render results, search postings), and glibc
    /// reuses them only in part: without this the resident size of the render stage
    /// ends ~450 MB above what is live. `note()` is cheap (it reads the resident size
    /// every `interval` calls); a release costs tens of milliseconds at that size.
    final class Releaser: Sendable {
        private let threshold: Int
        private let interval: Int
        /// Calls so far, and the resident size after the last release.
        private let state: Locked<(calls: Int, baseline: Int)>

        init(threshold: Int = 128 << 20, interval: Int = 256) {
            self.threshold = threshold
            self.interval = interval
            state = Locked((0, Memory.residentBytes() ?? 0))
        }

        /// Counts one unit of work; checks the resident size every `interval`.
        func note() {
            let check = state.withLock { state -> Bool in
                state.calls += 1
                return state.calls % interval == 0
            }
            guard check, let resident = Memory.residentBytes() else { return }
            let release = state.withLock { state -> Bool in
                guard resident > state.baseline &+ threshold else { return false }
                state.baseline = .max  // one release at a time
                return true
            }
            guard release else { return }
            Memory.releaseFreed()
            let after = Memory.residentBytes() ?? resident
            state.withLock { $0.baseline = after }
        }
    }
}
