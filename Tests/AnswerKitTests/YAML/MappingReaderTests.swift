@testable import AnswerKit
import Testing
import Yams

@Suite struct MappingReaderTests {
    /// `MappingReader.isNull` answers as Yams' `Node.null` does, for plain and quoted scalars and collections.
    @Test func nullAsYamsSeesIt() throws {
        let yaml = """
            a:
            b: ~
            c: null
            d: Null
            e: NULL
            f: nUll
            g: ''
            h: "null"
            i: 'NULL'
            j: x
            k: [1]
            l: {m: 1}
            n: !!str null
            """
        let root = try #require(try Yams.compose(yaml: yaml, .basic))
        let mapping = try #require(root.mapping)
        for (key, value) in mapping {
            #expect(MappingReader.isNull(value) == (value.null != nil), "\(key.string ?? "")")
        }
    }

    /// A present key with a null value reads as absent; quoted `'null'` is a string.
    @Test func nullValuesReadAsAbsent() throws {
        let root = try #require(try Yams.compose(yaml: "title: ~\nsummary: 'null'\ntags:\n", .basic))
        var reader = MappingReader(root, path: "x.md", lineOffset: 1, what: "front matter")
        #expect(reader.string("title") == nil)
        #expect(reader.string("summary")?.0 == "null")
        #expect(reader.list("tags") == nil)
        #expect(reader.finish().isEmpty)
    }
}
