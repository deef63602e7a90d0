@testable import AnswerKit
import Foundation
import Testing

/// The counters that measure a reply once for every channel (`MeasuredText`, the
/// one-pass SMS packer, X's no-grapheme path, the byte-level placeholder scan, the
/// worst case shared by channels of one unit) give exactly what the simpler
/// implementations they replaced gave (kept here as references).
@Suite struct SharedMeasureTests {
    // MARK: - References (the previous implementations)

    /// GSM-7 if every scalar has a septet size, else UCS-2; sizes packed by `SMSCounter.segments`.
    static func referenceSMS(_ text: String) -> SMSCounter.Measure {
        let scalars = Array(Normalization.nfc(text).unicodeScalars)
        if scalars.allSatisfy({ SMSCounter.basic.contains($0) || SMSCounter.extended.contains($0) }) {
            let sizes = scalars.map { SMSCounter.extended.contains($0) ? 2 : 1 }
            return SMSCounter.Measure(encoding: .gsm7, units: sizes.reduce(0, +), segments: SMSCounter.segments(sizes, single: 160, multi: 153))
        }
        let sizes = scalars.map { $0.utf16.count }
        return SMSCounter.Measure(encoding: .ucs2, units: sizes.reduce(0, +), segments: SMSCounter.segments(sizes, single: 70, multi: 67))
    }

    /// X's weighted length by walking graphemes, for every text (no shortcut).
    static func referenceTwitter(_ text: String) -> (length: Int, hasInvalidCharacter: Bool) {
        let counter = TwitterCounter()
        let normalized = Normalization.nfc(text)
        let urls = URLScanner.urlRanges(in: Array(normalized.unicodeScalars))
        var weight = 0
        var invalid = false
        var offset = 0
        var nextURL = 0
        for character in normalized {
            let count = character.unicodeScalars.count
            defer { offset += count }
            while nextURL < urls.count, urls[nextURL].upperBound <= offset { nextURL += 1 }
            if nextURL < urls.count, urls[nextURL].contains(offset) {
                if urls[nextURL].lowerBound == offset { weight += counter.transformedURLLength * counter.scale }
                let tail = offset + count - urls[nextURL].upperBound
                if tail > 0 {
                    for scalar in character.unicodeScalars.suffix(tail) { weight += counter.weight(of: scalar) }
                }
                continue
            }
            if TwitterCounter.isEmojiSequence(character) {
                weight += counter.defaultWeight
                continue
            }
            for scalar in character.unicodeScalars {
                if scalar.value == 0xFFFE || scalar.value == 0xFEFF || scalar.value == 0xFFFF { invalid = true }
                weight += counter.weight(of: scalar)
            }
        }
        return (weight / counter.scale, invalid)
    }

    /// The placeholder scan over an array of scalars.
    static func referenceScan(_ text: String) -> (names: [String], problems: [Placeholder.Problem]) {
        let scalars = Array(text.unicodeScalars)
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        func find(from start: Int) -> Int? {
            var index = start
            while index + 1 < scalars.count {
                if scalars[index] == "}", scalars[index + 1] == "}" { return index }
                index += 1
            }
            return nil
        }
        func suggested(_ inner: String) -> String {
            let lowered = inner.trimmingCharacters(in: .whitespaces).lowercased()
            let mapped = String(lowered.unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_" })
            return Placeholder.isName(mapped) ? mapped : ""
        }
        var names: [String] = []
        var problems: [Placeholder.Problem] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "{" {
                if index + 1 < scalars.count, scalars[index + 1] == "{" {
                    guard let close = find(from: index + 2) else {
                        problems.append(.init(offset: index, message: "'{{' is never closed with '}}'"))
                        break
                    }
                    let inner = string((index + 2)..<close)
                    if Placeholder.isName(inner) {
                        if !names.contains(inner) { names.append(inner) }
                    } else {
                        let suggestion = suggested(inner)
                        problems.append(.init(
                            offset: index,
                            message: "placeholder '{{\(inner)}}' is not valid: use lower-case letters, digits and '_'"
                                + (suggestion.isEmpty ? "" : ", e.g. '{{\(suggestion)}}'")))
                    }
                    index = close + 2
                    continue
                }
                let close = scalars[index...].firstIndex(of: "}")
                let suggestion = suggested(close.map { string((index + 1)..<$0) } ?? "")
                problems.append(.init(offset: index, message: "single '{' is not placeholder syntax" + (suggestion.isEmpty ? "" : "; write '{{\(suggestion)}}'")))
                index = (close ?? index) + 1
                continue
            }
            if scalars[index] == "}" {
                problems.append(.init(offset: index, message: "'}' without a matching '{{'"))
                if index + 1 < scalars.count, scalars[index + 1] == "}" { index += 1 }
            }
            index += 1
        }
        return (names, problems)
    }

