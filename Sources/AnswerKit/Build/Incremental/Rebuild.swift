import Foundation

extension Builder {
    /// Builds the site again after an edit, making only what the edit changes, and
    /// returns the memory for the next call (`serve`'s loop).
    ///
    /// Without `memory`, or when `answerkit.yml`, a theme file or an option changed,
    /// this is a full build (staged and swapped in, as `build` does). Otherwise:
    ///
    /// 1. Content files whose stamp changed are read again (`changed` narrows the
    ///    files looked at to what the watcher reported, content-relative or
    ///    root-relative; `nil` stats them all).
    /// 2. The content is assembled and validated as a whole (duplicate ids,
    ///    translations), and the site index and link tables made again: cheap,
    ///    and what every dependency below is read from.
    /// 3. An entry page is rendered again when its file changed, when its `PageKeys.entry`
    ///    (translations, category title) changed, or when a path one of its links was
    ///    looked up as changed (`LinkTable.changedPaths`). List pages when their
    ///    `PageKeys.lists` key changed; the sitemap and feeds when theirs did.
    /// 4. The search index updates the shards the changed entries' terms are in; the
    ///    bundles are written again only when a reply changed.
    /// 5. Nothing is written unless the whole build succeeded; then each file is
    ///    replaced atomically (readers of the served folder see the old file or the
    ///    new, never half of one) and pages that no longer exist are removed.
    ///
    /// The output is byte for byte that of a full build of the same input
    /// (IncrementalBuildTests checks it over random edit sequences).
    public static func rebuild(
        _ options: BuildOptions, memory: BuildMemory?, changed: Set<String>? = nil
    ) throws(BuildFailure) -> (result: BuildResult, memory: BuildMemory?) {
        var clock = StageClock()
        let (loadedConfig, configDiagnostics) = ConfigLoader.load(root: options.root)
        guard let config = loadedConfig else {
            return (BuildResult(diagnostics: configDiagnostics, report: BuildReport()), memory)
        }
        let output = options.output ?? config.resolve(config.publicPath, root: options.root)
        let inputs = clock.measure("inputs") { inputsDigest(options: options, config: config, output: output) }
        var isDirectory: ObjCBool = false
        let outputExists = FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) && isDirectory.boolValue
        guard let memory, let inputs, memory.inputs == inputs, outputExists else {
            let reason = memory == nil ? nil : !outputExists ? "the output folder is gone" : "answerkit.yml or the theme changed"
            return try fullRebuild(options, config: config, configDiagnostics: configDiagnostics, output: output, inputs: inputs, reason: reason, clock: clock)
        }
        let update = IncrementalUpdate(options: options, config: config, configDiagnostics: configDiagnostics, memory: memory, clock: clock)
        return try update.run(changed: changed)
    }

    /// A full build into `output` that also records the memory for the next rebuild.
    static func fullRebuild(
        _ options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, output: URL, inputs: Int?, reason: String?, clock: StageClock
    ) throws(BuildFailure) -> (result: BuildResult, memory: BuildMemory?) {
        var clock = clock
        let recorder = BuildRecorder()
        let sink = try StagedDirectory(destination: output)
        var result: BuildResult
        do {
            result = try run(options, config: config, diagnostics: configDiagnostics, sink: sink, clock: &clock, recorder: recorder)
        } catch {
            sink.discard()
            throw error
        }
        guard result.succeeded else {
            sink.discard()
            result.report.stages = clock.stages
            return (result, nil)
        }
        try clock.measure("write") { () throws(BuildFailure) in try sink.commit() }
        result.report.output = output
        result.report.stages = clock.stages
        if let reason {
            var incremental = IncrementalReport()
            incremental.fullBuildReason = reason
            result.report.incremental = incremental
        }
        guard let inputs, let memory = BuildMemory(recorder, root: options.root, inputs: inputs, output: output, configDiagnostics: configDiagnostics, result: result) else {
            return (result, nil)
        }
        return (result, memory)
    }
}
