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

    /// Diagnostics for a reply over its limit (an error unless the entry is a draft).
    /// Measures a reply and reports it when over a limit; returns the binding count too.
    static func check(_ text: String, channel: String, config: SiteConfig, at location: SourceLocation, status: EntryStatus) -> (LengthCount?, [Diagnostic]) {
        let base = baseText(text)
        let channels = channel == Channel.anyName ? config.channels : config.channel(channel).map { [$0] } ?? []
        var result: [Diagnostic] = []
        let counts = LengthCount.all(base, channels: channels)
        let binding = channel == Channel.anyName ? counts.filter { $0.limit != nil }.max { $0.fill < $1.fill } : counts.first
        for (target, count) in zip(channels, counts) {
            guard !count.valid else { continue }
            let severity: Diagnostic.Severity = status == .draft ? .warning : .error
            var notes: [String] = []
            let what = channel == Channel.anyName ? "reply for 'any' channel does not fit \(target.name)" : "\(target.name) reply is too long"
            var measure = "\(count.length) \(unitName(target.unit)); the limit is \(count.limit ?? 0)"
            if target.unit == .segments, let segments = count.segments, let encoding = count.encoding {
                measure = "\(segments) segments (\(count.length) \(encoding.rawValue) units); the limit is \(target.limit ?? 0) segments"
                if encoding == .ucs2 { notes.append("a character outside the GSM-7 alphabet (Arabic, Hebrew, Turkish ş ğ ı, emoji…) makes every segment 67 characters") }
            }
            if channel == Channel.anyName { notes.append("a reply for 'any' must fit every channel; give \(target.name) its own shorter reply") }
            result.append(Diagnostic(severity, code: "reply-too-long", at: location, "\(what): \(measure)", notes: notes))
        }
        return (binding, result)
    }

    static func unitName(_ unit: LengthUnit) -> String {
        switch unit {
        case .weighted, .characters: "characters"
        case .bytes: "bytes"
        case .segments: "units"
        }
    }
}
