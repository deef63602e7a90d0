import Foundation

/// How to run the pipeline.
public struct BuildOptions: Sendable {
    /// The site root (holds `answerkit.yml`).
    public var root: URL
    /// Output folder instead of the configured `paths.public`.
    public var output: URL?
    /// Publish drafts too (`serve --drafts`, `build --drafts`).
    public var includeDrafts = false
    /// Treat warnings as errors.
    public var strict = false
    /// The day expiry is judged against (`SOURCE_DATE_EPOCH` or today).
    public var today: Day
    /// Write the output (`build`) or only check (`check`).
    public var write = true
    /// Use the build cache (`answerkit build`): skip the build when nothing it reads
    /// changed since the last build into the same output (`BuildCache`), else build
    /// only what changed (`Builder.cachedBuild`), and leave a cache for the next build.
    public var useCache = false
    /// With `useCache`: build everything whatever the cache says (`--force`); the
    /// cache is written afresh.
    public var force = false
    /// Analyse entries and write `search/` (off only for benchmarks: `build
    /// --no-search-index` measures what the index adds to a build; never with `useCache`).
    public var searchIndex = true

    public init(root: URL, today: Day = .today()) {
        self.root = root
        self.today = today
    }
}

/// What a build did, for the summary line and `--timings`.
public struct BuildReport: Sendable {
    /// Entries on the site.
    public var entries = 0
    /// HTML pages written.
    public var pages = 0
    /// Replies in the bundle.
    public var replies = 0
    /// All files written.
    public var files = 0
    /// Wall-clock seconds of each stage, in execution order.
    public var stages: [BuildStage] = []
    /// CPU seconds (all threads) spent analysing and indexing for search, most of it
    /// inside the render stage.
    public var searchCPUSeconds: Double = 0
    /// Where the site went (`nil` when nothing was written).
    public var output: URL?
    /// Nothing was built: no input changed since the last build into `output`.
    public var upToDate = false
    /// For an incremental build (`serve`, `build` with its cache): what it made again;
    /// for a full build that could have been incremental, why it was not (`fullBuildReason`).
    public var incremental: IncrementalReport?

    public init() {}

    /// Total seconds.
    public var seconds: Double { stages.reduce(0) { $0 + $1.seconds } }
}

/// The outcome of a build: its diagnostics and report.
public struct BuildResult: Sendable {
    public var diagnostics: Diagnostics
    public var report: BuildReport
    /// Whether the site was built (no errors after `--strict`).
    public var succeeded: Bool { !diagnostics.hasErrors }

    public init(diagnostics: Diagnostics, report: BuildReport) {
        self.diagnostics = diagnostics
        self.report = report
    }
}

/// What an incremental build did.
public struct IncrementalReport: Sendable, Equatable {
    /// Content files read again.
    public var sourcesRead = 0
    /// Pages rendered again (entries and lists).
    public var pagesRendered = 0
    /// Files written and removed.
    public var filesWritten = 0
    public var filesRemoved = 0
    /// Every change was an in-place edit of entries (the fast path, see `IncrementalUpdate.inPlace`).
    public var inPlace = false
    /// Why every page was made again, when it was (`config or theme changed`).
    public var fullBuildReason: String?

    public init() {}
}
