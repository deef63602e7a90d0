@testable import AnswerKit
import Foundation
import Testing

/// `Builder.rebuild` after random edit sequences gives, byte for byte, what a
/// fresh full build of the same content gives, and does less work doing it.
@Suite struct IncrementalBuildTests {
    /// An entry file the test can rewrite.
    struct EntryModel {
        var locale: String
        var category: String
        var slug: String
        var id: String
        var title: String
        var summary: String
        var tags: [String]
        var status: String
        var approvedOn: Int
        var reply: String
        var paragraphs: [String]
        var links: [String]
        var path: String { "content/\(locale)/\(category)/\(slug).md" }

        var text: String {
            var lines = ["---", "id: \(id)", "title: \"\(title)\""]
            if !summary.isEmpty { lines.append("summary: \"\(summary)\"") }
            lines.append("tags: [\(tags.joined(separator: ", "))]")
            lines.append("status: \(status)")
            if status == "approved" || approvedOn > 0 {
                lines += ["approved_by: Billing team", "approved_on: 2026-10-\(String(format: "%02d", max(approvedOn, 1)))", "review_by: 2027-06-01"]
            }
            lines += ["replies:", "  - channel: twitter", "    kind: answer", "    text: \"Hi {{name}}, \(reply)\"", "---"]
            var body = paragraphs.joined(separator: "\n\n")
            if !links.isEmpty { body += "\n\nSee " + links.map { "[this](\($0))" }.joined(separator: " and ") + "." }
            return lines.joined(separator: "\n") + "\n" + body + "\n"
        }
    }

    static let words: [String: [String]] = [
        "en": ["refund", "delivery", "parcel", "invoice", "account", "password", "card", "courier", "return", "voucher"],
        "fr": ["remboursement", "livraison", "colis", "facture", "compte", "carte", "retour", "l'envoi", "d'achat", "bon"],
        "ar": ["استرداد", "الطلب", "الشحنة", "فاتورة", "الحساب", "كلمة", "البطاقة", "المندوب", "إرجاع", "قسيمة"],
    ]
    static let categories = ["billing", "orders", "account"]
    static let tags = ["refunds", "money", "shipping", "login", "vip", "Money Back"]

    /// A small site with translations, tags, links and drafts in three locales.
    struct Site {
        var root: URL
        var entries: [String: EntryModel] = [:]
        var random: SplitMix64
        var counter = 0

