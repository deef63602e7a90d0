@testable import AnswerKit
import Foundation
import Testing

/// `SnippetBundle.fastDecode` reads what `JSONDecoder` reads, and gives up (so that
/// `decode` falls back to `JSONDecoder`) on everything else.
@Suite struct BundleFastReadingTests {
    private static func decoded(_ data: Data) -> SnippetBundle? {
        try? JSONDecoder().decode(SnippetBundle.self, from: data)
    }

    /// The fast reader never disagrees with `JSONDecoder`: same bundle, or `nil`.
    private func expectAgreement(_ object: Any, _ comment: Comment, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let data = try JSONSerialization.data(withJSONObject: object)
        let fast = SnippetBundle.fastDecode(Array(data))
        let slow = Self.decoded(data)
        if let fast { #expect(fast == slow, comment, sourceLocation: sourceLocation) }
        if slow == nil { #expect(fast == nil, comment, sourceLocation: sourceLocation) }
    }

    @Test(arguments: ["basic", "agent"])
    func readsBuiltBundlesAsJSONDecoderDoes(_ fixture: String) throws {
        let (_, files) = try Fixtures.build(Fixtures.site(fixture))
        let bundles = files.filter { $0.key.hasSuffix("snippets.json") }
        #expect(!bundles.isEmpty)
        for (path, data) in bundles {
            let fast = try #require(SnippetBundle.fastDecode(Array(data)), "\(path)")
            #expect(fast == Self.decoded(data), "\(path)")
        }
    }

    /// Each field of the bundle, a reply, a channel rule and a placeholder removed, set
    /// to null or to a value of the wrong type.
    @Test func agreesWithJSONDecoderOnDamagedBundles() throws {
        let (_, files) = try Fixtures.build(Fixtures.site("agent"))
        let data = try #require(files["snippets.json"])
        let bundle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let wrongValues: [Any] = [NSNull(), "x", 7, 1.5, true, [Any](), [String: Any]()]

        func damaged(_ object: [String: Any], _ rebuild: ([String: Any]) -> [String: Any], _ what: String) throws {
            for key in object.keys.sorted() {
                var removed = object
                removed[key] = nil
                try expectAgreement(rebuild(removed), "\(what) without \(key)")
                for wrong in wrongValues {
                    var changed = object
                    changed[key] = wrong
                    try expectAgreement(rebuild(changed), "\(what).\(key) = \(wrong)")
                }
            }
        }
        try damaged(bundle, { $0 }, "bundle")
        var replies = try #require(bundle["replies"] as? [[String: Any]])
        let reply = replies[0]
        try damaged(reply, { changed in
            var copy = bundle
            replies[0] = changed
            copy["replies"] = replies
            return copy
        }, "reply")
        var channels = try #require(bundle["channels"] as? [String: [String: Any]])
        let twitter = try #require(channels["twitter"])
        try damaged(twitter, { changed in
            var copy = bundle
            channels["twitter"] = changed
            copy["channels"] = channels
            return copy
        }, "channels.twitter")
        var placeholders = try #require(bundle["placeholders"] as? [String: [String: Any]])
        let name = try #require(placeholders.keys.sorted().first)
        let placeholder = try #require(placeholders[name])
        try damaged(placeholder, { changed in
            var copy = bundle
            placeholders[name] = changed
            copy["placeholders"] = placeholders
            return copy
        }, "placeholders.\(name)")
    }

    @Test func leavesNewerSchemasAndOddNumbersToJSONDecoder() throws {
        let (_, files) = try Fixtures.build(Fixtures.site("agent"))
        let text = try #require(files["snippets.json"].map { String(decoding: $0, as: UTF8.self) })
        #expect(SnippetBundle.fastDecode(Array(text.replacingOccurrences(of: #""schema_version": 1"#, with: #""schema_version": 2"#).utf8)) == nil)
        let fraction = Data(text.replacingOccurrences(of: #""schema_version": 1"#, with: #""schema_version": 1.0"#).utf8)
        #expect(SnippetBundle.fastDecode(Array(fraction)) == nil)
        #expect(try SnippetBundle.decode(fraction, path: "x") == SnippetBundle.decode(Data(text.utf8), path: "x"))
    }
}
