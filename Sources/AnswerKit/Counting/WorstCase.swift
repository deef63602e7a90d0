/// The longest a reply can measure once an agent fills in its placeholders.
///
/// Each declared placeholder is taken at its `max` with the heaviest character
/// its charset allows under the channel's rule:
///
/// | rule         | `any`           | `gsm`     | `ascii`  | `identifier` | `url`                        |
/// |--------------|-----------------|-----------|----------|--------------|------------------------------|
/// | `weighted`   | 2 per character | 2 (`€`)   | 1        | 1            | 23 where X sees a link, else 1 per character |
/// | `characters` | 1               | 1         | 1        | 1            | 1                            |
/// | `bytes`      | 4 (UTF-8)       | 3 (`€`)   | 1        | 1            | 1                            |
/// | `segments`   | UCS-2, 2 units (a surrogate pair) | GSM-7, 2 septets (escape pair) | either: GSM-7 2 septets or UCS-2 1 unit (`` ` ``) | GSM-7, 1 septet | as `ascii` |
///
/// The fixed text is measured with the placeholders empty, as `length` is, and
/// the placeholders' shares are added. That sum is an upper bound because
/// NFC across a seam can only compose (shorten), an emoji sequence weighs no
/// more than its code points, and SMS segment packing never needs fewer
/// segments when an item grows (next-fit packing is monotone); for SMS both
/// encodings the values could force are tried and the worse is kept.
///
/// X needs three more cases, because a value can change what is a link:
/// - a link of the fixed text that touches a placeholder (`{{x}}https://…`,
///   `https://x.com/{{id}}`) may stop being one, so it counts as the larger of
///   23 and its characters;
/// - a placeholder glued to text it could complete a link with (`www.{{domain}}`,
///   `https://{{host}}`, `{{name}}.com`; see `Spaced.gluedSides`) adds at least
///   23 for each such side;
/// - a `url` placeholder counts 23 only where X sees a link of its own (not
///   right after a letter, digit, `_`, `@`, `#`, `$`, `.` or `/`; not followed
///   by a letter, digit, `-`, `_`, or a `.`/`:` that would extend its host or
///   port); elsewhere it counts its characters and needs `max`.
/// A text value that itself contains a link is refused when filling
/// (`Placeholder.problem(with:for:)`), so the bound holds for every accepted
/// value; filled replies are measured again anyway.
public struct WorstCase: Sendable, Hashable {
    /// What one placeholder adds at most, in the unit of `count`.
    public struct Share: Sendable, Hashable {
        public var name: String
        /// Units added (all occurrences of the placeholder together).
        public var units: Int
        /// Why, for messages ("15 characters of weight 2", "a link: 23").
        public var reason: String
    }

    /// The worst-case measure: length, limit and validity (SMS: segments and encoding).
    public var count: LengthCount
    /// Each placeholder's share, in order of first appearance.
    public var shares: [Share]

    /// The worst case of `text` on `channel`, or `nil` when a placeholder has no bound
    /// under the channel's rule (see `unboundedPlaceholders`).
    public static func measure(_ text: String, channel: Channel, placeholders: [String: PlaceholderSpec]) -> WorstCase? {
        measure(Placeholder.pieces(text), channel: channel, placeholders: placeholders)
    }

    /// `measure` of a text already split by `Placeholder.pieces`.
    static func measure(_ pieces: [Placeholder.Piece], channel: Channel, placeholders: [String: PlaceholderSpec]) -> WorstCase? {
        guard unboundedPlaceholders(pieces, channel: channel, placeholders: placeholders).isEmpty else { return nil }
        switch channel.unit {
        case .weighted: return weighted(pieces, channel: channel, placeholders: placeholders)
        case .characters, .bytes: return additive(pieces, channel: channel, placeholders: placeholders)
        case .segments: return segments(pieces, channel: channel, placeholders: placeholders)
        }
    }

    /// This worst case, of a `characters` or `bytes` channel, on another channel of the
    /// same unit: only the name, limit and validity differ (see `additive`).
    func retargeted(to channel: Channel) -> WorstCase {
        assert(channel.unit == count.unit && (channel.unit == .characters || channel.unit == .bytes))
        var copy = self
        copy.count.channel = channel.name
        copy.count.limit = channel.limit
        copy.count.valid = channel.limit.map { copy.count.length <= $0 } ?? true
        return copy
    }

