import Foundation

/// The publication state of an entry.
public enum EntryStatus: String, Sendable, Codable, CaseIterable {
    /// Being written; never published by `build` (shown by `serve --drafts`).
    case draft
    /// Approved by the owning department; on the site, replies in the bundle.
    case approved
    /// No longer valid; neither on the site nor in the bundle.
    case retired
}

/// What a reply is for.
public enum ReplyKind: String, Sendable, Codable, CaseIterable {
    case answer, acknowledge
    case followUp = "follow-up"
    case `private`, escalate
}

/// Where an entry sits: `content/<locale>/<category>/<slug>.md`.
public struct EntryKey: Sendable, Hashable, Comparable, Codable {
    public var locale: String
    public var category: String
    public var slug: String

    public init(locale: String, category: String, slug: String) {
        self.locale = locale
        self.category = category
        self.slug = slug
    }

    public static func < (lhs: EntryKey, rhs: EntryKey) -> Bool {
        (lhs.locale, lhs.category, lhs.slug) < (rhs.locale, rhs.category, rhs.slug)
    }
}

/// A source backing the facts of an entry: a URL or a plain reference.
public struct EntrySource: Sendable, Hashable, Codable {
    /// As written.
    public var text: String
    /// Whether `text` is an http(s) URL.
    public var isLink: Bool { text.hasPrefix("https://") || text.hasPrefix("http://") }
}

/// An approved reply as written in front matter.
public struct Reply: Sendable, Hashable {
    /// A configured channel name or `any`.
    public var channel: String
    public var kind: ReplyKind
    public var text: String
    /// Placeholder names in order of appearance.
    public var variables: [String]
    /// 1-based number among the entry's replies of the same channel and kind.
    public var number: Int
    /// Where the reply's `text` value is.
    public var location: SourceLocation
    /// Its length by its channel's rule (for `any`, the tightest channel), computed once.
    public var count: LengthCount?
    /// Its longest once filled in, on the same channel as `count`; `nil` when a
    /// placeholder has no declared bound (see `WorstCase`).
    public var worstCase: LengthCount?

    public init(channel: String, kind: ReplyKind, text: String, variables: [String], number: Int, location: SourceLocation, count: LengthCount? = nil, worstCase: LengthCount? = nil) {
        self.channel = channel
        self.kind = kind
        self.text = text
        self.variables = variables
        self.number = number
        self.location = location
        self.count = count
        self.worstCase = worstCase
    }
}

/// One FAQ entry: its front matter, validated. The body is read again when rendered.
///
/// A value, as a struct would be, with its fields (`Fields`, read and written as
/// `entry.title`) in one shared box copied only when a shared entry is changed: every
/// stage passes entries around (lists, link tables, sitemap, feeds, bundles), and a
/// plain struct of 18 fields retained each of them per copy, 2–3 % of a build's CPU.
@dynamicMemberLookup
public struct Entry: Sendable, Hashable {
    public struct Fields: Sendable, Hashable {
        public var key: EntryKey
        /// The file, relative to the site root.
        public var path: String
        /// Stable across translations; defaults to the slug.
        public var id: String
        public var title: String
        public var summary: String
        public var tags: [String]
        public var status: EntryStatus
        public var approvedBy: String?
        public var approvedOn: Day?
        public var reviewBy: Day?
        /// Last substantive edit (optional; `answerkit new` sets it).
        public var updated: Day?
        public var sources: [EntrySource]
        public var replies: [Reply]
        /// Lines before the Markdown body in the file.
        public var bodyLineOffset: Int
        /// Where `id` is (or the top of the file when defaulted), for duplicate-id messages.
        public var idLocation: SourceLocation
        /// Where `approved_on` and `review_by` are, when given (translation and expiry reports).
        public var approvedOnLocation: SourceLocation?
        public var reviewByLocation: SourceLocation?
    }

    /// Changed only while uniquely referenced (see the setter), hence `@unchecked Sendable`.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(
        key: EntryKey, path: String, id: String, title: String, summary: String, tags: [String], status: EntryStatus,
        approvedBy: String?, approvedOn: Day?, reviewBy: Day?, updated: Day?, sources: [EntrySource], replies: [Reply],
        bodyLineOffset: Int, idLocation: SourceLocation, approvedOnLocation: SourceLocation? = nil, reviewByLocation: SourceLocation? = nil
    ) {
        box = Box(Fields(
            key: key, path: path, id: id, title: title, summary: summary, tags: tags, status: status, approvedBy: approvedBy,
            approvedOn: approvedOn, reviewBy: reviewBy, updated: updated, sources: sources, replies: replies, bodyLineOffset: bodyLineOffset,
            idLocation: idLocation, approvedOnLocation: approvedOnLocation, reviewByLocation: reviewByLocation))
    }

    /// All fields at once.
    public var fields: Fields { box.fields }

    public subscript<T>(dynamicMember path: WritableKeyPath<Fields, T>) -> T {
        get { box.fields[keyPath: path] }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields[keyPath: path]
        }
    }

    public static func == (lhs: Entry, rhs: Entry) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }

    /// Whether `review_by` has passed on `today`: the entry shows "under review"
    /// and its replies stay out of every bundle.
    public func isExpired(on today: Day) -> Bool {
        self.reviewBy.map { $0 < today } ?? false
    }

    /// Whether the entry's replies may be given to customers on `today`.
    public func repliesArePublishable(on today: Day) -> Bool {
        self.status == .approved && !isExpired(on: today)
    }
}

/// A category: `content/<locale>/<category>/_index.md`, or defaults when absent.
public struct Category: Sendable, Hashable {
    public var locale: String
    public var slug: String
    public var title: String
    public var description: String
    public var order: Int
    /// The `_index.md` file, if any.
    public var path: String?

    /// Defaults for a folder without `_index.md`: the folder name as title.
    public init(locale: String, slug: String) {
        self.locale = locale
        self.slug = slug
        self.title = slug.replacingOccurrences(of: "-", with: " ").capitalized
        self.description = ""
        self.order = Int.max
        self.path = nil
    }
}