        init(seed: UInt64) throws {
            root = try Fixtures.temporaryDirectory()
            random = SplitMix64(state: seed)
            let manager = FileManager.default
            try manager.copyItem(at: Fixtures.repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
            try """
                title: Incremental Help
                baseURL: https://example.com/help/
                defaultLocale: en
                locales:
                  - { code: en, name: English, direction: ltr }
                  - { code: fr, name: Français, direction: ltr }
                  - { code: ar, name: العربية, direction: rtl }
                channels:
                  twitter: { limit: 280 }

                """.write(to: root.appendingPathComponent("answerkit.yml"), atomically: true, encoding: .utf8)
            try write("content/en/billing/_index.md", "---\ntitle: Billing\ndescription: Money matters\norder: 1\n---\n")
            try write("content/ar/orders/_index.md", "---\ntitle: الطلبات\norder: 2\n---\n")
            try write("content/en/billing/diagram.png", "png")
            for number in 0..<14 {
                for locale in ["en", "fr", "ar"] where number % 3 != 2 || locale == "en" {
                    var entry = makeEntry(locale: locale, id: "topic-\(number)")
                    entry.category = IncrementalBuildTests.categories[number % 3]
                    entry.slug = "topic-\(number)"
                    try save(entry)
                }
            }
        }

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func sentence(_ locale: String, words count: Int) -> String {
            (0..<count).map { _ in pick(IncrementalBuildTests.words[locale]!) }.joined(separator: " ")
        }

        mutating func makeEntry(locale: String, id: String) -> EntryModel {
            counter += 1
            let category = pick(IncrementalBuildTests.categories)
            var paragraphs = [sentence(locale, words: 12), "## \(sentence(locale, words: 2).capitalized)", sentence(locale, words: 20)]
            if chance(30) { paragraphs.append("![diagram](../../en/billing/diagram.png)") }
            return EntryModel(
                locale: locale, category: category, slug: "\(id)-\(counter)", id: id, title: sentence(locale, words: 3).capitalized,
                summary: chance(50) ? sentence(locale, words: 6) : "", tags: (0..<Int(random.next() % 3)).map { _ in pick(IncrementalBuildTests.tags) },
                status: chance(85) ? "approved" : "draft", approvedOn: Int(random.next() % 28) + 1, reply: sentence(locale, words: 4),
                paragraphs: paragraphs, links: [])
        }

        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        mutating func save(_ entry: EntryModel) throws {
            entries[entry.path] = entry
            try write(entry.path, entry.text)
        }

        mutating func remove(_ path: String) throws {
            entries[path] = nil
            try FileManager.default.removeItem(at: root.appendingPathComponent(path))
        }

        /// A link from `entry` to another entry, sometimes with a heading fragment, sometimes to nothing.
        mutating func link(from entry: EntryModel) -> String {
            let target = pick(entries.values.sorted { $0.path < $1.path })
            let relative = target.locale == entry.locale
                ? (target.category == entry.category ? "\(target.slug).md" : "../\(target.category)/\(target.slug).md")
                : "../../\(target.locale)/\(target.category)/\(target.slug).md"
            if chance(15) { return "../\(target.category)/missing-\(counter).md" }
            if chance(30) { return relative + "#" + Slug.make(String(target.paragraphs[1].dropFirst(3))) }
            return relative
        }

        /// Undoes what makes a site fail (a missing image, broken links), as a writer
        /// would after seeing the error; returns the paths it touched.
        mutating func repair() throws -> Set<String> {
            var touched = Set<String>()
            let asset = "content/en/billing/diagram.png"
            if !FileManager.default.fileExists(atPath: root.appendingPathComponent(asset).path) {
                try write(asset, "png")
                touched.insert(asset)
            }
            // Links to nothing, or to an entry made a draft or retired since.
            for path in entries.keys.sorted() where !entries[path]!.links.isEmpty {
                var entry = entries[path]!
                entry.links.removeAll()
                try save(entry)
                touched.insert(path)
            }
            return touched
        }

        /// Applies one random edit; returns the paths it touched (root-relative) and
        /// whether it leaves the site invalid on purpose.
        mutating func edit() throws -> (description: String, paths: Set<String>) {
            let paths = entries.keys.sorted()
            let path = pick(paths)
            var entry = entries[path]!
            switch random.next() % 14 {
            case 0, 1, 2:
                entry.paragraphs[0] = sentence(entry.locale, words: 10)
                try save(entry)
                return ("body of \(path)", [path])
            case 3:
                entry.title = sentence(entry.locale, words: 3).capitalized
                try save(entry)
                return ("title of \(path)", [path])
            case 4:
                entry.tags = (0..<Int(random.next() % 3)).map { _ in pick(IncrementalBuildTests.tags) }
                try save(entry)
                return ("tags of \(path)", [path])
            case 5:
                entry.status = pick(["approved", "draft", "retired"])
                try save(entry)
                return ("status of \(path) → \(entry.status)", [path])
            case 6:
                let locale = pick(["en", "fr", "ar"])
                // Half the time a translation of an existing entry.
                let id = chance(50) ? entries[pick(paths)]!.id : "new-\(counter)"
                var added = makeEntry(locale: locale, id: id)
                if entries.values.contains(where: { $0.locale == locale && $0.id == id }) { added.id = "new-\(counter)" }
                try save(added)
                return ("add \(added.path)", [added.path])
            case 7:
                try remove(path)
                return ("remove \(path)", [path])
            case 8:
                entry.links = chance(70) ? entry.links + [link(from: entry)] : []
                try save(entry)
                return ("links of \(path)", [path])
            case 9:
                entry.approvedOn = Int(random.next() % 28) + 1
                try save(entry)
                return ("approval date of \(path)", [path])
            case 10:
                let category = "content/\(pick(["en", "fr", "ar"]))/\(pick(IncrementalBuildTests.categories))/_index.md"
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(category).path), chance(40) {
                    try FileManager.default.removeItem(at: root.appendingPathComponent(category))
                    return ("remove \(category)", [category])
                }
                try write(category, "---\ntitle: \(sentence("en", words: 2).capitalized)\norder: \(random.next() % 5)\n---\n")
                return ("category \(category)", [category])
            case 11:
                let asset = "content/en/billing/diagram.png"
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(asset).path), chance(50) {
                    try FileManager.default.removeItem(at: root.appendingPathComponent(asset))
                } else {
                    try write(asset, "png \(counter)")
                }
                return ("asset", [asset])
            case 12:
                // Same bytes, new stamp.
                try write(path, entry.text)
                return ("touch \(path)", [path])
            default:
                entry.paragraphs.append("## \(sentence(entry.locale, words: 2).capitalized)\n\n\(sentence(entry.locale, words: 8))")
                entry.summary = chance(50) ? "" : sentence(entry.locale, words: 5)
                try save(entry)
                return ("heading and summary of \(path)", [path])
            }
        }
    }

    static func tree(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try ContentLoader.discover(directory) {
            files[path] = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path)
        }
        return files
    }

    /// Paths whose bytes differ, for a readable failure.
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// The memory as the next process would see it: written to the build cache and read back.
    static func throughCache(_ memory: BuildMemory, options: BuildOptions) throws -> BuildMemory {
        let output = try #require(options.output)
        let folder = CacheFolder(root: options.root, output: output)
        try PersistedMemory.save(memory, to: folder, outputIdentity: try #require(BuildCache.identity(of: output)))
        let (config, configDiagnostics) = ConfigLoader.load(root: options.root)
        return try PersistedMemory.load(from: folder, options: options, config: try #require(config), configDiagnostics: configDiagnostics, output: output)
    }

    func check(seed: UInt64, steps: Int, drafts: Bool, hints: Bool, persist: Bool = false) throws {
        var site = try Site(seed: seed)
        var options = BuildOptions(root: site.root, today: Fixtures.today)
        options.includeDrafts = drafts
        options.output = site.root.appendingPathComponent("public")
        var fresh = options
        fresh.output = site.root.appendingPathComponent("fresh")

        var (first, memory) = try Builder.rebuild(options, memory: nil)
        #expect(first.succeeded, "\(first.diagnostics.items)")
        #expect(memory != nil)
        var renderedTotal = 0
        var taken = (inPlace: 0, general: 0)
        var failed = false
        for step in 0..<steps {
            let (description, paths) = failed ? ("repair", try site.repair()) : try site.edit()
            if persist, let kept = memory { memory = try Self.throughCache(kept, options: options) }
            let (result, next) = try Builder.rebuild(options, memory: memory, changed: hints ? paths : nil)
            let full = try Builder.build(fresh)
            if ProcessInfo.processInfo.environment["ANSWERKIT_TRACE"] != nil {
                print("seed \(seed) step \(step): \(description) → \(result.succeeded ? "ok" : "failed") rendered \(result.report.incremental?.pagesRendered ?? -1)")
                for item in result.diagnostics.items where item.severity == .error { print("  \(item.location.map(String.init(describing:)) ?? ""): \(item.message)") }
            }
            if result.diagnostics != full.diagnostics {
                let extra = result.diagnostics.items.filter { !full.diagnostics.items.contains($0) }.map { "\($0.location.map(String.init(describing:)) ?? ""): \($0.message)" }
                let missing = full.diagnostics.items.filter { !result.diagnostics.items.contains($0) }.map { "\($0.location.map(String.init(describing:)) ?? ""): \($0.message)" }
                Issue.record("seed \(seed) step \(step) (\(description)): diagnostics differ; extra \(extra), missing \(missing)")
                return
            }
            // The memory to use next, even after a failure: it remembers what the failed build was told had changed.
            memory = next
            failed = !full.succeeded
            guard full.succeeded else { continue }
            let built = try Self.tree(options.output!)
            let expected = try Self.tree(fresh.output!)
            let differing = Self.differences(built, expected)
            #expect(differing.isEmpty, "seed \(seed) step \(step) (\(description)): \(differing.prefix(8))")
            if !differing.isEmpty { return }
            #expect(result.report.pages == full.report.pages && result.report.replies == full.report.replies && result.report.files == full.report.files)
            renderedTotal += result.report.incremental?.pagesRendered ?? 0
            if result.report.incremental?.inPlace == true { taken.inPlace += 1 } else if !result.report.upToDate { taken.general += 1 }
        }
        // Both the in-place path and the general one were taken.
        #expect(taken.inPlace > 5 && taken.general > 5, "\(taken)")
        // Incremental builds render a fraction of what full builds would.
        #expect(renderedTotal < steps * first.report.pages / 3, "rendered \(renderedTotal) pages over \(steps) steps")
        // No temporary files are left in the output.
        let hidden = try FileManager.default.subpathsOfDirectory(atPath: options.output!.path).filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
        #expect(hidden.isEmpty)
    }

    /// Seeds 1…4; `ANSWERKIT_INCREMENTAL_SEEDS=50` runs a longer sweep (70 steps each).
    static let seeds: [UInt64] = Array(1...UInt64(ProcessInfo.processInfo.environment["ANSWERKIT_INCREMENTAL_SEEDS"].flatMap(Int.init) ?? 4))

    @Test(arguments: seeds)
    func randomEditsMatchFullBuild(seed: UInt64) throws {
        try check(seed: seed, steps: Self.seeds.count > 4 ? 70 : 40, drafts: false, hints: seed % 2 == 0)
    }

    /// The same, with the memory written to the build cache and read back before every
    /// step (as `answerkit build` does across processes).
    @Test(arguments: [UInt64(21), 22, 23])
    func randomEditsThroughTheCacheMatchFullBuild(seed: UInt64) throws {
        try check(seed: seed, steps: 40, drafts: seed == 23, hints: seed % 2 == 0, persist: ProcessInfo.processInfo.environment["ANSWERKIT_NO_PERSIST"] == nil)
    }

    @Test func randomEditsWithDraftsMatchFullBuild() throws {
        try check(seed: 7, steps: 30, drafts: true, hints: true)
    }

    @Test func failedRebuildLeavesOutputAndMemory() throws {
        let site = try Site(seed: 11)
        var options = BuildOptions(root: site.root, today: Fixtures.today)
        options.output = site.root.appendingPathComponent("public")
        let (_, memory) = try Builder.rebuild(options, memory: nil)
        let before = try Self.tree(options.output!)
        let path = site.entries.keys.sorted()[3]
        let good = site.entries[path]!.text
        try site.write(path, "---\ntitle: [unclosed\n---\nbody\n")
        let (failed, kept) = try Builder.rebuild(options, memory: memory, changed: [path])
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.items.contains { $0.location?.path.hasSuffix(path) == true && $0.location?.line != nil })
        #expect(try Self.tree(options.output!) == before)
        // Fixed again: the memory kept from before the failure rebuilds to the original output.
        try site.write(path, good)
        let (fixed, _) = try Builder.rebuild(options, memory: kept, changed: [path])
        #expect(fixed.succeeded)
        #expect(try Self.tree(options.output!) == before)
        _ = site
    }

    @Test func noChangeIsUpToDateAndThemeChangeRebuildsAll() throws {
        let site = try Site(seed: 5)
        var options = BuildOptions(root: site.root, today: Fixtures.today)
        options.output = site.root.appendingPathComponent("public")
        let (first, memory) = try Builder.rebuild(options, memory: nil)
        let (again, same) = try Builder.rebuild(options, memory: memory)
        #expect(again.report.upToDate)
        #expect(again.report.incremental?.pagesRendered == 0)
        #expect(again.diagnostics == first.diagnostics)
        let style = site.root.appendingPathComponent("templates/assets/style.css")
        try (String(contentsOf: style, encoding: .utf8) + "\n/* edited */\n").write(to: style, atomically: true, encoding: .utf8)
        let (themed, _) = try Builder.rebuild(options, memory: same, changed: ["templates/assets/style.css"])
        #expect(themed.report.incremental?.fullBuildReason != nil)
        #expect(themed.report.pages == first.report.pages)
    }

    @Test func oneEntryEditRendersOnlyItsPages() throws {
        var site = try Site(seed: 9)
        var options = BuildOptions(root: site.root, today: Fixtures.today)
        options.output = site.root.appendingPathComponent("public")
        let (_, memory) = try Builder.rebuild(options, memory: nil)
        let path = "content/en/billing/topic-0.md"
        var entry = try #require(site.entries[path])
        entry.paragraphs[0] = "A new first paragraph about refunds."
        try site.save(entry)
        let (result, _) = try Builder.rebuild(options, memory: memory, changed: [path])
        #expect(result.succeeded)
        // A body edit: the entry page only (lists show titles and summaries, which did not change).
        #expect(result.report.incremental?.pagesRendered == 1)
        #expect(result.report.incremental?.sourcesRead == 1)
    }
}
