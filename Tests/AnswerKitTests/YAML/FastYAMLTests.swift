@testable import AnswerKit
import Foundation
import Testing
import Yams

/// A named YAML text, for parameterized tests.
struct YAMLSample: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    var testDescription: String { name }

    init(_ sample: (name: String, yaml: String)) {
        (name, yaml) = sample
    }
}

/// `FastYAML` must give exactly Yams' trees (values, styles, raw tags, marks) or decline.
@Suite struct FastYAMLTests {
    // MARK: - Hand-written cases

    @Test(arguments: FastYAMLSamples.inSubset.map(YAMLSample.init))
    func sameTreeAsYams(_ sample: YAMLSample) throws {
        guard case let .parsed(fast) = FastYAML.compose(sample.yaml) else {
            Issue.record("\(sample.name) is in the subset but was declined")
            return
        }
        let yams = try Yams.compose(yaml: sample.yaml, .basic, .default, .utf8)
        expectSameTree(fast, yams, sample.name)
    }

    @Test(arguments: FastYAMLSamples.outsideSubset.map(YAMLSample.init))
    func declinesYAMLOutsideTheSubset(_ sample: YAMLSample) {
        #expect(isUnsupported(FastYAML.compose(sample.yaml)))
    }

    @Test(arguments: FastYAMLSamples.invalid.map(YAMLSample.init))
    func leavesErrorsToYams(_ sample: YAMLSample) {
        #expect(isUnsupported(FastYAML.compose(sample.yaml)))
        #expect(throws: YamlError.self) { try Yams.compose(yaml: sample.yaml, .basic, .default, .utf8) }
        #expect(YAMLDocument(parsing: sample.yaml, path: "x.md").diagnostics.hasErrors)
    }

    @Test func columnsCountUnicodeScalarsLikeYams() throws {
        // "عنوان" is 5 scalars (10 UTF-8 bytes); "👋" one scalar (two UTF-16 units).
        let yaml = "عنوان: قيمة\n👋: [ש, \"ב ג\"]\n"
        guard case let .parsed(root?) = FastYAML.compose(yaml), case let .mapping(mapping) = root else {
            Issue.record("not parsed")
            return
        }
        #expect(mapping["عنوان"]?.mark.map { [$0.line, $0.column] } == [1, 8])
        let items = try #require(mapping["👋"]?.sequence)
        #expect(items.map { $0.mark?.column } == [5, 8])
        expectSameTree(root, try Yams.compose(yaml: yaml, .basic, .default, .utf8), "columns")
    }

    @Test func emptyValueIsAPlainEmptyScalarMarkedAfterTheIndicator() throws {
        let yaml = "a:\nb: 1\nc:\n  - \n"
        guard case let .parsed(root?) = FastYAML.compose(yaml), case let .mapping(mapping) = root else {
            Issue.record("not parsed")
            return
        }
        let empty = try #require(mapping["a"]?.scalar)
        #expect(empty.string == "" && empty.style == .plain && empty.tag.description == "")
        #expect(empty.mark.map { [$0.line, $0.column] } == [1, 3])
        #expect(mapping["c"]?.sequence?.first?.mark.map { [$0.line, $0.column] } == [4, 4])
        expectSameTree(root, try Yams.compose(yaml: yaml, .basic, .default, .utf8), "empty values")
    }

    @Test func emptyDocumentsHaveNoRoot() {
        for yaml in ["", "\n", "  \n# only a comment\n"] {
            guard case .parsed(nil) = FastYAML.compose(yaml) else {
                Issue.record("\(String(reflecting: yaml)) should parse to no root")
                continue
            }
        }
    }

