import Foundation

/// The approved-reply bundle, `snippets.json`: what agents' tools load.
///
/// Only replies of `approved` entries whose `review_by` has not passed are in
/// it; drafts, retired and overdue entries never are. Field names are
/// snake_case and documented by `snippets.schema.json` (see `SnippetSchema`).
public struct SnippetBundle: Sendable, Codable, Equatable {
    /// Bumped when a field changes meaning or disappears; additions keep it.
    public static let currentSchemaVersion = 1

    /// Site the bundle comes from.
    public struct Site: Sendable, Codable, Equatable {
        public var title: String
        public var baseURL: String

        enum CodingKeys: String, CodingKey {
            case title
            case baseURL = "base_url"
        }
    }

    /// One approved reply.
    public struct Snippet: Sendable, Codable, Equatable {
        /// `<entry>:<locale>:<channel>:<kind>:<n>`, stable while the entry keeps its id.
        public var id: String
        /// The entry id (shared by translations).
        public var entry: String
        public var locale: String
        /// A channel name or `any`.
        public var channel: String
        public var kind: String
        /// The entry's title: the customer's question.
        public var title: String
        /// The reply, with `{{placeholders}}`.
        public var text: String
        /// Placeholder names in `text`, in order.
        public var variables: [String]
        /// Absolute URL of the entry page.
        public var url: String
        public var tags: [String]
        /// Length of `text` with placeholders empty, by the channel's rule.
        public var length: Int
        /// The channel's limit in the same unit, or `null` when it has none.
        public var limit: Int?
        /// How `length` is counted: `weighted`, `characters`, `bytes`, or for SMS
        /// `segments` (then `length` is GSM-7 septets or UCS-2 code units, `limit` the
        /// capacity of the allowed segments and `segments` the count).
        public var unit: String
        /// SMS only: the number of segments.
        public var segments: Int?
        /// For `any` replies: the channel the length and limit are those of (the tightest fit).
        public var limitChannel: String?
        public var approvedBy: String
        public var approvedOn: Day
        public var reviewBy: Day?
        /// `sha256:<hex>` of the text, to spot changed replies.
        public var hash: String
        /// The longest the reply can measure once filled in, in `unit` on the same channel
        /// as `length`; `nil` when a placeholder has no declared bound (see `WorstCase`).
        public var worstCaseLength: Int? = nil
        /// SMS only: the worst case in segments.
        public var worstCaseSegments: Int? = nil
        /// `true` when the entry in the default locale was approved again after this
        /// translation (see `TranslationSync`); absent otherwise.
        public var staleTranslation: Bool? = nil

        enum CodingKeys: String, CodingKey {
            case id, entry, locale, channel, kind, title, text, variables, url, tags, length, limit, unit, segments, hash
            case worstCaseLength = "worst_case_length"
            case worstCaseSegments = "worst_case_segments"
            case staleTranslation = "stale_translation"
            case limitChannel = "limit_channel"
            case approvedBy = "approved_by"
            case approvedOn = "approved_on"
            case reviewBy = "review_by"
        }
    }

    public var schema = "snippets.schema.json"
    public var schemaVersion = SnippetBundle.currentSchemaVersion
    public var site: Site
    /// The bundle's locale, or `null` for the bundle of all locales.
    public var locale: String?
    public var count: Int
    public var replies: [Snippet]
    /// Counting rule and limit of every configured channel (see `SnippetBundle+Rules`);
    /// `nil` only in bundles written before it was added.
    public var channels: [String: ChannelRule]? = nil
    /// The declared placeholders by name; `nil` only in bundles written before it was added.
    public var placeholders: [String: PlaceholderSpec]? = nil

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case schemaVersion = "schema_version"
        case site, locale, count, replies, channels, placeholders
    }

    /// The replies of one locale.
    public func filtered(locale: String) -> SnippetBundle {
        var copy = self
        copy.locale = locale
        copy.schema = "../snippets.schema.json"
        copy.replies = replies.filter { $0.locale == locale }
        copy.count = copy.replies.count
        return copy
    }
}

extension SnippetBundle {
    /// Builds the bundle of every locale from the site's entries (the index stage for replies).
    public static func make(entries: [Entry], config: SiteConfig, urls: URLScheme, today: Day) -> SnippetBundle {
        let stale = TranslationSync.staleKeys(in: entries, defaultLocale: config.defaultLocale)
        var snippets = entries.flatMap { Self.snippets(of: $0, config: config, urls: urls, today: today, stale: stale) }
        snippets.sort { $0.id < $1.id }
        return SnippetBundle(
            site: Site(title: config.title, baseURL: config.baseURL), locale: nil, count: snippets.count, replies: snippets,
            channels: rules(of: config), placeholders: config.placeholders)
    }

