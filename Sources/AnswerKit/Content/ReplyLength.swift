/// Checks that a reply fits its channel.
enum ReplyLength {
    /// Placeholders count as empty here: this is the length of the fixed text.
    static func baseText(_ text: String) -> String {
        Placeholder.fill(text) { _ in "" }
    }

    /// The channel a reply's length is reported against: its own, or for `any`
    /// the channel it fills most.
    static func binding(_ text: String, channel: String, config: SiteConfig) -> LengthCount? {
        let base = baseText(text)
        if channel == Channel.anyName {
            return LengthCount.all(base, channels: config.channels.filter { $0.limit != nil }).max { $0.fill < $1.fill }
        }
        return config.channel(channel).map { LengthCount(base, channel: $0) }
    }

    /// A reply measured on its channel: the fixed text, the worst case, and what is wrong.
    struct Measure {
        /// The fixed text's length on the binding channel (placeholders empty).
        var count: LengthCount?
        /// The worst case on the binding channel; `nil` when a placeholder is unbounded.
        var worstCase: LengthCount?
        var diagnostics: [Diagnostic]
    }

    /// Measures a reply, fixed text and worst case, and reports it when over a limit (an
    /// error unless the entry is a draft); for `any`, on every channel. The binding
    /// channel is the one the reply fills most in the worst case (the fixed text when
    /// the worst case is unknown).
    static func check(_ text: String, channel: String, config: SiteConfig, at location: SourceLocation, status: EntryStatus) -> Measure {
        let channels = channel == Channel.anyName ? config.channels : config.channel(channel).map { [$0] } ?? []
        var result: [Diagnostic] = []
        // `range(of: "{{") != nil` without Foundation (see `Placeholder.braces`).
        let hasPlaceholders = !Placeholder.braces(in: text).isEmpty
        // Split once for every channel; the fixed text is what `baseText` gives.
        let pieces = hasPlaceholders ? Placeholder.pieces(text) : []
        let base = hasPlaceholders ? WorstCase.fixedText(pieces) : text
        let counts = LengthCount.all(base, channels: channels)
        // An undeclared placeholder has no bound on any channel (`WorstCase.unboundedPlaceholders`).
        let undeclared = pieces.contains { if case let .placeholder(name) = $0 { config.placeholders[name] == nil } else { false } }
        // A plain count's worst case differs between channels only by the limit: made once a unit.
        var plain: [LengthUnit: WorstCase?] = [:]
        let worstCases = zip(channels, counts).map { target, count -> WorstCase? in
            guard hasPlaceholders else { return WorstCase(count: count, shares: []) }
            if undeclared { return nil }
            let isPlain = target.unit == .characters || target.unit == .bytes
            if isPlain, let known = plain[target.unit] { return known.map { $0.retargeted(to: target) } }
            let worst = WorstCase.measure(pieces, channel: target, placeholders: config.placeholders)
            if isPlain { plain[target.unit] = .some(worst) }
            return worst
        }
        let severity: Diagnostic.Severity = status == .draft ? .warning : .error
        for (index, target) in channels.enumerated() {
            let count = counts[index]
            guard count.valid else {
                result.append(tooLong(count, target: target, channel: channel, severity: severity, at: location))
                continue
            }
            if let worst = worstCases[index], !worst.count.valid {
                result.append(mayNotFit(worst, target: target, channel: channel, severity: severity, at: location))
            }
        }
        let candidates = channel == Channel.anyName ? Array(channels.indices.filter { channels[$0].limit != nil }) : Array(channels.indices.prefix(1))
        let binding = candidates.max { (worstCases[$0]?.count ?? counts[$0]).fill < (worstCases[$1]?.count ?? counts[$1]).fill }
        return Measure(count: binding.map { counts[$0] }, worstCase: binding.flatMap { worstCases[$0]?.count }, diagnostics: result)
    }

    /// The fixed text alone is over the limit.
    private static func tooLong(_ count: LengthCount, target: Channel, channel: String, severity: Diagnostic.Severity, at location: SourceLocation) -> Diagnostic {
        var notes: [String] = []
        let what = channel == Channel.anyName ? "reply for 'any' channel does not fit \(target.name)" : "\(target.name) reply is too long"
        var measure = "\(count.length) \(unitName(target.unit)); the limit is \(count.limit ?? 0)"
        if target.unit == .segments, let segments = count.segments, let encoding = count.encoding {
            measure = "\(segments) segments (\(count.length) \(encoding.rawValue) units); the limit is \(segmentCount(target.limit ?? 0))"
            if encoding == .ucs2 { notes.append("a character outside the GSM-7 alphabet (Arabic, Hebrew, Turkish ş ğ ı, emoji…) makes every segment 67 characters") }
        }
        if channel == Channel.anyName { notes.append("a reply for 'any' must fit every channel; give \(target.name) its own shorter reply") }
        return Diagnostic(severity, code: "reply-too-long", at: location, "\(what): \(measure)", notes: notes)
    }

    /// The fixed text fits, but the longest values the placeholders allow would not.
    private static func mayNotFit(_ worst: WorstCase, target: Channel, channel: String, severity: Diagnostic.Severity, at location: SourceLocation) -> Diagnostic {
        let count = worst.count
        let what = channel == Channel.anyName ? "reply for 'any' channel may not fit \(target.name) once filled in" : "\(target.name) reply can be too long once filled in"
        var measure = "up to \(count.length) \(unitName(target.unit)); the limit is \(count.limit ?? 0)"
        if target.unit == .segments, let segments = count.segments, let encoding = count.encoding {
            measure = "up to \(segmentCount(segments)) (\(count.length) \(encoding.rawValue) units); the limit is \(segmentCount(target.limit ?? 0))"
        }
        var notes = worst.shares.map { "\($0.name) adds up to \($0.units): \($0.reason)" }
        if target.unit == .segments, count.encoding == .ucs2 {
            notes.append("a value outside GSM-7 turns the whole message into UCS-2 (67 characters a segment); declare charset: gsm or identifier for placeholders that never need other characters")
        }
        notes.append("shorten the reply or lower 'max' of a placeholder under 'placeholders' in answerkit.yml")
        return Diagnostic(severity, code: "reply-may-not-fit", at: location, "\(what): \(measure)", notes: notes)
    }

    private static func segmentCount(_ count: Int) -> String { count == 1 ? "1 segment" : "\(count) segments" }

    static func unitName(_ unit: LengthUnit) -> String {
        switch unit {
        case .weighted, .characters: "characters"
        case .bytes: "bytes"
        case .segments: "units"
        }
    }
}
