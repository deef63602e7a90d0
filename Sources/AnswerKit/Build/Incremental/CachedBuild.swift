import Foundation

extension Builder {
    /// `answerkit build` with its cache (`options.useCache`): builds only what changed
    /// since the last build into `output`, in a new process, as `serve` does in one.
    ///
    /// 1. The memory the last build left (`PersistedMemory`) is read; when there is
    ///    none, or it is unreadable, from another binary, for other inputs (config,
    ///    theme, options, output) or for an output folder that changed since, the
    ///    build is a full one and its report says why (`fullBuildReason`).
    /// 2. Otherwise `memory.bin` is set aside (the output is about to change, and a
    ///    build stopped halfway must not leave a cache claiming it), the incremental
    ///    update runs (`IncrementalUpdate`, atomic per file), and the new memory is
    ///    written; a build with errors writes nothing and puts the old cache back.
    /// 3. A full build streams each locale's search postings to the cache as it goes,
    ///    swaps the output in, then writes `memory.bin`.
    static func cachedBuild(
        _ options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, output: URL, fingerprint: String?, clock: StageClock
    ) throws(BuildFailure) -> BuildResult {
        var clock = clock
        let folder = CacheFolder(root: options.root, output: output)
        // The record of the last build no longer describes the output once this one starts.
        BuildCache.forget(root: options.root, output: output)
        let inputs = clock.measure("cache-check") { inputsDigest(options: options, config: config, output: output) }
        var reason = "--force"
        var memory: BuildMemory?
        if !options.force {
            do throws(CacheError) {
                let loaded = try PersistedMemory.load(
                    from: folder, options: options, config: config, configDiagnostics: configDiagnostics, output: output, clock: &clock)
                guard let inputs, loaded.inputs == inputs else { throw CacheError("answerkit.yml, the theme, the options or the day (review dates) changed") }
                memory = loaded
            } catch {
                reason = error.description
            }
        }
        if let memory = memory.take() {
            return try incremental(options, config: config, configDiagnostics: configDiagnostics, memory: memory, folder: folder, fingerprint: fingerprint, clock: clock)
        }
        return try fullCachedBuild(
            options, config: config, configDiagnostics: configDiagnostics, output: output, inputs: inputs, folder: folder, fingerprint: fingerprint,
            reason: reason, clock: clock)
    }

    private static func incremental(
        _ options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, memory: consuming BuildMemory, folder: CacheFolder,
        fingerprint: String?, clock: StageClock
    ) throws(BuildFailure) -> BuildResult {
        // Set aside while the output changes; back in place if nothing was written.
        let aside = CacheFolder.temporary(folder.memory).appendingPathExtension("old")
        guard rename(folder.memory.path, aside.path) == 0 else { throw BuildFailure(.unwritable(folder.memory.path, String(cString: strerror(errno)))) }
        let update = IncrementalUpdate(options: options, config: config, configDiagnostics: configDiagnostics, memory: consume memory, clock: clock)
        var result: BuildResult
        var next: BuildMemory?
        do {
            (result, next) = try update.run(changed: nil)
        } catch {
            unlink(aside.path)
            throw error
        }
        guard result.succeeded, let next = next.take() else {
            rename(aside.path, folder.memory.path)
            return result
        }
        unlink(aside.path)
        var clock = StageClock()
        clock.measure("cache-write") {
            guard let identity = BuildCache.identity(of: next.output) else { return }
            // Best effort: a cache that cannot be written costs the next build a full one.
            try? PersistedMemory.save(next, to: folder, outputIdentity: identity)
            if let fingerprint { BuildCache.store(fingerprint, root: options.root, output: next.output, result: result) }
        }
        result.report.stages += clock.stages
        // The last build's memory and this one's (the whole site, twice): freeing them
        // took about a second at 100 000 entries, on one core, before `build` could
        // print and exit.
        Memory.releaseInBackground((consume update, consume next))
        return result
    }

    private static func fullCachedBuild(
        _ options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, output: URL, inputs: Int?, folder: CacheFolder,
        fingerprint: String?, reason: String, clock: StageClock
    ) throws(BuildFailure) -> BuildResult {
        var clock = clock
        let session = inputs == nil ? nil : try? CacheSession(folder: folder)
        let recorder = BuildRecorder()
        if let session {
            recorder.persistSearch = { session.persistSearch($0, $1) }
            recorder.persistReplies = { session.repliesWriter() }
            recorder.persistSources = { session.persistSources($0) }
        }
        let sink = try StagedDirectory(destination: output)
        var result: BuildResult
        do {
            result = try run(options, config: config, diagnostics: configDiagnostics, sink: sink, clock: &clock, recorder: session == nil ? nil : recorder)
        } catch {
            sink.discard()
            session?.discard()
            throw error
        }
        guard result.succeeded else {
            sink.discard()
            session?.discard()
            result.report.stages = clock.stages
            return result
        }
        // The old cache describes the old output: gone before the new one is swapped in.
        folder.invalidate()
        let previous = try clock.measure("write") { () throws(BuildFailure) in try sink.commitKeepingPrevious() }
        result.report.output = output
        var incremental = IncrementalReport()
        incremental.fullBuildReason = reason
        // The previous build is deleted while the cache is written.
        let removal = session?.superseded ?? DeferredRemoval()
        if let previous { removal.remove(previous.path) }
        clock.measure("cache-write") {
            // The no-change record (JSON with every diagnostic: 60 ms for 10 000 warnings)
            // is written beside the build's memory.
            let result = result
            let store = DispatchGroup()
            if let fingerprint {
                DispatchQueue.global(qos: .userInitiated).async(group: store) { BuildCache.store(fingerprint, root: options.root, output: output, result: result) }
            }
            if let session, let inputs, let identity = BuildCache.identity(of: output) {
                do throws(CacheError) {
                    try session.commit(recorder, root: options.root, inputs: inputs, result: result, outputIdentity: identity)
                } catch {
                    session.discard()
                    folder.invalidate()
                }
            } else {
                session?.discard()
            }
            store.wait()
        }
        clock.measure("write") { removal.wait() }
        result.report.incremental = incremental
        result.report.stages = clock.stages
        Memory.releaseInBackground(consume recorder)
        return result
    }
}
