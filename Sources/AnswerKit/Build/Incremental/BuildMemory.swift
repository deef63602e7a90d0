import Foundation

/// What a build leaves behind for the next one in the same process, so that
/// `serve` makes again only what an edit changes (see `Builder.rebuild`).
///
/// It holds the parsed content, the last link tables, each entry's render
/// results, the keys of the pages made (`PageKeys`), the search postings and the
/// serialized replies: about the memory of a full build's peak, kept. It is not
/// written to disk: page keys are per-process hashes, and `answerkit build`
/// skips unchanged builds with `BuildCache` instead.
public struct BuildMemory: Sendable {
    /// Digest of the inputs every page reads (config, theme, options, day, output folder).
    var inputs: Int
    var output: URL
    var configDiagnostics: Diagnostics
    var themeDiagnostics: Diagnostics
    /// Markdown files by content-relative path, with the stamp they had when read.
    var files: [String: SourceFile]
    /// Other content files (copied as they are) and their stamps.
    var assets: [String: FileStamp?]
    var links: LinkTable
    var draftLinks: LinkTable
    var pages: PageRenderer
    /// Published and checked-draft entries: what rendering them left.
    var entries: [EntryKey: EntryRecord]
    /// Key of every list page, by output file.
    var lists: [String: Int]
    var search: SearchIndexSnapshot
    /// Serialized replies of every published entry, and all of them sorted by id.
    var snippets: [EntryKey: [SnippetBundle.SerializedSnippet]]
    var orderedSnippets: [SnippetBundle.SerializedSnippet]
    /// Translations marked stale in the bundle.
    var stale: Set<EntryKey>
    var sitemapKey: Int
    var feedKeys: [String: Int]
    /// The sitemap files written (one, or an index and its parts).
    var sitemapFiles: Set<String>
    var siteFileCount: Int
    /// Files of every build besides pages, site files and content assets (schema,
    /// bundles, theme assets, agent console).
    var fixedFileCount: Int
    /// The outcome of the last successful build.
    var result: BuildResult
    /// Content paths reported changed to builds that failed since: still to look at,
    /// since the watcher will not report them again.
    var pending: Set<String> = []

    /// What the next build needs of one entry.
    struct EntryRecord: Sendable {
        var result: Builder.EntryResult
        /// `PageKeys.entry` when the entry has a page; `nil` when it was only checked (a draft).
        var pageKey: Int?
    }

    /// The entries' records in the order a full build reports their diagnostics.
    func orderedResults(published: [Entry], drafts: [Entry]) -> [Builder.EntryResult] {
        (published + drafts).compactMap { entries[$0.key]?.result }
    }
}

/// Collects, during a full build, what `BuildMemory` is made of. Set only between
/// the parallel stages, on the build's own thread.
public final class BuildRecorder: @unchecked Sendable {
    var sources: (files: [SourceFile], assets: [String])?
    var themeDiagnostics = Diagnostics()
    var site: RecordedSite?
    var entries: (published: [Builder.EntryResult], drafts: [Builder.EntryResult])?
    var search: SearchIndexSnapshot?
    var snippets: [SnippetBundle.EntrySnippets]?

    init() {}
}

/// The site as a full build saw it.
struct RecordedSite: Sendable {
    var content: LoadedContent
    var index: SiteIndex
    var links: LinkTable
    var draftLinks: LinkTable
    var pages: PageRenderer
}

extension Builder {
    /// A digest of what every page reads besides content: `answerkit.yml`'s bytes,
    /// the size and modification time of every theme file, and the options. `nil`
    /// when the theme folder cannot be listed (the build then reports why).
    static func inputsDigest(options: BuildOptions, config: SiteConfig, output: URL) -> Int? {
        var hasher = Hasher()
        hasher.combine(options.includeDrafts)
        hasher.combine(options.strict)
        hasher.combine(options.today)
        hasher.combine(output.standardizedFileURL.path)
        guard let configData = FileManager.default.contents(atPath: options.root.appendingPathComponent(ConfigLoader.fileName).path) else { return nil }
        hasher.combine(configData)
        let templates = config.resolve(config.templatesPath, root: options.root)
        guard let files = try? ContentLoader.discover(templates) else { return nil }
        for file in files {
            hasher.combine(file)
            hasher.combine(FileStamp(path: templates.appendingPathComponent(file).path))
        }
        return hasher.finalize()
    }
}
