import Crypto
import Foundation

/// Lets `answerkit build` skip a build whose inputs have not changed since the last
/// successful build into the same output folder, the way `make` does.
///
/// The fingerprint covers everything the output depends on: the AnswerKit binary
/// (path, size, modification time), the build options and the day review dates are
/// judged against, `answerkit.yml`'s bytes, and the size and modification time of
/// every file under the content and templates folders (a stat each, no reading:
/// ~20 ms at 10 000 entries). The output folder's own identity (inode and
/// modification time, which the atomic swap renews) is recorded too, so a deleted
/// or replaced `public/` is rebuilt. Edits inside `public/` are not detected:
/// `build --force` rebuilds regardless.
///
/// Records live in `<root>/.answerkit-cache/` (ignored by git), one per output folder.
/// A build that does have work to do goes through the persisted memory of the last
/// build instead (`Builder.cachedBuild`, `PersistedMemory`), in the same folder;
/// this record only answers the no-change case without reading that memory.
enum BuildCache {
    /// The record's file is two JSON documents, a line each: the header, then the
    /// diagnostics, decoded only once the header matches (10 000 warnings are 2 MB).
    struct Record {
        var header: Header
        var diagnostics: Diagnostics
        var fingerprint: String { header.fingerprint }
        var entries: Int { header.entries }
        var pages: Int { header.pages }
        var replies: Int { header.replies }
        var files: Int { header.files }
    }

    struct Header: Codable {
        var fingerprint: String
        var output: String
        var entries: Int
        var pages: Int
        var replies: Int
        var files: Int
    }

    /// The fingerprint of a build's inputs, or `nil` when some input cannot be listed.
    static func fingerprint(options: BuildOptions, config: SiteConfig, output: URL) -> String? {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Array(text.utf8) + [0]) }
        add("answerkit \(Builder.version)")
        if let executable = Bundle.main.executableURL ?? URL(string: CommandLine.arguments[0]) {
            add(stamp(executable.path) ?? "no-binary")
        }
        add("drafts=\(options.includeDrafts) strict=\(options.strict) today=\(options.today) output=\(output.standardizedFileURL.path)")
        guard let configData = FileManager.default.contents(atPath: options.root.appendingPathComponent(ConfigLoader.fileName).path) else { return nil }
        hasher.update(data: configData)
        for folder in [config.resolve(config.contentPath, root: options.root), config.resolve(config.templatesPath, root: options.root)] {
            guard let files = try? ContentLoader.discover(folder) else { return nil }
            let folderPath = folder.path
            add(folderPath)
            for file in files {
                // Joined as text: `URL.appendingPathComponent` stats the path (half of this function's time).
                guard let stamp = stamp(folderPath + "/" + file) else { return nil }
                add(file)
                add(stamp)
            }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The previous build's record when it was made from `fingerprint` into the same, untouched output.
    static func lookup(_ fingerprint: String, root: URL, output: URL) -> Record? {
        // Checked before the record is decoded (with 10 000 warnings it is 2 MB of JSON).
        guard let current = identity(of: output),
            let data = FileManager.default.contents(atPath: recordFile(root: root, output: output).path),
            let newline = data.firstIndex(of: 0x0A),
            let header = try? JSONDecoder().decode(Header.self, from: data[..<newline]),
            header.fingerprint == fingerprint, header.output == current,
            let diagnostics = try? JSONDecoder().decode(Diagnostics.self, from: data[(newline + 1)...])
        else { return nil }
        return Record(header: header, diagnostics: diagnostics)
    }

    /// Remembers a successful build (best effort: a cache that cannot be written only costs a rebuild).
    static func store(_ fingerprint: String, root: URL, output: URL, result: BuildResult) {
        guard let identity = identity(of: output) else { return }
        let report = result.report
        let header = Header(
            fingerprint: fingerprint, output: identity, entries: report.entries, pages: report.pages, replies: report.replies, files: report.files)
        let file = recordFile(root: root, output: output)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // JSONEncoder escapes line breaks inside strings: each document stays on one line.
        guard let head = try? JSONEncoder().encode(header), let tail = try? JSONEncoder().encode(result.diagnostics) else { return }
        try? (head + [0x0A] + tail).write(to: file, options: .atomic)
    }

    /// Forgets the record of `output` (a build into it is starting).
    static func forget(root: URL, output: URL) {
        unlink(recordFile(root: root, output: output).path)
    }

    static func recordFile(root: URL, output: URL) -> URL {
        let name = SHA256.hash(data: Data(output.standardizedFileURL.path.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return root.appendingPathComponent(".answerkit-cache/build-\(name).json")
    }

    /// A file's size, modification time (nanoseconds) and inode (`FileStamp`).
    static func stamp(_ path: String) -> String? {
        FileStamp(path: path)?.description
    }

    /// The output folder's inode and modification time (new after every atomic swap).
    static func identity(of folder: URL) -> String? {
        var info = stat()
        guard stat(folder.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return "\(info.st_ino):\(modified(info))"
    }

    private static func modified(_ info: stat) -> String {
        #if os(Linux)
        "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        #else
        "\(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)"
        #endif
    }
}
