@testable import AnswerKit
import Foundation
import Testing

@Suite struct WorstCaseTests {
    static let twitter = Channel(name: "twitter", unit: .weighted, limit: 280)
    static let sms = Channel(name: "sms", unit: .segments, limit: 3)
    static let bytes = Channel(name: "instagram-dm", unit: .bytes, limit: 1000)
    static let characters = Channel(name: "whatsapp", unit: .characters, limit: 4096)

    static let declarations: [String: PlaceholderSpec] = Dictionary(uniqueKeysWithValues: [
        PlaceholderSpec(name: "name", charset: .any, max: 10),
        PlaceholderSpec(name: "order_id", charset: .identifier, max: 12),
        PlaceholderSpec(name: "handle", charset: .identifier, max: 16),
        PlaceholderSpec(name: "code", charset: .ascii, max: 8),
        PlaceholderSpec(name: "word", charset: .gsm, max: 10),
        PlaceholderSpec(name: "url", type: .url),
        PlaceholderSpec(name: "short_url", type: .url, max: 40),
        PlaceholderSpec(name: "tiny", charset: .any, max: 2),
    ].map { ($0.name, $0) })

    private func worst(_ text: String, _ channel: Channel) throws -> WorstCase {
        try #require(WorstCase.measure(text, channel: channel, placeholders: Self.declarations))
    }

    // MARK: - One rule at a time

    @Test func weightedCountsTwoPerCharacterForAnyAndOneForIdentifiers() throws {
        // "Hi , order  is late." weighs 20; name adds 10 × 2, order_id 12 × 1.
        let result = try worst("Hi {{name}}, order {{order_id}} is late.", Self.twitter)
        #expect(result.count.length == 20 + 20 + 12)
        #expect(result.shares.map(\.name) == ["name", "order_id"])
        #expect(result.shares.map(\.units) == [20, 12])
        #expect(result.count.valid)
    }

    @Test func urlCountsTwentyThreeWhereXSeesALink() throws {
        #expect(try worst("Track it: {{url}}", Self.twitter).count.length == 10 + 23)
        #expect(try worst("Track it: {{url}}.", Self.twitter).count.length == 11 + 23)
        // Right after a letter X sees no link: the value counts its characters, and needs a max.
        #expect(WorstCase.measure("Track:x{{url}}", channel: Self.twitter, placeholders: Self.declarations) == nil)
        #expect(WorstCase.unboundedPlaceholders("Track:x{{url}}", channel: Self.twitter, placeholders: Self.declarations) == ["url"])
        #expect(try worst("x{{short_url}}", Self.twitter).count.length == 1 + 40)
        // On a channel without link shortening a url needs a max too.
        #expect(WorstCase.measure("Track it: {{url}}", channel: Self.characters, placeholders: Self.declarations) == nil)
        #expect(try worst("Track it: {{short_url}}", Self.characters).count.length == 10 + 40)
    }

    @Test func aLinkTouchingAPlaceholderMayStopBeingALink() throws {
        // "https://example.com/a-rather-long-path/for-tracking" has 51 characters; a value
        // glued before it ("x") stops X from seeing a link, so it counts 51, not 23.
        let link = "https://example.com/a-rather-long-path/for-tracking"
        let result = try worst("{{order_id}}\(link)", Self.twitter)
        #expect(result.count.length == 51 + 12)
        #expect(result.shares == [WorstCase.Share(name: "order_id", units: 12, reason: "12 characters")])
        let filled = "ABCDEFGHIJKL" + link
        #expect(LengthCount(filled, channel: Self.twitter).length == 51 + 12)
    }

    @Test func aShortValueGluedToTextMayCompleteALink() throws {
        // "{{tiny}}.com" with tiny = "ab" is the link "ab.com": 23, more than 2 × 2 + 4.
        let result = try worst("see {{tiny}}.com", Self.twitter)
        #expect(result.count.length == 4 + 4 + 23)
        #expect(LengthCount("see ab.com", channel: Self.twitter).length == 4 + 23)
    }