    /// Placeholders of `text` with no bound on `channel`: undeclared, or without `max`
    /// (a `url` on a weighted channel needs none where X sees a link).
    public static func unboundedPlaceholders(_ text: String, channel: Channel, placeholders: [String: PlaceholderSpec]) -> [String] {
        unboundedPlaceholders(Placeholder.pieces(text), channel: channel, placeholders: placeholders)
    }

    static func unboundedPlaceholders(_ pieces: [Placeholder.Piece], channel: Channel, placeholders: [String: PlaceholderSpec]) -> [String] {
        var unbounded: [String] = []
        // Only a url without max on X needs the text around it; build that view lazily.
        var spaced: Spaced?
        var slot = 0
        for case let .placeholder(name) in pieces {
            defer { slot += 1 }
            guard !unbounded.contains(name) else { continue }
            guard let spec = placeholders[name] else {
                unbounded.append(name)
                continue
            }
            if spec.max != nil { continue }
            if spec.type == .url, channel.unit == .weighted {
                if spaced == nil { spaced = Spaced(pieces) }
                if spaced!.isLinkPosition(spaced!.slots[slot]) { continue }
            }
            unbounded.append(name)
        }
        return unbounded
    }

    /// The most one code point of `charset` weighs under `unit`; for SMS the most
    /// units in either encoding (`filling(_:placeholders:encoding:)` tells them apart).
    static func heaviest(_ charset: PlaceholderSpec.Charset, unit: LengthUnit) -> Int {
        switch (unit, charset) {
        case (.characters, _): 1
        case (.weighted, .any), (.weighted, .gsm): 2
        case (.bytes, .any): 4
        case (.bytes, .gsm): 3
        case (.weighted, _), (.bytes, _): 1
        case (.segments, .identifier): 1
        case (.segments, _): 2
        }
    }
}

// MARK: - Rules

extension WorstCase {
    /// `characters` and `bytes`: the fixed text plus `max` heaviest characters per placeholder.
    private static func additive(_ pieces: [Placeholder.Piece], channel: Channel, placeholders: [String: PlaceholderSpec]) -> WorstCase {
        var base = LengthCount(fixedText(pieces), channel: channel)
        // Each piece of fixed text on its own: joined, text on both sides of a placeholder
        // can compose in NFC ("e{{x}}\u{301}" → "é"), which the filled text never does.
        // Composition only shortens, so the sum of the pieces bounds every filling.
        base.length = pieces.reduce(0) { total, piece in
            guard case let .text(text) = piece else { return total }
            return total + LengthCount(text, channel: channel).length
        }
        var shares = Shares()
        for case let .placeholder(name) in pieces {
            let spec = placeholders[name]!
            let weight = heaviest(spec.charset, unit: channel.unit)
            let max = spec.max!
            shares.add(name, max * weight, channel.unit == .bytes && weight > 1 ? "\(max) characters of \(weight) bytes" : "\(max) characters")
        }
        base.length += shares.total
        base.valid = channel.limit.map { base.length <= $0 } ?? true
        return WorstCase(count: base, shares: shares.list)
    }

    /// `weighted` (X): see the type's documentation for the link cases.
    private static func weighted(_ pieces: [Placeholder.Piece], channel: Channel, placeholders: [String: PlaceholderSpec]) -> WorstCase {
        let counter = TwitterCounter()
        let link = counter.transformedURLLength
        let spaced = Spaced(pieces)
        let measured = counter.measure(String(String.UnicodeScalarView(spaced.scalars)))
        var total = measured.length - spaced.slots.count
        // Links touching a placeholder may stop being links: count the larger.
        let slotSet = Set(spaced.slots)
        for range in URLScanner.urlRanges(in: spaced.scalars) where slotSet.contains(range.lowerBound - 1) || slotSet.contains(range.upperBound) {
            let characters = spaced.scalars[range].reduce(0) { $0 + counter.weight(of: $1) } / counter.scale
            total += max(0, characters - link)
        }
        var shares = Shares()
        for (name, slot) in zip(spaced.names, spaced.slots) {
            let spec = placeholders[name]!
            if spec.type == .url, spaced.isLinkPosition(slot) {
                shares.add(name, link, "a link: \(link)")
                continue
            }
            let max = spec.max!
            let weight = heaviest(spec.charset, unit: .weighted)
            var units = max * weight
            var reason = weight == 2 ? "\(max) characters of weight 2" : "\(max) characters"
            // Each side where the value could complete a link with the text may add one.
            let sides = spaced.gluedSides(slot, valueMayHaveDot: spec.charset != .identifier)
            if units < link * sides {
                units = link * sides
                reason += sides == 1 ? ", or a link with the text around it: \(link)" : ", or a link on each side: \(link * sides)"
            }
            shares.add(name, units, reason)
        }
        total += shares.total
        var count = LengthCount("", channel: channel)
        count.length = total
        count.valid = !measured.hasInvalidCharacter && (channel.limit.map { total <= $0 } ?? true)
        return WorstCase(count: count, shares: shares.list)
    }