    /// The bundle's replies of one entry (none unless it is approved and in review date).
    static func snippets(of entry: Entry, config: SiteConfig, urls: URLScheme, today: Day, stale: Set<EntryKey>) -> [Snippet] {
        bundled(entry, config: config, today: today).map { reply, count in
            snippet(of: entry, reply: entry.replies[reply], count: count, urls: urls, stale: stale.contains(entry.key))
        }
    }

    /// The replies of `entry` the bundle has (none unless it is approved and in review
    /// date): their positions in `entry.replies`, and their lengths on their channels.
    static func bundled(_ entry: Entry, config: SiteConfig, today: Day) -> [(reply: Int, count: LengthCount)] {
        guard entry.repliesArePublishable(on: today), entry.approvedBy != nil, entry.approvedOn != nil else { return [] }
        var bundled: [(reply: Int, count: LengthCount)] = []
        for (index, reply) in entry.replies.enumerated() {
            guard let count = reply.count ?? ReplyLength.binding(reply.text, channel: reply.channel, config: config) else { continue }
            bundled.append((index, count))
        }
        return bundled
    }

    /// The id of `reply` of `entry` in the bundle.
    static func snippetID(of entry: Entry, reply: Reply) -> String {
        "\(entry.id):\(entry.key.locale):\(reply.channel):\(reply.kind.rawValue):\(reply.number)"
    }

    /// `reply` of `entry` as the bundle has it; `count` is its length (`bundled`), `stale`
    /// whether the entry is a translation approved before its original.
    static func snippet(of entry: Entry, reply: Reply, count: LengthCount, urls: URLScheme, stale: Bool, id: String? = nil) -> Snippet {
        var snippet = Snippet(
            id: id ?? snippetID(of: entry, reply: reply),
            entry: entry.id, locale: entry.key.locale, channel: reply.channel, kind: reply.kind.rawValue,
            title: entry.title, text: reply.text, variables: reply.variables,
            url: urls.absolute(urls.entry(entry.key)), tags: entry.tags,
            length: count.length, limit: count.limit, unit: count.unit.rawValue, segments: count.segments,
            limitChannel: reply.channel == Channel.anyName ? count.channel : nil,
            approvedBy: entry.approvedBy!, approvedOn: entry.approvedOn!, reviewBy: entry.reviewBy,
            hash: "sha256:" + ContentHash.sha256(reply.text))
        let worst = reply.worstCase ?? (reply.variables.isEmpty ? count : nil)
        snippet.worstCaseLength = worst?.length
        snippet.worstCaseSegments = worst?.segments
        snippet.staleTranslation = stale ? true : nil
        return snippet
    }

    /// One reply as the bundles hold it: its JSON, made once for the bundle of every
    /// locale and its own locale's.
    public struct SerializedSnippet: Sendable, Equatable {
        public var id: String
        public var locale: String
        public var json: [UInt8]
    }

    /// The serialized replies of one entry (none unless it is approved and in review date).
    public struct EntrySnippets: Sendable, Equatable {
        public var key: EntryKey
        public var snippets: [SerializedSnippet]
    }

    /// The serialized replies of one entry; `stale` are the translations approved before their original.
    public static func serialize(_ entry: Entry, config: SiteConfig, urls: URLScheme, today: Day, stale: Set<EntryKey>) -> EntrySnippets {
        EntrySnippets(key: entry.key, snippets: snippets(of: entry, config: config, urls: urls, today: today, stale: stale).map { snippet in
            SerializedSnippet(id: snippet.id, locale: snippet.locale, json: snippet.bundleJSON)
        })
    }

    /// Writes the bundle of one locale (`<locale>/snippets.json`) from all serialized replies sorted by id.
    public static func write(_ serialized: [SerializedSnippet], config: SiteConfig, locale: String, to sink: some OutputSink) throws(BuildFailure) {
        let mine = serialized.filter { $0.locale == locale }.map(\.json)
        try sink.write(path: "\(locale)/snippets.json", parts: header(config: config, locale: locale, count: mine.count).parts(mine[...]))
    }

