import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// FlyingFox's socket pool with Nagle's algorithm turned off (`TCP_NODELAY`) on every
/// socket it waits for: the listening one (Linux hands the option on to the
/// connections it accepts) and each connection once it waits for its next request.
///
/// FlyingFox writes a response's head and body in two writes; with Nagle's
/// algorithm on, the body waits for the client to acknowledge the head, which
/// browsers delay by up to 40 ms on a kept-alive connection: every page, style
/// sheet and script of a reload paid it. FlyingFox has no option for it, and its
/// pool is the one place that sees every socket.
struct NoDelaySocketPool<Base: AsyncSocketPool>: AsyncSocketPool {
    let base: Base

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var on: Int32 = 1
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
