import AnswerKit
import Foundation
import Testing

/// One case of `Tests/Fixtures/analysis/*.json`, shared with `Tests/js/analyzer.test.mjs`.
struct AnalysisVector: Decodable, Sendable, CustomTestStringConvertible {
    let locale: String
    let input: String
    let expected: [[String]]
    let note: String
    /// Run through `analyzeQuery` instead of `analyze`.
    let query: Bool?
    /// The input is repeated this many times, and so is the expected output.
    let `repeat`: Int?
    var file = ""

    private enum CodingKeys: String, CodingKey { case locale, input, expected, note, query, `repeat` }

    var fullInput: String { String(repeating: input, count: `repeat` ?? 1) }
    var fullExpected: [[String]] { Array(repeatElement(expected, count: `repeat` ?? 1).joined()) }
    var testDescription: String { "\(file) \(locale)\(query == true ? " query" : ""): \(note)" }
}

/// The vector files, read once.
enum AnalysisVectors {
    /// The repository root: the nearest folder above this file with a Package.swift.
    static let repository: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/",
              !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    static let folder = repository.appendingPathComponent("Tests/Fixtures/analysis")

    /// Every vector, or the error that kept a file from loading.
    static let loaded: Result<[AnalysisVector], Error> = Result {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        return try files.flatMap { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return try JSONDecoder().decode([AnalysisVector].self, from: data).map { vector in
                var vector = vector
                vector.file = name
                return vector
            }
        }
    }

    static var all: [AnalysisVector] { (try? loaded.get()) ?? [] }
}

@Suite struct AnalysisVectorTests {
    @Test func vectorFilesLoadAndCoverEveryLocale() throws {
        let vectors = try AnalysisVectors.loaded.get()
        for language in ["en", "fr", "tr", "ar", "he"] {
            let count = vectors.filter { Analyzer.Language(locale: $0.locale).rawValue == language }.count
            #expect(count >= 25, "\(language) has \(count) vectors")
        }
        #expect(vectors.contains { Analyzer(locale: $0.locale).language == .generic })
        #expect(vectors.contains { $0.query == true })
    }

    @Test(arguments: AnalysisVectors.all)
    func vector(_ vector: AnalysisVector) {
        let analyzer = Analyzer(locale: vector.locale)
        let actual = vector.query == true ? analyzer.analyzeQuery(vector.fullInput) : analyzer.analyze(vector.fullInput)
        #expect(actual == vector.fullExpected, "\(vector.file): \(vector.input.prefix(80))")
    }

    @Test(arguments: [
        ("en", Analyzer.Language.english), ("EN-gb", .english), ("fr_CA", .french), ("tr-TR", .turkish),
        ("ar-EG", .arabic), ("he", .hebrew), ("iw-IL", .hebrew), ("de", .generic), ("", .generic), ("-", .generic),
    ])
    func localeCodes(_ locale: String, _ language: Analyzer.Language) {
        #expect(Analyzer(locale: locale).language == language)
    }
}