    /// A bundle without replies, whose `parts` wrap the serialized ones.
    static func header(config: SiteConfig, locale: String?, count: Int) -> SnippetBundle {
        var header = SnippetBundle(
            site: Site(title: config.title, baseURL: config.baseURL), locale: locale, count: count, replies: [],
            channels: rules(of: config), placeholders: config.placeholders)
        if locale != nil { header.schema = "../snippets.schema.json" }
        return header
    }
}

// MARK: - Encoding with explicit nulls

// Synthesized Codable leaves out nil values; the schema promises `limit` and
// `locale` are always present (null when absent), so agents need no key checks.
extension SnippetBundle.Snippet {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(entry, forKey: .entry)
        try container.encode(locale, forKey: .locale)
        try container.encode(channel, forKey: .channel)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(text, forKey: .text)
        try container.encode(variables, forKey: .variables)
        try container.encode(url, forKey: .url)
        try container.encode(tags, forKey: .tags)
        try container.encode(length, forKey: .length)
        try container.encode(limit, forKey: .limit)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(segments, forKey: .segments)
        try container.encodeIfPresent(limitChannel, forKey: .limitChannel)
        try container.encode(approvedBy, forKey: .approvedBy)
        try container.encode(approvedOn, forKey: .approvedOn)
        try container.encodeIfPresent(reviewBy, forKey: .reviewBy)
        try container.encode(hash, forKey: .hash)
        try container.encode(worstCaseLength, forKey: .worstCaseLength)
        try container.encodeIfPresent(worstCaseSegments, forKey: .worstCaseSegments)
        try container.encodeIfPresent(staleTranslation, forKey: .staleTranslation)
    }
}

extension SnippetBundle {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(site, forKey: .site)
        try container.encode(locale, forKey: .locale)
        try container.encode(count, forKey: .count)
        try container.encode(replies, forKey: .replies)
        try container.encodeIfPresent(channels, forKey: .channels)
        try container.encodeIfPresent(placeholders, forKey: .placeholders)
    }
}

// MARK: - Fast JSON

extension SnippetBundle.Snippet {
    /// The snippet as a JSON value (the same fields as its `Encodable` form).
    var json: JSONValue {
        // Written in the order the writer sorts keys in (bytewise), so its sort has nothing to move.
        var members: [(String, JSONValue)] = [
            ("approved_by", .string(approvedBy)), ("approved_on", .string(approvedOn.description)), ("channel", .string(channel)),
            ("entry", .string(entry)), ("hash", .string(hash)), ("id", .string(id)), ("kind", .string(kind)), ("length", .int(length)),
            ("limit", limit.map(JSONValue.int) ?? .null),
        ]
        members.reserveCapacity(22)
        if let limitChannel { members.append(("limit_channel", .string(limitChannel))) }
        members.append(("locale", .string(locale)))
        if let reviewBy { members.append(("review_by", .string(reviewBy.description))) }
        if let segments { members.append(("segments", .int(segments))) }
        if staleTranslation == true { members.append(("stale_translation", .bool(true))) }
        members.append(contentsOf: [
            ("tags", .array(tags.map(JSONValue.string))), ("text", .string(text)), ("title", .string(title)), ("unit", .string(unit)),
            ("url", .string(url)), ("variables", .array(variables.map(JSONValue.string))),
            ("worst_case_length", worstCaseLength.map(JSONValue.int) ?? .null),
        ])
        if let worstCaseSegments { members.append(("worst_case_segments", .int(worstCaseSegments))) }
        return .object(members)
    }
}