    @Test func charactersAndBytes() throws {
        #expect(try worst("Hi {{name}}!", Self.characters).count.length == 4 + 10)
        #expect(try worst("Hi {{name}}!", Self.bytes).count.length == 4 + 40)  // 4-byte characters
        #expect(try worst("Hi {{word}}!", Self.bytes).count.length == 4 + 30)  // € is 3 bytes
        #expect(try worst("Hi {{order_id}}!", Self.bytes).count.length == 4 + 12)
    }

    @Test func smsIdentifierKeepsGSM() throws {
        let result = try worst("Order {{order_id}} shipped", Self.sms)
        #expect(result.count.encoding == .gsm7)
        #expect(result.count.length == 14 + 12)
        #expect(result.count.segments == 1)
    }

    @Test func smsAnyValueForcesUCS2OnTheWholeMessage() throws {
        // 150 GSM characters fit one segment; a name outside GSM-7 makes all 160 UCS-2 units: 3 segments.
        let text = String(repeating: "a", count: 150) + "{{name}}"
        #expect(LengthCount(String(repeating: "a", count: 150), channel: Self.sms).segments == 1)
        let result = try worst(text, Self.sms)
        #expect(result.count.encoding == .ucs2)
        #expect(result.count.length == 150 + 20)
        #expect(result.count.segments == 3)
        #expect(result.count.limit == 201)
        // The bound is reached: ten emoji.
        let filled = String(repeating: "a", count: 150) + String(repeating: "😀", count: 10)
        #expect(LengthCount(filled, channel: Self.sms).segments == 3)
    }

    @Test func smsGSMValueMayUseEscapePairs() throws {
        // A gsm word of 10 can be ten '€' (20 septets): 150 + 20 = 170 septets, 2 segments.
        let result = try worst(String(repeating: "a", count: 150) + "{{word}}", Self.sms)
        #expect(result.count.encoding == .gsm7)
        #expect(result.count.length == 170)
        #expect(result.count.segments == 2)
    }

    @Test func undeclaredPlaceholderHasNoWorstCase() {
        #expect(WorstCase.measure("Hi {{agent}}", channel: Self.twitter, placeholders: Self.declarations) == nil)
        #expect(WorstCase.unboundedPlaceholders("Hi {{agent}} {{name}}", channel: Self.twitter, placeholders: Self.declarations) == ["agent"])
    }

    @Test func repeatedPlaceholderCountsEachUse() throws {
        let result = try worst("{{name}} and {{name}}", Self.characters)
        #expect(result.count.length == 5 + 20)
        #expect(result.shares == [WorstCase.Share(name: "name", units: 20, reason: "2 uses, each 10 characters")])
    }

    // MARK: - The table of heaviest characters

    @Test(arguments: [PlaceholderSpec.Charset.gsm, .ascii, .identifier])
    func heaviestCharacterMatchesEveryMemberOfTheCharset(_ charset: PlaceholderSpec.Charset) {
        let members = (0...0x2FFF).compactMap(Unicode.Scalar.init).filter(charset.allows)
        let counter = TwitterCounter()
        #expect(members.map { counter.weight(of: $0) / counter.scale }.max() == WorstCase.heaviest(charset, unit: .weighted))
        #expect(members.map { String($0).utf8.count }.max() == WorstCase.heaviest(charset, unit: .bytes))
    }

    @Test func heaviestOfAnyBoundsEveryCodePoint() {
        let counter = TwitterCounter()
        let all = stride(from: 0, through: 0x10FFFF, by: 7).compactMap { Unicode.Scalar(UInt32($0)) }
        #expect(all.allSatisfy { counter.weight(of: $0) / counter.scale <= WorstCase.heaviest(.any, unit: .weighted) })
        #expect(all.allSatisfy { String($0).utf8.count <= WorstCase.heaviest(.any, unit: .bytes) })
        #expect(all.allSatisfy { $0.utf16.count <= 2 })
    }

    // MARK: - No accepted filling exceeds the worst case