    // MARK: - Inputs

    /// Pieces chosen to meet at every edge the shortcuts rely on: URLs after ASCII, after
    /// a Prepend mark (U+0600), after CR, starting or ending next to combining marks;
    /// emoji and invalid characters above U+10FF; GSM-7 basic, extension, Greek and
    /// non-GSM Latin; decomposed text (NFC composes it); Devanagari conjuncts; braces.
    static let pieces: [String] = [
        "a", "Z", "7", " ", ".", "/", ":", "\r", "\n", "\r\n", "https://", "HTTP://", "example.com", "t.co", "x.org/a?b=1",
        "www.example.co.uk", "(", ")", "é", "e\u{301}", "\u{301}", "\u{0600}", "\u{0605}", "\u{05D0}\u{05B8}", "\u{0628}",
        "\u{064E}", "\u{0651}\u{064F}", "ş", "ı", "€", "Ω", "ç", "£", "^", "~", "\u{0C}", "😀", "👍🏽", "1\u{FE0F}\u{20E3}",
        "\u{200D}", "\u{FEFF}", "©", "\u{0915}\u{094D}\u{0937}", "\u{1100}\u{1161}", "\u{10FF}", "\u{1100}", "…",
        "{", "}", "{{", "}}", "{{name}}", "{{order_id}}", "{{ Bad }}", String(repeating: "b", count: 150),
    ]

