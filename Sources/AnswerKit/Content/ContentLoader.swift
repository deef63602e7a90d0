import Foundation

/// Everything `content/` holds, validated: the load and validate stages.
public struct LoadedContent: Sendable {
    /// Valid entries of every status, sorted by locale, category, slug.
    public var entries: [Entry]
    /// Categories of every locale that has entries, sorted by locale, order, title.
    public var categories: [Category]
    /// Files that are not Markdown (images, PDFs), relative to the content folder; copied as they are.
    public var assets: [String]
    /// Problems found in files and across them.
    public var diagnostics: Diagnostics
    /// The problems found across files (duplicate ids, stale translations): the end of `diagnostics`.
    var crossFileDiagnostics = Diagnostics()
}

/// One Markdown file of the content folder as a build read it.
public struct SourceFile: Sendable {
    /// Relative to the content folder.
    public var relative: String
    /// Size and modification time when it was read (`nil` if it could not be stat'ed).
    public var stamp: FileStamp?
    public var result: ContentLoader.FileResult
    /// A hash of the bytes read (`StableHasher`): a save that changed nothing is seen as such.
    public var digest: Int = 0
}

/// Reads `content/` and validates every file.
public enum ContentLoader {
    /// Finds every file under the content folder, relative to it, sorted; hidden files are skipped.
    public static func discover(_ directory: URL) throws(BuildFailure) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildFailure(.missingDirectory(directory.path))
        }
        // A POSIX walk rather than FileManager's enumerator: resource values and
        // symlink resolution for every file took ~5 % of a 10 000-entry build.
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        var paths: [String] = []
        guard walk(base, relative: "", base: base, into: &paths) else {
            throw BuildFailure(.unreadable(directory.path, "cannot list"))
        }
        return paths.sorted()
    }

    /// Appends the regular files under `base/relative` (hidden names skipped; a
    /// symlink counts only if it resolves to a file inside `base`). False if `relative` cannot be listed.
    private static func walk(_ directory: String, relative: String, base: String, into paths: inout [String]) -> Bool {
        guard let handle = opendir(directory) else { return false }
        defer { closedir(handle) }
        var subdirectories: [(String, String)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let full = directory + "/" + name
            let path = relative.isEmpty ? name : relative + "/" + name
            var kind = Int32(entry.pointee.d_type)
            if kind == Int32(DT_LNK) || kind == Int32(DT_UNKNOWN) {
                guard let real = realpath(full, nil) else { continue }
                defer { free(real) }
                let target = String(cString: real)
                guard target.hasPrefix(base + "/") else { continue }
                var info = stat()
                guard stat(target, &info) == 0 else { continue }
                // Like FileManager's enumerator, never descend into a linked folder (no cycles).
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                if isDirectory, entry.pointee.d_type == UInt8(DT_LNK) { continue }
                kind = isDirectory ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0
            }
            if kind == Int32(DT_DIR) {
                subdirectories.append((full, path))
            } else if kind == Int32(DT_REG) {
                paths.append(path)
            }
        }
        for (full, path) in subdirectories where !walk(full, relative: path, base: base, into: &paths) {
            return false
        }
        return true
    }

    /// Reads and validates all content under `root` (the load and validate stages).
    public static func load(root: URL, config: SiteConfig, today: Day) throws(BuildFailure) -> LoadedContent {
        let (files, assets) = try read(root: root, config: config, today: today)
        return assemble(files, assets: assets, config: config)
    }

    /// Reads and parses every Markdown file under the content folder (the load stage
    /// proper); also returns the other files, which are copied as they are.
    public static func read(root: URL, config: SiteConfig, today: Day) throws(BuildFailure) -> (files: [SourceFile], assets: [String]) {
        let directory = config.resolve(config.contentPath, root: root)
        let files = try discover(directory)
        let parser = EntryParser(config: config, today: today)
        let markdown = files.filter { $0.hasSuffix(".md") }
        let results = Parallel.map(markdown) { relative in
            readFile(relative, directory: directory, config: config, parser: parser)
        }
        return (results, files.filter { !$0.hasSuffix(".md") })
    }

    /// How content paths appear in diagnostics: `content/en/a/b.md`, or absolute when the folder is.
    static func displayPrefix(_ config: SiteConfig, directory: URL) -> String {
        config.contentPath.hasPrefix("/") ? directory.path : config.contentPath
    }

    /// Reads and parses one Markdown file, `relative` to the content folder. Its stamp
    /// is taken before reading, so a write that races the read is seen by the next build.
    public static func readFile(_ relative: String, directory: URL, config: SiteConfig, parser: EntryParser) -> SourceFile {
        let full = directory.path + "/" + relative
        let path = "\(displayPrefix(config, directory: directory))/\(relative)"
        let stamp = FileStamp(path: full)
        guard let data = FileManager.default.contents(atPath: full) else {
            return SourceFile(relative: relative, stamp: stamp, result: .failed(Diagnostics([.error("unreadable", at: SourceLocation(path: path), "cannot read file")])))
        }
        var file = SourceFile(relative: relative, stamp: stamp, result: parseFile(data, relative: relative, path: path, parser: parser))
        // Every byte (`Data.hashValue` only reads the first 80), the same in every
        // process: `answerkit build` compares it with the digest its cache kept.
        file.digest = data.withUnsafeBytes { StableHasher.hash(bytes: $0) }
        return file
    }

    /// Puts parsed files (in path order) together and validates them as a whole (the validate stage).
    public static func assemble(_ files: [SourceFile], assets: [String], config: SiteConfig) -> LoadedContent {
        var content = LoadedContent(entries: [], categories: [], assets: assets, diagnostics: Diagnostics())
        for file in files {
            switch file.result {
            case let .entry(entry, diagnostics):
                content.entries.append(entry)
                content.diagnostics.append(contentsOf: diagnostics)
            case let .category(category, diagnostics):
                content.categories.append(category)
                content.diagnostics.append(contentsOf: diagnostics)
            case let .failed(diagnostics):
                content.diagnostics.append(contentsOf: diagnostics)
            }
        }
        content.crossFileDiagnostics = SiteValidator.validate(&content, config: config)
        content.diagnostics.append(contentsOf: content.crossFileDiagnostics)
        return content
    }

    /// What one Markdown file turned out to be.
    public enum FileResult: Sendable {
        case entry(Entry, Diagnostics)
        case category(Category, Diagnostics)
        case failed(Diagnostics)

        /// The file's own problems.
        public var diagnostics: Diagnostics {
            switch self {
            case let .entry(_, diagnostics), let .category(_, diagnostics), let .failed(diagnostics): diagnostics
            }
        }
    }

    /// Decodes, splits and validates one Markdown file (pure).
    public static func parseFile(_ data: Data, relative: String, path: String, parser: EntryParser) -> FileResult {
        let parts = relative.split(separator: "/").map(String.init)
        let top = SourceLocation(path: path, line: 1, column: 1)
        guard parts.count == 3 else {
            return .failed(Diagnostics([.error(
                "misplaced-file", at: SourceLocation(path: path),
                "entries belong at content/<locale>/<category>/<slug>.md",
                notes: ["move this file into a category folder of a locale, e.g. content/\(parser.config.defaultLocale)/general/\(parts.last ?? "")"])]))
        }
        let (locale, category, file) = (parts[0], parts[1], parts[2])
        guard parser.config.locale(locale) != nil else {
            return .failed(Diagnostics([.error(
                "unknown-locale", at: SourceLocation(path: path), "unknown locale '\(locale)'",
                notes: ["configured locales: \(parser.config.locales.map(\.code).joined(separator: ", ")); add it to 'locales' in answerkit.yml"])]))
        }
        let text: String
        switch TextDecoding.decode(data, path: path) {
        case let .failure(diagnostic): return .failed(Diagnostics([diagnostic]))
        case let .success(decoded): text = decoded
        }
        let frontMatter: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split): frontMatter = split
        case .failure(.missing):
            if file == "_index.md" {
                frontMatter = FrontMatter(yaml: nil, yamlLineOffset: 0, body: text, bodyLineOffset: 0)
            } else {
                return .failed(Diagnostics([.missingFrontMatter(at: top)]))
            }
        case .failure(.notClosed): return .failed(Diagnostics([.frontMatterNotClosed(at: top)]))
        }
        if file == "_index.md" {
            return CategoryParser.parse(frontMatter, locale: locale, slug: category, path: path)
        }
        let slug = String(file.dropLast(3))
        var diagnostics = Diagnostics()
        for (name, value) in [("category folder", category), ("file name", slug)] where !Slug.isValid(value) {
            diagnostics.append(.error(
                "bad-slug", at: SourceLocation(path: path), "\(name) '\(value)' is not a valid slug",
                notes: ["use lower-case letters, digits and '-', e.g. '\(Slug.make(value))'"]))
        }
        let (entry, entryDiagnostics) = parser.parse(
            frontMatter, key: EntryKey(locale: locale, category: category, slug: slug), path: path)
        diagnostics.append(contentsOf: entryDiagnostics)
        guard let entry, !diagnostics.hasErrors else { return .failed(diagnostics) }
        return .entry(entry, diagnostics)
    }
}

/// Reads `_index.md` front matter: `title`, `description`, `order`.
enum CategoryParser {
    static func parse(_ frontMatter: FrontMatter, locale: String, slug: String, path: String) -> ContentLoader.FileResult {
        var category = Category(locale: locale, slug: slug)
        category.path = path
        guard let yaml = frontMatter.yaml else { return .category(category, Diagnostics()) }
        let document = YAMLDocument(parsing: yaml, path: path, lineOffset: frontMatter.yamlLineOffset)
        var diagnostics = document.diagnostics
        guard let root = document.root, !diagnostics.hasErrors else {
            return diagnostics.hasErrors ? .failed(diagnostics) : .category(category, diagnostics)
        }
        var reader = MappingReader(root, path: path, lineOffset: frontMatter.yamlLineOffset, what: "front matter")
        if let (title, _) = reader.string("title") { category.title = title }
        if let (description, _) = reader.string("description") { category.description = description }
        if let (order, _) = reader.int("order") { category.order = order }
        diagnostics.append(contentsOf: reader.finish())
        return diagnostics.hasErrors ? .failed(diagnostics) : .category(category, diagnostics)
    }
}