extension SnippetBundle.Snippet {
    /// The snippet's JSON as a reply of a bundle has it (`JSONWriter.bytes(json, indent: 2)`),
    /// written straight from the fields in their sorted order.
    ///
    /// Byte for byte what the generic writer makes of `json` (a test holds them together):
    /// that one builds and sorts 20 members per reply, most of the bundle stage's time.
    var bundleJSON: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(320 + title.utf8.count + text.utf8.count + url.utf8.count)
        let indent = Array("      ".utf8)  // members sit three levels deep: replies → array → object
        var first = true
        func key(_ name: StaticString) {
            output.append(contentsOf: (first ? "{\n" : ",\n").utf8)
            first = false
            output.append(contentsOf: indent)
            output.append(0x22)
            output.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            output.append(contentsOf: "\": ".utf8)
        }
        func string(_ name: StaticString, _ value: String) {
            key(name)
            JSONWriter.writeString(value, into: &output)
        }
        func int(_ name: StaticString, _ value: Int?) {
            key(name)
            output.append(contentsOf: (value.map { String($0) } ?? "null").utf8)
        }
        func strings(_ name: StaticString, _ values: [String]) {
            key(name)
            guard !values.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(contentsOf: "[\n".utf8)
            for (index, value) in values.enumerated() {
                output.append(contentsOf: indent)
                output.append(contentsOf: "  ".utf8)
                JSONWriter.writeString(value, into: &output)
                output.append(contentsOf: (index + 1 < values.count ? ",\n" : "\n").utf8)
            }
            output.append(contentsOf: indent)
            output.append(UInt8(ascii: "]"))
        }
        // Keys in bytewise order, as `JSONWriter` sorts them.
        string("approved_by", approvedBy)
        string("approved_on", approvedOn.description)
        string("channel", channel)
        string("entry", entry)
        string("hash", hash)
        string("id", id)
        string("kind", kind)
        int("length", length)
        int("limit", limit)
        if let limitChannel { string("limit_channel", limitChannel) }
        string("locale", locale)
        if let reviewBy { string("review_by", reviewBy.description) }
        if let segments { int("segments", segments) }
        if staleTranslation == true {
            key("stale_translation")
            output.append(contentsOf: "true".utf8)
        }
        strings("tags", tags)
        string("text", text)
        string("title", title)
        string("unit", unit)
        string("url", url)
        strings("variables", variables)
        int("worst_case_length", worstCaseLength)
        if let worstCaseSegments { int("worst_case_segments", worstCaseSegments) }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: "    }".utf8)
        return output
    }
}

extension SnippetBundle {
    /// The bundle as `snippets.json` bytes: sorted keys, two-space indentation.
    public var jsonBytes: [UInt8] {
        document(replies: replies.map(\.json))
    }

    /// Writes the bundle of all locales and one per locale in `locales`: each reply
    /// is serialized once, on all cores, and streamed into both files, so memory
    /// holds the replies' JSON once rather than three times.
    public func write(locales: [String], to sink: some OutputSink) throws(BuildFailure) {
        let serialized = Parallel.map(replies, chunkSize: 256) { $0.bundleJSON }
        try sink.write(path: "snippets.json", parts: parts(serialized[...]))
        for locale in locales {
            var bundle = filtered(locale: locale)
            bundle.replies = []
            let mine = zip(replies, serialized).filter { $0.0.locale == locale }.map(\.1)
            try sink.write(path: "\(locale)/snippets.json", parts: bundle.parts(mine[...]))
        }
    }

    /// The document in pieces: its head up to the replies array, the replies, its tail.
    func parts(_ replies: ArraySlice<[UInt8]>) -> [[UInt8]] {
        guard !replies.isEmpty, let frame else { return [document(replies: [])] }
        let separator = Self.replySeparator  // one buffer, shared by every piece
        var pieces: [[UInt8]] = [frame.head]
        pieces.reserveCapacity(replies.count * 2 + 1)
        for (index, reply) in replies.enumerated() {
            pieces.append(reply)
            if index + 1 < replies.count { pieces.append(separator) }
        }
        pieces.append(frame.tail)
        return pieces
    }

    /// What comes between two replies in the document.
    static let replySeparator = Array(",\n    ".utf8)

    /// The document's bytes before its first reply and after its last (of a document
    /// with replies): written around a marker reply, so they match `jsonBytes` byte for byte.
    var frame: (head: [UInt8], tail: [UInt8])? {
        let marker = "\u{1}answerkit-replies\u{1}"
        let whole = document(replies: [.string(marker)])
        let quoted = Array("\"\\u0001answerkit-replies\\u0001\"".utf8)
        guard let range = whole.firstRange(of: quoted) else { return nil }
        return (Array(whole[..<range.lowerBound]), Array(whole[range.upperBound...]))
    }

    func document(replies: [JSONValue]) -> [UInt8] {
        JSONWriter.bytes(.object([
            ("$schema", .string(schema)), ("schema_version", .int(schemaVersion)),
            ("site", .object([("title", .string(site.title)), ("base_url", .string(site.baseURL))])),
            ("locale", locale.map(JSONValue.string) ?? .null), ("count", .int(count)),
            ("replies", .array(replies)), ("channels", channelsJSON), ("placeholders", placeholdersJSON),
        ]))
    }
}