    static func texts(count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            (0..<(1 + random.next(upTo: 14))).map { _ in random.pick(pieces) }.joined()
        }
    }

    // MARK: - Equivalence

    @Test func smsOnePassMatchesReference() {
        for text in Self.texts(count: 3000, seed: 11) + ["", String(repeating: "€", count: 80), String(repeating: "😀", count: 40)] {
            #expect(SMSCounter.measure(text) == Self.referenceSMS(text), "\(text.debugDescription)")
        }
    }

    @Test func smsSegmentEdgesMatchReference() {
        // Lengths around every segment boundary, with escape pairs and surrogate pairs at the edge.
        for count in [0, 1, 152, 153, 159, 160, 161, 305, 306, 307, 459, 460] {
            for tail in ["", "€", "a€", "😀", "ş"] {
                let text = String(repeating: "a", count: count) + tail
                #expect(SMSCounter.measure(text) == Self.referenceSMS(text), "\(count) + \(tail)")
            }
        }
        for count in [66, 67, 68, 69, 70, 71, 133, 134, 135] {
            for tail in ["", "😀", "ب😀"] {
                let text = String(repeating: "ب", count: count) + tail
                #expect(SMSCounter.measure(text) == Self.referenceSMS(text), "\(count) + \(tail)")
            }
        }
    }

    @Test func twitterWithoutGraphemesMatchesReference() {
        for text in Self.texts(count: 3000, seed: 12) {
            let measured = TwitterCounter().measure(text)
            let reference = Self.referenceTwitter(text)
            #expect(measured.length == reference.length && measured.hasInvalidCharacter == reference.hasInvalidCharacter, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        "\u{0600}example.com is here",  // a Prepend mark joins the URL's first letter: the walk decides
        "see \u{301}example.com",  // a URL may start with a combining mark
        "x\r\nexample.com/a",  // LF before the URL: a boundary, but not between two plain ASCII scalars
        "\u{0915}\u{094D}example.com",  // a virama before the URL
        "example.com\u{301} and t.co/x\u{301}\u{301}",  // marks after a URL's end
        "https://a.example.com/x https://b.example.com/y",  // two URLs
        "https://example.com",  // a URL at the very start
    ])
    func twitterURLEdgesMatchReference(_ text: String) {
        let measured = TwitterCounter().measure(text)
        let reference = Self.referenceTwitter(text)
        #expect(measured.length == reference.length)
        #expect(measured.hasInvalidCharacter == reference.hasInvalidCharacter)
    }

    @Test func startsGraphemeOnlyWhereTheWalkSeesABoundary() {
        // Wherever the shortcut claims a boundary, Swift's own segmentation has one.
        for text in Self.texts(count: 1000, seed: 13) {
            let scalars = Array(text.unicodeScalars)
            var boundaries: Set<Int> = [0]
            var offset = 0
            for character in text {
                offset += character.unicodeScalars.count
                boundaries.insert(offset)
            }
            for index in scalars.indices where TwitterCounter.startsGrapheme(index, in: scalars) {
                #expect(boundaries.contains(index), "\(text.debugDescription) at \(index)")
            }
        }
    }

    @Test func everyChannelMeasuredAsBefore() {
        let channels = Channel.builtIn + [Channel(name: "short", unit: .characters, limit: 20), Channel(name: "tiny-sms", unit: .segments, limit: 1)]
        for text in Self.texts(count: 1500, seed: 14) {
            let all = LengthCount.all(text, channels: channels)
            let normalized = Normalization.nfc(text)
            for (channel, count) in zip(channels, all) {
                #expect(count == LengthCount(text, channel: channel))
                switch channel.unit {
                case .weighted:
                    let reference = Self.referenceTwitter(text)
                    #expect(count.length == reference.length)
                    #expect(count.valid == (!reference.hasInvalidCharacter && count.length <= channel.limit!))
                case .characters: #expect(count.length == normalized.unicodeScalars.count)
                case .bytes: #expect(count.length == normalized.utf8.count)
                case .segments:
                    let reference = Self.referenceSMS(text)
                    #expect(count.length == reference.units && count.segments == reference.segments && count.encoding == reference.encoding)
                }
            }
        }
    }

    @Test func placeholderScanMatchesReference() {
        for text in Self.texts(count: 3000, seed: 15) + ["", "{", "}", "{{", "ש{{x}}ש}", "é{bad}}", "{{a}}{{a}}{{b"] {
            let scanned = Placeholder.scan(text)
            let reference = Self.referenceScan(text)
            #expect(scanned.names == reference.names, "\(text.debugDescription)")
            #expect(scanned.problems == reference.problems, "\(text.debugDescription)")
        }
    }

    // MARK: - Worst case shared by channels of one unit

    @Test func anyReplyWorstCaseMatchesEachChannelMeasuredAlone() {
        var config = SiteConfig(title: "Test")
        config.channels = Channel.builtIn + [Channel(name: "short", unit: .characters, limit: 30), Channel(name: "dm2", unit: .bytes, limit: 40)]
        config.placeholders = WorstCaseTests.declarations
        let location = SourceLocation(path: "content/en/a/b.md", line: 3, column: 5)
        for text in ["Hi {{name}}, order {{order_id}} ships today.", "{{name}} {{word}} {{tiny}} é€", "Plain text", "See {{short_url}} now, {{handle}}"] {
            let measure = ReplyLength.check(text, channel: Channel.anyName, config: config, at: location, status: .approved)
            // The binding channel's worst case, recomputed alone.
            if let worst = measure.worstCase, let channel = config.channel(worst.channel) {
                let alone = WorstCase.measure(text, channel: channel, placeholders: config.placeholders)
                #expect(alone?.count == worst)
            }
            for channel in config.channels where channel.unit == .characters || channel.unit == .bytes {
                let alone = WorstCase.measure(text, channel: channel, placeholders: config.placeholders)
                let first = config.channels.first { $0.unit == channel.unit }!
                let shared = WorstCase.measure(text, channel: first, placeholders: config.placeholders)?.retargeted(to: channel)
                #expect(alone == shared, "\(text) on \(channel.name)")
            }
        }
    }
}
