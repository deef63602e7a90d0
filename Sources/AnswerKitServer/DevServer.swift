import AnswerKit
import FlyingFox
import FlyingSocks
import Foundation

/// `answerkit serve`: builds the site into a folder of its own, serves it,
/// rebuilds on every change and tells open browsers to reload.
///
/// Phases, in order: check the options → listen → watch → first build; then
/// each batch of changes runs one rebuild (batches arriving during a build are
/// merged into the next). A failed build leaves the served folder as it was
/// (the builder swaps a staged folder in only on success) and sends the
/// problems to the browsers, which show them over the page.
public actor DevServer {
    public nonisolated let options: ServeOptions
    private nonisolated let rebuilder: SiteRebuilder
    private let report: @Sendable (ServeEvent) -> Void
    private let site: Protected<ServedSite>
    private let events: EventBroadcaster
    /// Distinguishes builds of this process from those of an earlier one, so
    /// pages opened before a restart reload once the new server is up.
    private let instance = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private var buildNumber = 0
    private var server: HTTPServer?
    private var serverTask: Task<Void, Never>?
    private var keepAliveTask: Task<Void, Never>?
    private var watcher: (any FileWatcher)?
    private var plan: WatchPlan?
    private var pending: ChangeSet?
    private var rebuildTask: Task<Void, Never>?
    private var isStopping = false
    /// The last build failed: the pages show its problems until a build succeeds.
    private var showsFailure = false
    /// The address browsers use, set once listening: `http://127.0.0.1:1313/help/`.
    public private(set) var url: String?
    /// The port listened on (useful with port 0).
    public private(set) var port: UInt16?

    /// A server for `options`; `report` receives what the terminal should show.
    public init(options: ServeOptions, report: @escaping @Sendable (ServeEvent) -> Void) {
        self.options = options
        self.report = report
        rebuilder = SiteRebuilder(options: options)
        let token = "\(instance)-0"
        site = Protected(ServedSite(root: options.outputDirectory, basePath: "/", build: token))
        events = EventBroadcaster(status: .init(build: token))
    }

    // MARK: - Start and stop

    /// Listens, starts watching and runs the first build; returns the site's URL.
    ///
    /// A first build with errors does not stop the server: the problems show in
    /// the terminal and the browser, and the next save rebuilds.
    @discardableResult
    public func start() async throws(ServeFailure) -> String {
        let root = options.root
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(ConfigLoader.fileName).path) else {
            throw ServeFailure(.notAKnowledgeBase(root.path))
        }
        let config = ConfigLoader.load(root: root).0
        let plan = WatchPlan.make(root: root, config: config)
        if let conflict = options.outputConflict(with: plan) { throw ServeFailure(.unsafeOutput(conflict)) }
        if let config { site.withLock { $0.basePath = config.basePath } }

        let port = try await listen()
        if !options.isLoopback { report(.exposed(host: options.host)) }
        watch(plan)
        changed(ChangeSet(everything: true))
        await waitUntilIdle()

        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let url = "http://\(host):\(port)\(site.current.basePath)"
        self.url = url
        report(.listening(url: url, output: options.outputDirectory, watcher: watcher?.description ?? "nothing"))
        keepAliveTask = Task { [events] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await events.keepAlive()
            }
        }
        return url
    }

    /// Stops watching, lets a running build finish, closes every event stream and the listener.
    public func stop() async {
        guard !isStopping else { return }
        isStopping = true
        watcher?.stop()
        watcher = nil
        await waitUntilIdle()
        keepAliveTask?.cancel()
        await events.finish()
        await server?.stop(timeout: Double(Debouncer.nanoseconds(options.shutdownGrace)) / 1e9)
        await serverTask?.value
        server = nil
        report(.stopped)
    }

    /// Binds the port and starts answering requests; returns the port.
    private func listen() async throws(ServeFailure) -> UInt16 {
        let display = "\(options.host):\(options.port)"
        let address: any SocketAddress
        do {
            address = try Self.address(host: options.host, port: options.port)
        } catch {
            throw ServeFailure(.invalidHost(options.host))
        }
        let server = HTTPServer(
            config: HTTPServer.Configuration(
                address: address, timeout: 30, pool: NoDelaySocketPool(base: HTTPServer.defaultPool()), logger: .disabled),
            handler: SiteHandler(site: site, events: events))
        // `run()` only returns when the server stops, and throws when binding fails;
        // whichever comes first of "listening" and "failed" decides.
        let (outcomes, continuation) = AsyncStream.makeStream(of: String?.self)
        serverTask = Task {
            do { try await server.run() } catch { continuation.yield(error.localizedDescription) }
            continuation.finish()
        }
        let waiting = Task {
            do {
                try await server.waitUntilListening(timeout: 60)
                continuation.yield(nil)
            } catch {
                continuation.yield("not listening after 60 s")
            }
        }
        var iterator = outcomes.makeAsyncIterator()
        let failure = await iterator.next() ?? "the server stopped"
        waiting.cancel()
        if let failure {
            await server.stop()
            throw ServeFailure(.cannotListen(display, failure))
        }
        self.server = server
        guard let port = await Self.port(of: server) else { throw ServeFailure(.cannotListen(display, "no listening address")) }
        self.port = port
        return port
    }

    // MARK: - Watching and rebuilding

    /// Starts a watcher for `plan`, replacing the current one when the plan changed.
    private func watch(_ plan: WatchPlan) {
        guard plan != self.plan, !isStopping else { return }
        watcher?.stop()
        let (watcher, fallback) = FileWatchers.make(
            plan: plan, polling: options.polling, debounce: options.debounce, pollInterval: options.pollInterval)
        if let fallback { report(.watcherFallback(reason: fallback)) }
        watcher.start { [weak self] changes in
            Task { await self?.changed(changes) }
        }
        self.watcher = watcher
        self.plan = plan
    }

    /// Queues `changes`; starts a rebuild unless one is running (it will pick them up).
    func changed(_ changes: ChangeSet) {
        guard !isStopping else { return }
        pending = pending?.merged(with: changes) ?? changes
        guard rebuildTask == nil else { return }
        rebuildTask = Task {
            while let next = takePending() { await rebuild(after: next) }
        }
    }

    private func takePending() -> ChangeSet? {
        guard let next = pending, !isStopping else {
            rebuildTask = nil
            return nil
        }
        pending = nil
        return next
    }

    /// Waits until no rebuild is running or queued.
    func waitUntilIdle() async {
        while let task = rebuildTask { await task.value }
    }

    /// One build, then what follows from it: serve it and reload, or show its problems.
    private func rebuild(after changes: ChangeSet) async {
        let first = buildNumber == 0 && changes.everything && changes.paths.isEmpty
        let rebuilder = self.rebuilder
        let start = DispatchTime.now().uptimeNanoseconds
        // The builder is synchronous CPU work on all cores: run it on a Dispatch
        // thread, not on one of the few threads of Swift's cooperative pool.
        let (outcome, config) = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: rebuilder.build(after: changes)) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cause = first ? nil : changes
        switch outcome {
        case let .built(result, _) where result.report.upToDate && !showsFailure && buildNumber > 0:
            // Saved without a change (same bytes): nothing to reload.
            report(.built(result.report, warnings: Diagnostics(), changes: cause, seconds: seconds))
        case let .built(result, basePath):
            showsFailure = false
            buildNumber += 1
            let token = "\(instance)-\(buildNumber)"
            site.withLock {
                $0.basePath = basePath
                $0.build = token
            }
            await events.published(build: token)
            report(.built(result.report, warnings: result.diagnostics, changes: cause, seconds: seconds))
        case let .failed(diagnostics):
            showsFailure = true
            // The terminal first, then browsers: whoever sees the overlay finds the
            // same lines in the terminal already (and tests can rely on the order).
            report(.failed(diagnostics, changes: cause))
            await events.failed(BuildErrorReport(diagnostics))
        case let .toolFailure(failure):
            showsFailure = true
            report(.toolFailure(failure))
            await events.failed(BuildErrorReport(Diagnostics([.error("build-failure", at: nil, failure.description)])))
        }
        // answerkit.yml may have moved the content or template folder.
        if let config, plan != nil { watch(WatchPlan.make(root: options.root, config: config)) }
    }

    // MARK: - Addresses

    /// The socket address of `host`: IPv4, IPv6 or `localhost` (127.0.0.1).
    static func address(host: String, port: UInt16) throws -> any SocketAddress {
        if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
        if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
        return try sockaddr_in.inet(ip4: host, port: port)
    }

    private static func port(of server: HTTPServer) async -> UInt16? {
        switch await server.listeningAddress {
        case let .ip4(_, port), let .ip6(_, port): port
        default: nil
        }
    }
}

extension ServeOptions {
    /// Why the output folder cannot be used: it is the site root or holds it, or it
    /// overlaps a watched source. The builder replaces the output folder as a
    /// whole, and building into a watched folder would rebuild forever.
    func outputConflict(with plan: WatchPlan) -> String? {
        let output = outputDirectory.path
        if output == root.path || root.path.hasPrefix(output + "/") {
            return "the output folder \(output) holds the knowledge base itself; pick a folder of its own with --output"
        }
        for source in plan.trees + plan.files
        where output == source.path || output.hasPrefix(source.path + "/") || source.path.hasPrefix(output + "/") {
            return "the output folder \(output) overlaps \(plan.relative(source.path)); pick a folder of its own with --output"
        }
        return nil
    }
}
