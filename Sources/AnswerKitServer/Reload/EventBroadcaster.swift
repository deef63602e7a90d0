/// The open event streams of browsers, and the build state new ones are greeted with.
///
/// Status and subscribers live in one actor so that a browser connecting while
/// a build finishes either gets the new build in its greeting or gets the
/// broadcast, never neither.
actor EventBroadcaster {
    /// The build being served and, when the latest build failed, its problems.
    struct Status: Sendable, Equatable {
        var build: String
        var failure: BuildErrorReport?
    }

    private(set) var status: Status
    private var clients: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextID = 0
    private var isFinished = false

    init(status: Status) {
        self.status = status
    }

    /// Number of connected browsers.
    var clientCount: Int { clients.count }

    /// A new stream: the retry interval, `hello`, the current failure if any, then every broadcast.
    func subscribe() -> AsyncStream<[UInt8]> {
        // A browser that stops reading should not make the server hold every event: keep the newest few.
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(16))
        guard !isFinished else {
            continuation.finish()
            return stream
        }
        continuation.yield(ServerSentEvent.retry + ServerSentEvent.hello(build: status.build).encoded)
        if let failure = status.failure { continuation.yield(ServerSentEvent.buildError(failure).encoded) }
        let id = nextID
        nextID += 1
        clients[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    /// A good build is served: remember it and tell every browser to reload.
    func published(build: String) {
        status = Status(build: build, failure: nil)
        send(ServerSentEvent.reload(build: build))
    }

    /// A build failed: remember its problems (the served build is unchanged) and show them.
    func failed(_ report: BuildErrorReport) {
        status.failure = report
        send(ServerSentEvent.buildError(report))
    }

    /// Sends a comment so connections whose browser went away are noticed and closed.
    func keepAlive() {
        send(ServerSentEvent.keepAlive)
    }

    /// Ends every stream (shutdown); later subscribers get an empty stream.
    func finish() {
        isFinished = true
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    private func send(_ event: ServerSentEvent) {
        let bytes = event.encoded
        for continuation in clients.values { continuation.yield(bytes) }
    }

    private func remove(_ id: Int) {
        clients[id] = nil
    }
}
