import Foundation

/// `answerkit reply`: the approved replies that best answer a query, filled in
/// with the agent's values and measured by their channel's rule.
///
/// A pure function of a bundle, a day and a request; the command only parses
/// arguments and prints `text` or `json` (see `ReplyLookup+Output.swift`).
public struct ReplyLookup: Sendable {
    /// What the agent asks.
    public struct Request: Sendable {
        public var query: String
        public var filter: ReplyFilter
        /// Placeholder values by name (`--set name=value`).
        public var variables: [String: String]
        /// How many replies to return: 1, or more with `--all`.
        public var limit: Int

        public init(query: String, filter: ReplyFilter = ReplyFilter(), variables: [String: String] = [:], limit: Int = 1) {
            self.query = query
            self.filter = filter
            self.variables = variables
            self.limit = limit
        }
    }

    /// One reply found.
    public struct Found: Sendable {
        public var reply: SnippetBundle.Snippet
        /// 1 for the best.
        public var rank: Int
        public var score: Double
        /// The text with every placeholder filled (given values, else defaults), or what is missing.
        public var filled: Result<String, FillError>
        /// The filled text measured on `channel`; `nil` when it could not be filled.
        public var count: LengthCount?
        /// The channel the reply is measured on (its own; for `any`, the one asked or its tightest).
        public var channel: String
        /// Days until `review_by` when it is less than `reviewWarningDays` away.
        public var reviewDueInDays: Int?
    }

    /// Why there is no reply to give.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case noWords
        case unknownChannel(String, known: [String])
        case unknownKind(String)
        case unknownLocale(String, known: [String])
        case noMatch
        /// The best reply needs values: its id and the fill error.
        case cannotFill(String, FillError)

        public var description: String {
            switch self {
            case .noWords: "the query has no words to search for"
            case let .unknownChannel(name, known): "unknown channel '\(name)'; channels: \(known.joined(separator: ", "))"
            case let .unknownKind(kind): "unknown kind '\(kind)'; kinds: \(ReplyKind.allCases.map(\.rawValue).joined(separator: ", "))"
            case let .unknownLocale(code, known): "no replies in locale '\(code)'; locales in the bundle: \(known.joined(separator: ", "))"
            case .noMatch: "no approved reply matches the query"
            case let .cannotFill(id, error): "\(id): \(error.description.replacingOccurrences(of: "\n", with: "; "))"
            }
        }
    }

    /// A warning is shown beside replies whose review date is fewer days away than this
    /// (the console uses the same threshold).
    public static let reviewWarningDays = 14

    public var request: Request
    /// The replies found, best first (empty on failure other than `cannotFill`).
    public var found: [Found]
    /// Set when the command must fail; `found` still lists what was found.
    public var failure: Failure?

    /// Looks `request` up in `bundle`, judging approval on `today`.
    public init(_ request: Request, in bundle: SnippetBundle, today: Day) {
        self.request = request
        found = []
        let current = bundle.current(on: today)
        let channels = bundle.channels.map { $0.keys.sorted() } ?? Channel.builtIn.map(\.name)
        if let channel = request.filter.channel, channel != Channel.anyName, !channels.contains(channel) {
            failure = .unknownChannel(channel, known: channels)
            return
        }
        if let kind = request.filter.kind, ReplyKind(rawValue: kind) == nil {
            failure = .unknownKind(kind)
            return
        }
        let locales = Set(bundle.replies.map(\.locale)).sorted()
        if let locale = request.filter.locale, !locales.contains(locale) {
            failure = .unknownLocale(locale, known: locales)
            return
        }
        guard ReplyIndex.hasWords(request.query, locale: request.filter.locale) else {
            failure = .noWords
            return
        }
        let index = ReplyIndex(replies: current.replies)
        let ranked = index.rank(request.query, filter: request.filter).prefix(max(1, request.limit))
        found = ranked.enumerated().map { rank, item in
            Self.found(index.replies[item.position], rank: rank + 1, score: item.score, request: request, bundle: bundle, today: today)
        }
        guard let best = found.first else {
            failure = .noMatch
            return
        }
        if case let .failure(error) = best.filled { failure = .cannotFill(best.reply.id, error) }
    }

    static func found(_ reply: SnippetBundle.Snippet, rank: Int, score: Double, request: Request, bundle: SnippetBundle, today: Day) -> Found {
        let filled = Placeholder.fill(reply.text, values: request.variables, declarations: bundle.placeholders ?? [:])
        let channel = bundle.measuringChannel(for: reply, on: request.filter.channel)
        let count = (try? filled.get()).flatMap { text in channel.map { LengthCount(text, channel: $0) } }
        var due: Int?
        if let reviewBy = reply.reviewBy {
            let days = Int((reviewBy.date.timeIntervalSince(today.date) / 86_400).rounded())
            if days < reviewWarningDays { due = days }
        }
        return Found(
            reply: reply, rank: rank, score: score, filled: filled, count: count,
            channel: channel?.name ?? reply.channel, reviewDueInDays: due)
    }
}

extension SnippetBundle {
    /// The channel a reply is measured on: its own, or for an `any` reply the channel
    /// asked for, else the tightest one it was measured against at build time.
    /// Bundles written before `channels` was added fall back to the built-in channels.
    public func measuringChannel(for reply: Snippet, on requested: String?) -> Channel? {
        let name = reply.channel == Channel.anyName ? requested ?? reply.limitChannel ?? "email" : reply.channel
        if let channel = channel(named: name) { return channel }
        return channels == nil ? Channel.builtIn.first { $0.name == name } : nil
    }
}