    @Test func limits() throws {
        let longKey = String(repeating: "k", count: 900)
        let long = "\(longKey): v\n"
        guard case let .parsed(root?) = FastYAML.compose(long) else {
            Issue.record("a 900-character key is in the subset")
            return
        }
        expectSameTree(root, try Yams.compose(yaml: long, .basic, .default, .utf8), "long key")
        #expect(isUnsupported(FastYAML.compose(String(repeating: "k", count: 1100) + ": v\n")))

        func nested(_ depth: Int) -> String {
            (0..<depth).map { String(repeating: " ", count: $0 * 2) + "k\($0):" }.joined(separator: "\n") + " leaf\n"
        }
        guard case let .parsed(deep?) = FastYAML.compose(nested(30)) else {
            Issue.record("30 levels are in the subset")
            return
        }
        expectSameTree(deep, try Yams.compose(yaml: nested(30), .basic, .default, .utf8), "nesting")
        #expect(isUnsupported(FastYAML.compose(nested(70))))

        // More than 16 keys: the duplicate check switches to a set.
        let many = (0..<20).map { "k\($0): v" }.joined(separator: "\n") + "\nk3: again\n"
        #expect(isUnsupported(FastYAML.compose(many)))
    }

    /// The eight-bytes-at-once character check never skips a byte the subset excludes.
    @Test func wordCheckFindsEveryExcludedByte() {
        func excluded(_ b: UInt8) -> Bool { b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xEF }
        var rng = SplitMix64(state: 42)
        for filler: UInt8 in [0x61, 0x20, 0x80, 0xD8, 0xFF] {
            for position in 0..<8 {
                for value in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = value
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(FastYAMLParser.mayHoldExcludedCharacter(word) == excluded(value), "\(bytes)")
                }
            }
        }
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            if bytes.contains(where: excluded) { #expect(FastYAMLParser.mayHoldExcludedCharacter(word), "\(bytes)") }
        }
    }

    @Test func duplicateKeysKeepYamsErrorAndItsRelocation() {
        let document = YAMLDocument(parsing: "title: A\nsummary: B\ntitle: C\n", path: "content/x.md", lineOffset: 1)
        #expect(document.root == nil)
        let diagnostic = document.diagnostics.items.first
        #expect(diagnostic?.location?.line == 4 && diagnostic?.location?.column == 1)
        #expect(diagnostic?.message.contains("duplicate key 'title'") == true)
    }

    // MARK: - Real documents

    /// Every front matter block and YAML file of the repository, and a generated corpus.
    @Test func sameTreesAsYamsOnRealDocuments() throws {
        let repository = Fixtures.repository
        var documents = try frontMatters(under: repository.appendingPathComponent("content"))
        let required = documents.count
        documents += try frontMatters(under: repository.appendingPathComponent("Tests/Fixtures"))
        documents += try yamlFiles(under: repository, named: { $0 == "answerkit.yml" })
        documents += try yamlFiles(under: repository.appendingPathComponent("templates/i18n"), named: { $0.hasSuffix(".yml") })
        documents += try yamlFiles(under: repository.appendingPathComponent("Tests/Fixtures"), named: { $0.hasSuffix(".yml") })
        #expect(documents.count > 100)
        var generated = 0
        if let corpus = try generatedCorpus() {
            let sample = try frontMatters(under: corpus)
            generated = sample.count
            documents += sample
        }
        for (index, (path, yaml)) in documents.enumerated() {
            let yams = Result { try Yams.compose(yaml: yaml, .basic, .default, .utf8) }
            switch (FastYAML.compose(yaml), yams) {
            case (.unsupported, .failure):
                continue
            case (.unsupported, .success):
                // The site's own content and the generated corpus are what builds parse: they must be fast.
                let mustParse = index < required || index >= documents.count - generated
                #expect(!mustParse, "\(path): valid front matter outside the fast subset")
            case let (.parsed, .failure(error)):
                Issue.record("\(path): parsed, but Yams reports \(error)")
            case let (.parsed(fast), .success(yams)):
                expectSameTree(fast, yams, path)
            }
        }
    }

    /// Mutated documents: the fast parser either declines or agrees with Yams, and never accepts
    /// what Yams rejects.
    @Test func mutationsNeverDisagreeWithYams() throws {
        let content = try frontMatters(under: Fixtures.repository.appendingPathComponent("content")).prefix(12).map(\.1)
        let seeds = FastYAMLSamples.inSubset.map(\.yaml) + content
        var rng = SplitMix64(state: 0x5EED)
        var parsed = 0
        for _ in 0..<4000 {
            var text = seeds.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...3, using: &rng) { text = YAMLMutation.mutate(text, using: &rng) }
            guard case let .parsed(fast) = FastYAML.compose(text) else { continue }
            parsed += 1
            do {
                expectSameTree(fast, try Yams.compose(yaml: text, .basic, .default, .utf8), String(reflecting: text))
            } catch {
                Issue.record("parsed \(String(reflecting: text)), which Yams rejects: \(error)")
            }
        }
        // Enough mutants stay in the subset for the comparison to mean something.
        #expect(parsed > 1000)
    }

    // MARK: - Speed (opt-in)

    /// Times both parsers over the 10 000-entry benchmark corpus; prints, asserts nothing about time.
    /// `ANSWERKIT_YAML_BENCH=1 swift test --filter FastYAMLTests/speed` (a release build gives real numbers).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ANSWERKIT_YAML_BENCH"] != nil))
    func speed() throws {
        let root = ProcessInfo.processInfo.environment["ANSWERKIT_YAML_CORPUS"]
            .map { URL(fileURLWithPath: $0) } ?? Fixtures.repository.appendingPathComponent("bench/work/10000/content")
        let documents = try frontMatters(under: root).map(\.1)
        try #require(!documents.isEmpty, "no corpus at \(root.path)")
        let clock = ContinuousClock()
        var yamsNodes = 0
        let yamsTime = try clock.measure {
            for yaml in documents where try Yams.compose(yaml: yaml, .basic, .default, .utf8) != nil { yamsNodes += 1 }
        }
        var fastNodes = 0
        let fastTime = clock.measure {
            for yaml in documents {
                if case .parsed(.some) = FastYAML.compose(yaml) { fastNodes += 1 }
            }
        }
        #expect(fastNodes == yamsNodes)
        let ratio = yamsTime / fastTime
        print("FastYAML: \(documents.count) front matters; Yams \(yamsTime), FastYAML \(fastTime): \(String(format: "%.1f", ratio))× faster")
    }

    // MARK: - Helpers

    private func isUnsupported(_ outcome: FastYAML.Outcome) -> Bool {
        if case .unsupported = outcome { return true }
        return false
    }

    private func expectSameTree(_ fast: Node?, _ yams: Node?, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch (fast, yams) {
        case (nil, nil):
            return
        case let (fast?, yams?):
            if let difference = NodeComparison.firstDifference(fast, yams) {
                Issue.record("\(name): \(difference)", sourceLocation: sourceLocation)
            }
        default:
            Issue.record("\(name): fast \(fast.map(NodeComparison.summary) ?? "nil"), Yams \(yams.map(NodeComparison.summary) ?? "nil")",
                         sourceLocation: sourceLocation)
        }
    }

    /// (path, YAML) of every Markdown file's front matter under `directory`, sorted by path.
    private func frontMatters(under directory: URL) throws -> [(String, String)] {
        try files(under: directory) { $0.hasSuffix(".md") }.compactMap { url in
            // Files that are not UTF-8 (a fixture tests that) never reach the YAML parser.
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                case let .success(frontMatter) = FrontMatter.split(text), let yaml = frontMatter.yaml
            else { return nil }
            return (url.path, yaml)
        }
    }

    private func yamlFiles(under directory: URL, named accept: (String) -> Bool) throws -> [(String, String)] {
        try files(under: directory, named: accept).compactMap { url in
            (try? String(contentsOf: url, encoding: .utf8)).map { (url.path, $0) }
        }
    }

    /// Files under `directory` whose name passes `accept`, skipping build and output folders.
    private func files(under directory: URL, named accept: (String) -> Bool) throws -> [URL] {
        let skipped: Set<String> = [".build", "public", "node_modules", "bench"]
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if skipped.contains(name) || name.hasPrefix(".build") {
                enumerator.skipDescendants()
            } else if accept(name) {
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The benchmark generator's 300-entry corpus (seed 7), generated once into the temporary folder;
    /// `nil` without python3.
    private func generatedCorpus() throws -> URL? {
        let generator = Fixtures.repository.appendingPathComponent("bench/generate.py")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            FileManager.default.fileExists(atPath: generator.path)
        else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-fastyaml-corpus-300-7")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [generator.path, "--entries", "300", "--seed", "7", "--jobs", "1", "--reuse", "--out", output.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "bench/generate.py failed")
        return output
    }
}
