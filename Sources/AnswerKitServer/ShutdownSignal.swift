import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for Ctrl-C (SIGINT) or SIGTERM so the server can stop cleanly.
public enum ShutdownSignal {
    /// Returns the first of `signals` delivered to the process.
    ///
    /// The signals are caught through Dispatch sources while waiting; once one
    /// arrives their default action is restored, so a second Ctrl-C during a
    /// slow shutdown still ends the process at once.
    public static func wait(for signals: [Int32] = [SIGINT, SIGTERM]) async -> Int32 {
        await withCheckedContinuation { continuation in
            let sources = Protected<[any DispatchSourceSignal]>([])
            let resumed = Protected(false)
            for number in signals {
                // The default action would end the process before the source sees the signal.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    guard resumed.withLock({ done in defer { done = true }; return !done }) else { return }
                    for source in sources.withLock({ $0 }) { source.cancel() }
                    for number in signals { signal(number, SIG_DFL) }
                    continuation.resume(returning: number)
                }
                sources.withLock { $0.append(source) }
                source.resume()
            }
        }
    }
}