    /// `segments` (SMS): the worse of the GSM-7 and UCS-2 fillings the values allow.
    private static func segments(_ pieces: [Placeholder.Piece], channel: Channel, placeholders: [String: PlaceholderSpec]) -> WorstCase {
        let fixed = Array(Normalization.nfc(fixedText(pieces)).unicodeScalars)
        let fixedIsGSM = fixed.allSatisfy { SMSCounter.basic.contains($0) || SMSCounter.extended.contains($0) }
        let names = pieces.compactMap { if case let .placeholder(name) = $0 { name } else { nil } }
        // A value can force UCS-2 if its charset has a character outside GSM-7.
        let canForceUCS2 = names.contains { placeholders[$0]!.charset == .any || placeholders[$0]!.charset == .ascii }
        var candidates: [(SMSCounter.Encoding, [Int], Shares)] = []
        if fixedIsGSM {
            candidates.append(filling(pieces, placeholders: placeholders, encoding: .gsm7))
        }
        if !fixedIsGSM || canForceUCS2 {
            candidates.append(filling(pieces, placeholders: placeholders, encoding: .ucs2))
        }
        let measured = candidates.map { encoding, sizes, shares in
            let segments = encoding == .gsm7
                ? SMSCounter.segments(sizes, single: 160, multi: 153) : SMSCounter.segments(sizes, single: 70, multi: 67)
            return (encoding: encoding, units: sizes.reduce(0, +), segments: segments, shares: shares)
        }
        let worst = measured.max { ($0.segments, $0.units) < ($1.segments, $1.units) }!
        var count = LengthCount("", channel: channel)
        count.length = worst.units
        count.segments = worst.segments
        count.encoding = worst.encoding
        count.limit = channel.limit.map { SMSCounter.capacity(segments: $0, encoding: worst.encoding) }
        count.valid = channel.limit.map { worst.segments <= $0 } ?? true
        return WorstCase(count: count, shares: worst.shares.list)
    }

    /// The indivisible item sizes of the text in `encoding` with every placeholder at
    /// its heaviest: GSM-7 escape pairs (2 septets) or UCS-2 surrogate pairs (2 units).
    private static func filling(_ pieces: [Placeholder.Piece], placeholders: [String: PlaceholderSpec], encoding: SMSCounter.Encoding) -> (SMSCounter.Encoding, [Int], Shares) {
        var sizes: [Int] = []
        var shares = Shares()
        for piece in pieces {
            switch piece {
            case let .text(text):
                for scalar in Normalization.nfc(text).unicodeScalars {
                    sizes.append(encoding == .gsm7 ? (SMSCounter.extended.contains(scalar) ? 2 : 1) : scalar.utf16.count)
                }
            case let .placeholder(name):
                let spec = placeholders[name]!
                let size: Int
                let what: String
                switch (encoding, spec.charset) {
                case (.gsm7, .identifier): (size, what) = (1, "septet")
                case (.gsm7, _): (size, what) = (2, "septets (escape pairs such as €)")
                case (.ucs2, .any): (size, what) = (2, "UTF-16 units (characters such as emoji)")
                case (.ucs2, _): (size, what) = (1, "UTF-16 unit")
                }
                sizes.append(contentsOf: repeatElement(size, count: spec.max!))
                shares.add(name, size * spec.max!, "\(spec.max!) characters of \(size) \(what)")
            }
        }
        return (encoding, sizes, shares)
    }
}

// MARK: - Helpers

extension WorstCase {
    /// The text without its placeholders.
    static func fixedText(_ pieces: [Placeholder.Piece]) -> String {
        pieces.map { if case let .text(text) = $0 { text } else { "" } }.joined()
    }

