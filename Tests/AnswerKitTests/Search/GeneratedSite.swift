@testable import AnswerKit
import Foundation

/// A reproducible multi-locale set of search documents in made-up words (each locale
/// in its own script, so every analyzer runs), and random edits of it.
struct GeneratedSite {
    /// Published entries in site order (retired ones included).
    private(set) var entries: [Entry] = []
    /// The document of every entry (retired entries keep theirs for when they come back).
    var documents: [EntryKey: SearchDocument] = [:]
    private var random: SplitMix64
    private let bodyWords: ClosedRange<Int>
    private var serial = 0

    /// What `randomChange()` did.
    struct Change {
        var name: String
        /// The documents to pass to `SearchIndexSnapshot.update` as `changed`.
        var documents: [EntryKey: SearchDocument]
        /// Whether document numbers stayed the same.
        var inPlace: Bool
    }

    init(seed: UInt64, locales: [String: Int], bodyWords: ClosedRange<Int>) {
        random = SplitMix64(state: seed)
        self.bodyWords = bodyWords
        for (locale, count) in locales.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<count { insert(locale: locale) }
        }
    }

    // MARK: - Builds

    /// A full build of the current documents, adding them in `order` (default: site
    /// order) from `threads` threads; with `keep`, also the snapshot, taken before
    /// `files()` (so locales with retired entries are written by `snapshot()`).
    func fullBuild(keep: Bool = false, order: [Entry]? = nil, threads: Int = 1) -> (files: [String: Data], snapshot: SearchIndexSnapshot?) {
        let collected = Locked<[String: Data]>([:])
        let builder = SearchIndexBuilder(entries: entries, keepPostings: keep) { files in
            collected.withLock { for file in files { $0[file.path] = file.contents } }
        }
        let list = (order ?? entries).filter(SearchIndexBuilder.indexes)
        let documents = self.documents
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for entry in list.enumerated().filter({ $0.offset % threads == thread }).map(\.element) {
                builder.add(entry.key, documents[entry.key]!)
            }
        }
        let snapshot = keep ? builder.snapshot() : nil
        let rest = builder.files()
        var files = collected.withLock { $0 }
        for file in rest { files[file.path] = file.contents }
        return (files, snapshot)
    }

    // MARK: - Edits

    /// Applies one random edit and says what it was.
    mutating func randomChange() -> Change {
        let roll = Int.random(in: 0..<100, using: &random)
        let approved = entries.indices.filter { entries[$0].status == .approved }
        let retired = entries.indices.filter { entries[$0].status == .retired }
        switch roll {
        case 0..<25:
            let key = entries[approved.randomElement(using: &random)!].key
            documents[key]!.body = editedBody(documents[key]!.body, locale: key.locale)
            return Change(name: "body", documents: [key: documents[key]!], inPlace: true)
        case 25..<33:
            let key = entries[approved.randomElement(using: &random)!].key
            documents[key]!.title = sentence(locale: key.locale, words: 2...7)
            return Change(name: "title", documents: [key: documents[key]!], inPlace: true)
        case 33..<40:
            let index = approved.randomElement(using: &random)!
            let tags = (0..<Int.random(in: 0...3, using: &random)).map { _ in word(locale: entries[index].key.locale) }
            entries[index].tags = tags
            documents[entries[index].key]!.tags = tags
            return Change(name: "tags", documents: [entries[index].key: documents[entries[index].key]!], inPlace: true)
        case 40..<47:
            var changed: [EntryKey: SearchDocument] = [:]
            for _ in 0..<3 {
                let key = entries[approved.randomElement(using: &random)!].key
                documents[key]!.body = editedBody(documents[key]!.body, locale: key.locale)
                documents[key]!.excerpt = sentence(locale: key.locale, words: 3...9)
                changed[key] = documents[key]!
            }
            return Change(name: "several", documents: changed, inPlace: true)
        case 47..<55:
            let index = approved.randomElement(using: &random)!
            entries[index].status = .retired
            return Change(name: "retire", documents: [:], inPlace: true)
        case 55..<61 where !retired.isEmpty:
            let index = retired.randomElement(using: &random)!
            entries[index].status = .approved
            return Change(name: "unretire", documents: [entries[index].key: documents[entries[index].key]!], inPlace: true)
        case 61..<64:
            return Change(name: "nothing", documents: [:], inPlace: true)
        case 64..<78:
            let locale = Set(entries.map(\.key.locale)).sorted().randomElement(using: &random)!
            let key = insert(locale: locale)
            return Change(name: "add", documents: [key: documents[key]!], inPlace: false)
        case 78..<90:
            let index = entries.indices.randomElement(using: &random)!
            documents[entries[index].key] = nil
            entries.remove(at: index)
            return Change(name: "remove", documents: [:], inPlace: false)
        case 90..<95:
            // A whole new locale, or a small one gone.
            let present = Set(entries.map(\.key.locale))
            if let locale = ["he", "tr"].first(where: { !present.contains($0) }) {
                var changed: [EntryKey: SearchDocument] = [:]
                for _ in 0..<Int.random(in: 1...12, using: &random) {
                    let key = insert(locale: locale)
                    changed[key] = documents[key]!
                }
                return Change(name: "new locale", documents: changed, inPlace: false)
            }
            entries.removeAll { $0.key.locale == "he" || $0.key.locale == "tr" }
            return Change(name: "locales gone", documents: [:], inPlace: false)
        case 95..<98:
            // A category renamed: the display record of each of its entries changes.
            let category = entries[approved.randomElement(using: &random)!].key.category
            var changed: [EntryKey: SearchDocument] = [:]
            for entry in entries where entry.key.category == category {
                documents[entry.key]!.category += " renamed"
                if entry.status == .approved { changed[entry.key] = documents[entry.key]! }
            }
            return Change(name: "category renamed", documents: changed, inPlace: true)
        default:
            // An entry moved to another category: a new key.
            let index = approved.randomElement(using: &random)!
            let old = entries.remove(at: index)
            let document = documents.removeValue(forKey: old.key)!
            var moved = old
            moved.key.category = old.key.category == "zz-moved" ? "aa-moved" : "zz-moved"
            documents[moved.key] = document
            entries.append(moved)
            entries.sort { $0.key < $1.key }
            return Change(name: "move", documents: [moved.key: document], inPlace: false)
        }
    }

    /// Retires the `n`th approved entry (before a snapshot is taken).
    mutating func retire(_ n: Int) {
        let approved = entries.indices.filter { entries[$0].status == .approved }
        entries[approved[n % approved.count]].status = .retired
    }

    /// A new approved entry of `locale`, in site order.
    @discardableResult
    private mutating func insert(locale: String) -> EntryKey {
        serial += 1
        let key = EntryKey(locale: locale, category: ["billing", "orders", "account"].randomElement(using: &random)!, slug: "e\(Int.random(in: 0..<100_000, using: &random))-\(serial)")
        let title = sentence(locale: locale, words: 2...7)
        let tags = (0..<Int.random(in: 0...3, using: &random)).map { _ in word(locale: locale) }
        let path = "content/\(locale)/\(key.category)/\(key.slug).md"
        let entry = Entry(key: key, path: path, id: key.slug, title: title, summary: "", tags: tags, status: .approved,
                          approvedBy: nil, approvedOn: nil, reviewBy: nil, updated: nil, sources: [], replies: [],
                          bodyLineOffset: 0, idLocation: AnswerKit.SourceLocation(path: path))
        let body = sentence(locale: locale, words: bodyWords)
        documents[key] = SearchDocument(
            id: key.slug, title: title, url: "/\(locale)/\(key.category)/\(key.slug)/", category: key.category.capitalized, tags: tags,
            headings: (0..<Int.random(in: 0...3, using: &random)).map { _ in sentence(locale: locale, words: 1...4) },
            body: body, excerpt: String(body.prefix(SearchIndexFormat.excerptLength)))
        entries.insert(entry, at: entries.firstIndex { key < $0.key } ?? entries.count)
        return key
    }

    /// `body` with about a tenth of its words replaced, sometimes with a word seen nowhere else.
    private mutating func editedBody(_ body: String, locale: String) -> String {
        var words = body.split(separator: " ").map(String.init)
        for _ in 0...(words.count / 10) where !words.isEmpty {
            words[Int.random(in: 0..<words.count, using: &random)] = word(locale: locale)
        }
        if Bool.random(using: &random) { words.append("q" + word(locale: locale) + "\(serial)x") }
        if Int.random(in: 0..<4, using: &random) == 0 { words.removeLast(min(words.count, 5)) }
        serial += 1
        return words.joined(separator: " ")
    }

    private mutating func sentence(locale: String, words: ClosedRange<Int>) -> String {
        (0..<Int.random(in: words, using: &random)).map { _ in word(locale: locale) }.joined(separator: " ")
    }

    /// A word of a 1 500-word vocabulary per locale, frequent words far more likely (Zipf-like).
    private mutating func word(locale: String) -> String {
        let rank = Int(pow(Double.random(in: 0..<1, using: &random), 3) * 1_500)
        return Self.word(rank: rank, locale: locale)
    }

    static func word(rank: Int, locale: String) -> String {
        let syllables: [String] = switch locale {
        case "ar": ["با", "تا", "سل", "مر", "كو", "دي", "نا", "حب", "ري", "لم", "عو", "فق"]
        case "he": ["בו", "דל", "מי", "שר", "קו", "נח", "לב", "תם", "רי", "אס", "גד", "פה"]
        case "fr": ["ma", "té", "ro", "lu", "gè", "si", "pon", "cha", "vé", "nu", "ai", "dre"]
        case "tr": ["ka", "şı", "ro", "lü", "ge", "si", "pın", "ça", "ve", "nu", "ğa", "dır"]
        default: ["ka", "to", "re", "lin", "mo", "sa", "pu", "ver", "di", "nor", "es", "qua"]
        }
        var value = rank + 13
        var word = ""
        while value > 0 {
            word += syllables[value % syllables.count]
            value /= syllables.count
        }
        return word
    }
}
