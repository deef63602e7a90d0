@testable import AnswerKit
import Foundation
import Testing

/// The index build's term counting (`SearchTermCounter`), its hash tables and its
/// postings sort, each against a straightforward reference.
@Suite struct SearchTermCounterTests {
    // MARK: - Hash tables

    @Test(arguments: [1, 2, 3] as [UInt64])
    func plainWordTableAgreesWithADictionary(_ seed: UInt64) {
        var random = SplitMix64(state: seed)
        var table = PlainWordTable(capacity: 4)
        var reference: [[UInt8]: Int32] = [:]
        func key(_ bytes: [UInt8]) -> PlainWord { bytes.withUnsafeBufferPointer { PlainWord($0) } }
        // Short keys over a small alphabet: many share prefixes, lengths and bytes.
        func randomBytes() -> [UInt8] {
            let length = Int(random.next() % 33)
            return (0..<length).map { _ in UInt8(0x61 + random.next() % 3) }
        }
        for round in 0..<3 {
            for step in 0..<6000 {
                let bytes = randomBytes()
                let expected = reference[bytes]
                #expect(table.value(key(bytes)) == expected, "round \(round), step \(step): \(bytes)")
                if expected == nil, random.next() % 2 == 0 {
                    let value = max(Int32(truncatingIfNeeded: random.next()), .min + 1)
                    table.insert(key(bytes), value)
                    reference[bytes] = value
                }
                #expect(table.count == reference.count)
            }
            for (bytes, value) in reference { #expect(table.value(key(bytes)) == value) }
            table.removeAll()
            reference.removeAll()
            #expect(table.value(key([0x61])) == nil && table.count == 0)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func wordBytesTableAgreesWithADictionary(_ seed: UInt64) {
        var random = SplitMix64(state: seed)
        var table = WordBytesTable(capacity: 4)
        var reference: [[UInt8]: Int32] = [:]
        // Lengths 1–32 around the 8-byte split, over a small alphabet (and a zero byte).
        func randomBytes() -> [UInt8] {
            let length = 1 + Int(random.next() % (random.next() % 4 == 0 ? 32 : 10))
            return (0..<length).map { _ in [0x61, 0x62, 0x00, 0xD8][Int(random.next() % 4)] }
        }
        for round in 0..<3 {
            for step in 0..<6000 {
                let bytes = randomBytes()
                let expected = reference[bytes]
                #expect(bytes.withUnsafeBufferPointer { table.value($0) } == expected, "round \(round), step \(step): \(bytes)")
                if expected == nil, random.next() % 2 == 0 {
                    let value = max(Int32(truncatingIfNeeded: random.next()), .min + 1)
                    table.insert(bytes.withUnsafeBufferPointer { PlainWord($0) }, value)
                    reference[bytes] = value
                }
                #expect(table.count == reference.count)
            }
            for (bytes, value) in reference { #expect(bytes.withUnsafeBufferPointer { table.value($0) } == value) }
            table.removeAll()
            reference.removeAll()
            #expect([UInt8(0x61)].withUnsafeBufferPointer { table.value($0) } == nil && table.count == 0)
        }
    }

    /// `PlainWord` reads only its own bytes (whatever surrounds them) and packs them
    /// as byte `i` at bit `8 × (i % 8)` of word `i / 8`.
    @Test func plainWordPacksOnlyItsBytes() {
        var random = SplitMix64(state: 7)
        for length in 0...32 {
            let word = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var keys: [PlainWord] = []
            for filler: UInt8 in [0x00, 0xFF, 0x20] {
                let buffer = [UInt8](repeating: filler, count: 8) + word + [UInt8](repeating: filler, count: 8)
                keys.append(buffer.withUnsafeBufferPointer { PlainWord(UnsafeBufferPointer(rebasing: $0[8..<(8 + length)])) })
            }
            #expect(Set(keys).count == 1, "length \(length)")
            #expect(keys[0].count == length)
            let head = word.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
            #expect(keys[0].head == head, "length \(length)")
            if length <= 8 {
                #expect(word.withUnsafeBytes { PlainWord.packed($0.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, count: length) } == head)
            }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func scalarTermTableAgreesWithADictionary(_ seed: UInt64) {
        var random = SplitMix64(state: seed)
        var table = ScalarTermTable(capacity: 2)
        var reference: [[UInt32]: Int32] = [:]
        let alphabet: [UInt32] = [0x61, 0x62, 0xE9, 0x0627, 0x05D0, 0x1F600]
        func randomTerm() -> [UInt32] {
            let length = 1 + Int(random.next() % 70)
            return (0..<length).map { _ in alphabet[Int(random.next() % UInt64(min(length, alphabet.count)))] }
        }
        for round in 0..<3 {
            for step in 0..<6000 {
                let term = randomTerm()
                let expected = reference[term]
                #expect(term.withUnsafeBufferPointer { table.value($0) } == expected, "round \(round), step \(step): \(term)")
                if expected == nil, random.next() % 2 == 0 {
                    let value = Int32(truncatingIfNeeded: random.next() & 0x7FFF_FFFF)
                    term.withUnsafeBufferPointer { table.insert($0, value) }
                    reference[term] = value
                }
                #expect(table.count == reference.count)
            }
            for (term, value) in reference { #expect(term.withUnsafeBufferPointer { table.value($0) } == value) }
            table.removeAll()
            reference.removeAll()
        }
    }

    // MARK: - Postings

    @Test(arguments: [1, 2, 3] as [UInt64])
    func groupedPostingsAreEveryPostingByTermThenDocument(_ seed: UInt64) {
        var random = SplitMix64(state: seed)
        let documents = 300, terms = 500
        var collector = SearchPostingsCollector(documents: documents)
        var reference: [Int: [(doc: Int32, weight: Float)]] = [:]
        // Documents added in random order, some of them twice (the second replaces
        // the first), some never.
        var order = (0..<documents).filter { _ in random.next() % 10 != 0 }
        order += order.filter { _ in random.next() % 5 == 0 }
        for index in order.indices.reversed() {
            order.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        var postings: [Int: [(Int32, Float)]] = [:]
        for doc in order {
            let ids = Array(Set((0..<Int(random.next() % 60)).map { _ in Int32(random.next() % UInt64(terms)) }))
            let weights = ids.map { _ in Float(1 + random.next() % 8) / 2 }
            collector.add(Int32(doc), ids: ids, weights: weights)
            postings[doc] = Array(zip(ids, weights))
        }
        for (doc, list) in postings {
            for (term, weight) in list { reference[Int(term), default: []].append((Int32(doc), weight)) }
        }
        let grouped = collector.grouped(termCount: terms)
        #expect(grouped.termCount == terms)
        for term in 0..<terms {
            let expected = (reference[term] ?? []).sorted { $0.doc < $1.doc }
            let range = grouped.range(term)
            #expect(Array(grouped.docs[range]) == expected.map(\.doc), "term \(term)")
            #expect(Array(grouped.frequencies[range]) == expected.map(\.weight), "term \(term)")
        }
        #expect(grouped.docs.count == postings.values.reduce(0) { $0 + $1.count })
    }

    // MARK: - Term order

    /// The UTF-8 comparison used to sort terms agrees with `precedes` (UTF-16 order),
    /// also between scalars above U+FFFF and those in U+E000–U+FFFF.
    @Test func utf8OrderIsUTF16Order() {
        var random = SplitMix64(state: 5)
        let alphabet: [Unicode.Scalar] = ["a", "b", "z", "\u{E9}", "\u{7FF}", "\u{800}", "\u{5D0}", "\u{D7FF}", "\u{E000}",
                                          "\u{FB50}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}"]
        var strings = [""]
        for _ in 0..<400 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 5) { scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            strings.append(String(scalars))
        }
        for a in strings {
            for b in strings.prefix(150) {
                let fast = Array(a.utf8).withUnsafeBufferPointer { x in
                    Array(b.utf8).withUnsafeBufferPointer { y in SearchIndexFormat.precedes(utf8: x, y) }
                }
                #expect(fast == SearchIndexFormat.precedes(a, b), "\(a.unicodeScalars.map(\.value)) vs \(b.unicodeScalars.map(\.value))")
            }
        }
        let sorted = SearchLocaleIndex.sortedIDs(strings).map { strings[$0] }
        #expect(sorted == strings.sorted(by: SearchIndexFormat.precedes))
    }

    // MARK: - Counting

    /// The counter against `SearchDocument.terms`: every analysis vector as a
    /// document of its locale (title, tags, headings and body), twice, so that the
    /// second pass goes through the counter's caches; also with caches that start
    /// over every few documents.
    @Test(arguments: [SearchTermCounter.defaultCacheLimit, 40])
    func countsTheTermsOfSearchDocumentTerms(_ cacheLimit: Int) throws {
        let vectors = try AnalysisVectors.loaded.get().filter { $0.query != true }
        for locale in Set(vectors.map(\.locale)).sorted() {
            let texts = vectors.filter { $0.locale == locale }.map(\.fullInput)
            let registry = SearchTermRegistry()
            var counter = SearchDocumentCounter(language: Analyzer.Language(locale: locale), registry: registry, cacheLimit: cacheLimit)
            let pool = Analyzer.Pool(Analyzer(locale: locale))
            var documents: [SearchDocument] = []
            for (index, text) in texts.enumerated() {
                let other = texts[(index * 7 + 3) % texts.count]
                documents.append(SearchDocument(
                    id: "\(index)", title: text, url: "", category: "", tags: [other, text], headings: [other],
                    body: ([text, other] + texts.prefix(5)).joined(separator: index % 2 == 0 ? " " : "\n"), excerpt: ""))
            }
            for pass in 0..<2 {
                var counted: [(SearchDocumentTerms, SearchDocument)] = []
                for document in documents { counted.append((counter.terms(of: document), document)) }
                let names = registry.terms
                for (terms, document) in counted {
                    let expected = document.terms(pool)
                    #expect(terms.length == expected.length, "\(locale) pass \(pass): \(document.title.prefix(60))")
                    #expect(Set(terms.ids).count == terms.ids.count)
                    let actual = Dictionary(uniqueKeysWithValues: zip(terms.ids.map { Term(names[Int($0)]) }, terms.weights))
                    #expect(actual == expected.weights, "\(locale) pass \(pass): \(document.title.prefix(60))")
                }
            }
        }
    }

    /// Several threads sharing one locale's counters give every document the same
    /// terms as one thread does.
    @Test func threadsShareARegistry() {
        let site = GeneratedSite(seed: 11, locales: ["en": 120, "ar": 60, "he": 60], bodyWords: 40...200)
        let one = site.fullBuild(threads: 1).files
        let four = site.fullBuild(order: site.entries.reversed(), threads: 4).files
        #expect(one == four)
    }
}