    /// The text in NFC with one space where each placeholder goes: a space is never
    /// part of a link or an emoji sequence and weighs 1 everywhere, so it marks where
    /// values go without joining the text around them.
    struct Spaced {
        var scalars: [Unicode.Scalar] = []
        /// Offsets of the placeholders' spaces, in order.
        var slots: [Int] = []
        /// The placeholder at each slot.
        var names: [String] = []

        init(_ pieces: [Placeholder.Piece]) {
            for piece in pieces {
                switch piece {
                case let .text(text): scalars.append(contentsOf: Normalization.nfc(text).unicodeScalars)
                case let .placeholder(name):
                    slots.append(scalars.count)
                    names.append(name)
                    scalars.append(" ")
                }
            }
        }

        private func isSlot(_ index: Int) -> Bool { slots.contains(index) }

        /// Whether the text at `index` could be part of a host name next to a value
        /// (another placeholder counts: its value is unknown).
        private func isHostLike(_ index: Int) -> Bool {
            scalars.indices.contains(index) && (isSlot(index) || URLScanner.isHostScalar(scalars[index]))
        }

        /// Whether X sees the value at `slot` as a link of its own: not right after a
        /// letter, digit, `_`, `@`, `#`, `$`, `.` or `/` (twitter-text's rule), and not
        /// followed by text that would extend its host or port.
        func isLinkPosition(_ slot: Int) -> Bool {
            let before = slot - 1
            if scalars.indices.contains(before) {
                if isSlot(before) || URLScanner.isWordScalar(scalars[before]) || "@$#＠＃./".unicodeScalars.contains(scalars[before]) { return false }
            }
            let after = slot + 1
            guard scalars.indices.contains(after) else { return true }
            if isHostLike(after) { return false }
            if scalars[after] == "." { return !isHostLike(after + 1) }
            if scalars[after] == ":", scalars.indices.contains(after + 1) {
                return !(isSlot(after + 1) || ("0"..."9").contains(scalars[after + 1]))
            }
            return true
        }

        /// On how many sides (0–2) the value at `slot` touches text it could complete a
        /// link with. A value that may hold a `.` joins a letter, digit or `.` before it,
        /// `://` before it, or a letter, digit, or `.` plus one after it (`www.{{domain}}`,
        /// `https://{{host}}`, `{{name}}.com`). A value without `.` (`identifier`) only
        /// matters next to a host name that already has a dot (`www.{{tld}}`, `{{label}}.com`).
        func gluedSides(_ slot: Int, valueMayHaveDot: Bool) -> Int {
            let before = slot - 1, after = slot + 1
            var sides = 0
            if valueMayHaveDot {
                let scheme = before >= 2 && scalars[(before - 2)...before].elementsEqual("://".unicodeScalars)
                if isHostLike(before) || (scalars.indices.contains(before) && scalars[before] == ".") || scheme { sides += 1 }
                if isHostLike(after) || (scalars.indices.contains(after) && scalars[after] == "." && isHostLike(after + 1)) { sides += 1 }
            } else {
                if hostRunHasDot(from: before, step: -1) { sides += 1 }
                if hostRunHasDot(from: after, step: 1) { sides += 1 }
            }
            return sides
        }

        /// Whether the run of host characters and dots starting at `index` (walking by
        /// `step`) has a dot, or reaches another placeholder (whose value might).
        private func hostRunHasDot(from index: Int, step: Int) -> Bool {
            var index = index
            while scalars.indices.contains(index) {
                if isSlot(index) || scalars[index] == "." { return true }
                guard URLScanner.isHostScalar(scalars[index]) else { return false }
                index += step
            }
            return false
        }
    }

    /// Shares summed by name, in order of first appearance.
    struct Shares {
        private var names: [String] = []
        private var units: [String: Int] = [:]
        private var reasons: [String: [String]] = [:]

        var total: Int { units.values.reduce(0, +) }

        var list: [Share] {
            names.map { name in
                let all = reasons[name]!
                let reason = Set(all).count == 1 && all.count > 1 ? "\(all.count) uses, each \(all[0])" : all.joined(separator: " + ")
                return Share(name: name, units: units[name]!, reason: reason)
            }
        }

        mutating func add(_ name: String, _ amount: Int, _ reason: String) {
            if units[name] == nil { names.append(name) }
            units[name, default: 0] += amount
            reasons[name, default: []].append(reason)
        }
    }
}