    static let templates = [
        "Hi {{name}}, your order {{order_id}} has shipped: {{url}}",
        "{{handle}} order {{order_id}} — track it at {{short_url}} 📦",
        "{{handle}}https://example.com/track/{{order_id}}",
        "www.{{tiny}}.com or {{name}}.example.org",
        "Order#{{order_id}}! {{code}}{{word}}",
        "{{name}}{{tiny}}{{code}}",
        "مرحبًا {{name}}، طلبك {{order_id}} في الطريق: {{url}}",
        "שלום {{name}}, ההזמנה {{order_id}} בדרך",
        "€ {{word}} ^ {{code}} " + String(repeating: "x", count: 130) + " {{name}}",
        String(repeating: "a", count: 145) + "{{order_id}}" + String(repeating: "b", count: 140) + "{{word}}",
        "👩‍💻{{name}}\u{200D}❤️ e{{tiny}}\u{0301} 한{{tiny}}",
    ]

    @Test(arguments: [twitter, sms, bytes, characters])
    func noAcceptedValueExceedsTheWorstCase(_ channel: Channel) {
        var random = SeededRandom(seed: 0xA11CE)
        var bounded = 0
        for template in Self.templates {
            guard let worst = WorstCase.measure(template, channel: channel, placeholders: Self.declarations) else { continue }
            bounded += 1
            for _ in 0..<300 {
                var values: [String: String] = [:]
                for case let .placeholder(name) in Placeholder.pieces(template) where values[name] == nil {
                    values[name] = Self.value(for: Self.declarations[name]!, using: &random)
                }
                guard case let .success(filled) = Placeholder.fill(template, values: values, declarations: Self.declarations) else {
                    Issue.record("generated values were refused: \(values)")
                    continue
                }
                let count = LengthCount(filled, channel: channel)
                if channel.unit == .segments {
                    #expect(count.segments! <= worst.count.segments!, "\(filled.debugDescription) needs \(count.segments!) segments > worst \(worst.count.segments!)")
                    if count.encoding == worst.count.encoding { #expect(count.length <= worst.count.length) }
                } else {
                    #expect(count.length <= worst.count.length, "\(filled.debugDescription) measures \(count.length) > worst \(worst.count.length)")
                }
            }
        }
        // Templates with a `url` placeholder have no bound off X; the others must all be tried.
        #expect(bounded >= (channel.unit == .weighted ? Self.templates.count : Self.templates.count - 2))
    }

    /// A random value its declaration accepts (retried until `Placeholder.problem` is satisfied).
    static func value(for spec: PlaceholderSpec, using random: inout SeededRandom) -> String {
        let pools: [[String]] = switch (spec.type, spec.charset) {
        case (.url, _): [["https://example.com/t/", "https://nimbus.example/orders/", "http://t.co/"], ["a", "b", "7", "x/", "-", "_", "q?x=1"]]
        case (_, .identifier): [["A", "z", "0", "9", "-", "_", "@", "#"]]
        case (_, .ascii): [(0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }]
        case (_, .gsm): [Array(SMSCounter.basic.union(SMSCounter.extended)).map { String($0) }.sorted()]
        case (_, .any): [[
            "a", "Z", "é", "ş", "ı", "ç", "ب", "\u{064B}", "ש", "\u{05B8}", "界", "𠀀", "😀", "👍🏽", "👩‍💻", "🇫🇷", "1️⃣", "\u{200D}",
            "\u{200F}", "\u{3000}", "\u{0301}", "ᄒ", "ᅡ", "ᆫ", " ", ".", "/", "ﬀ", "Å", "\u{FB2C}",
        ]]
        }
        while true {
            var value = spec.type == .url ? random.pick(pools[0]) : ""
            let pool = pools[pools.count - 1]
            let length = 1 + random.next(upTo: spec.max ?? 30)
            for _ in 0..<length { value += random.pick(pool) }
            if Placeholder.problem(with: value, for: spec) == nil { return value }
        }
    }
}

/// SplitMix64: reproducible random numbers for property tests.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[next(upTo: items.count)] }
}
