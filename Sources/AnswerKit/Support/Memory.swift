import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Process memory housekeeping between build stages.
enum Memory {
    /// Hands memory that was freed back to the system. glibc keeps freed blocks in
    /// its per-thread arenas, so after the load and render stages of a 100 000-entry
    /// build (millions of short-lived strings, YAML nodes and cmark trees on two
    /// threads) the resident size stays hundreds of megabytes above what is live;
    /// `malloc_trim` returns those pages. A no-op elsewhere.
    /// Lets go of `value` on a background thread: freeing what a full build kept
    /// (hundreds of thousands of strings and arrays at 10 000 entries) took a tenth
    /// of a second at its end, on one core, before `build` could print and exit.
    static func releaseInBackground<T>(_ value: consuming T) {
        let box = UnsafeSendable(value)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(box) {} }
    }

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
}
