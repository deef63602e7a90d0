/// The agent tools over a snippet bundle: search, fill, count.
///
/// Pure functions from a bundle and arguments to JSON, so the MCP server (and
/// later `answerkit reply`) is a thin adapter and the behaviour is tested
/// without a transport. Only replies still approved on `today` are ever
/// returned, whatever day the bundle was built.
public struct AgentTools: Sendable {
    /// The bundle as built.
    public let bundle: SnippetBundle
    /// The day approval is judged against.
    public let today: Day
    /// The index of the replies still approved on `today`: analysing every reply is
    /// the slow part of a search, so a long-lived caller (the MCP server) makes it
    /// once per bundle and day and hands it in.
    public let index: ReplyIndex

    /// Tools over `bundle`; `index` must be `AgentTools.index(of: bundle, on: today)`
    /// when given (it is made here otherwise).
    public init(bundle: SnippetBundle, today: Day, index: ReplyIndex? = nil) {
        self.bundle = bundle
        self.today = today
        self.index = index ?? Self.index(of: bundle, on: today)
    }

    /// The search index of the replies of `bundle` still approved on `today`.
    public static func index(of bundle: SnippetBundle, on today: Day) -> ReplyIndex {
        ReplyIndex(replies: bundle.current(on: today).replies)
    }

    /// A tool call that cannot be answered: a message for the caller, with details.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
        /// Extra fields for the caller (missing variables and so on).
        public var details: [(String, JSONValue)] = []

        public static func == (lhs: Failure, rhs: Failure) -> Bool {
            lhs.message == rhs.message && JSONValue.object(lhs.details) == JSONValue.object(rhs.details)
        }

        public init(message: String, details: [(String, JSONValue)] = []) {
            self.message = message
            self.details = details
        }

        /// The failure as a JSON object `{error, …details}`.
        public var json: JSONValue { .object([("error", .string(message))] + details) }
    }

    private var current: SnippetBundle { bundle.current(on: today) }

    // MARK: - search_replies

    /// The approved replies best matching `query`, filtered by locale and channel.
    public func searchReplies(query: String, locale: String?, channel: String?, limit: Int = 5) -> Result<JSONValue, Failure> {
        guard ReplyIndex.hasWords(query, locale: locale) else {
            return .failure(Failure(message: "the query has no words to search for"))
        }
        if let channel, bundle.channels?[channel] == nil, channel != Channel.anyName, bundle.channels != nil {
            return .failure(Failure(message: "unknown channel '\(channel)'", details: [("channels", .array(channelNames.map(JSONValue.string)))]))
        }
        // The same index and ranking as `answerkit reply` and the agent console.
        let ranked = index.rank(query, filter: ReplyFilter(locale: locale, channel: channel)).prefix(max(1, min(limit, 50)))
        return .success(.object([
            ("query", .string(query)), ("count", .int(ranked.count)),
            ("replies", .array(ranked.enumerated().map { rank, item in
                .object(summary(index.replies[item.position]) + [("rank", .int(rank + 1)), ("score", .int(Int((item.score * 100).rounded())))])
            })),
        ]))
    }

    // MARK: - get_reply

    /// The reply `id` with its placeholders filled, measured on its channel (for an
    /// `any` reply: on `channel`, else the channel it fills most).
    public func getReply(id: String, variables: [String: String], channel: String? = nil) -> Result<JSONValue, Failure> {
        guard let reply = bundle.replies.first(where: { $0.id == id }) else {
            return .failure(Failure(message: "no reply '\(id)' in the bundle; use search_replies to find one"))
        }
        if let reviewBy = reply.reviewBy, reviewBy < today {
            return .failure(Failure(message: "reply '\(id)' is no longer approved: its review date \(reviewBy) has passed"))
        }
        let declarations = bundle.placeholders ?? [:]
        let filled: String
        switch Placeholder.fill(reply.text, values: variables, declarations: declarations) {
        case let .success(text): filled = text
        case let .failure(error):
            return .failure(Failure(message: error.description, details: [
                ("missing", .array(error.missing.map(JSONValue.string))),
                ("invalid", .array(error.invalid.map { .object([("name", .string($0.name)), ("problem", .string($0.problem))]) })),
                ("variables", variablesJSON(reply)),
            ]))
        }
        let target: Channel
        switch measuringChannel(for: reply, requested: channel) {
        case let .success(found): target = found
        case let .failure(failure): return .failure(failure)
        }
        let count = LengthCount(filled, channel: target)
        var members = summary(reply)
        members.removeAll { ["text", "length", "limit", "worst_case_length"].contains($0.0) }
        members += [("text", .string(filled)), ("count", countJSON(count))]
        let unused = variables.keys.filter { !reply.variables.contains($0) }.sorted()
        if !unused.isEmpty { members.append(("unused_variables", .array(unused.map(JSONValue.string)))) }
        return .success(.object(members))
    }

    // MARK: - count_length

    /// `text` measured by `channel`'s rule, as `answerkit count --format json` prints it.
    public func countLength(channel name: String, text: String) -> Result<JSONValue, Failure> {
        guard let channel = bundle.channel(named: name) ?? (bundle.channels == nil ? Channel.builtIn.first { $0.name == name } : nil) else {
            return .failure(Failure(message: "unknown channel '\(name)'", details: [("channels", .array(channelNames.map(JSONValue.string)))]))
        }
        return .success(countJSON(LengthCount(text, channel: channel)))
    }

    // MARK: - JSON

    /// Channel names of the bundle (or the built-in ones for an older bundle).
    public var channelNames: [String] {
        bundle.channels.map { $0.keys.sorted() } ?? Channel.builtIn.map(\.name)
    }

    /// `{channel, length, limit, valid, unit, segments?, encoding?}`.
    func countJSON(_ count: LengthCount) -> JSONValue {
        count.json
    }

    /// What an agent needs to choose and trust a reply.
    func summary(_ reply: SnippetBundle.Snippet) -> [(String, JSONValue)] {
        [
            ("id", .string(reply.id)), ("title", .string(reply.title)), ("locale", .string(reply.locale)),
            ("channel", .string(reply.channel)), ("kind", .string(reply.kind)), ("text", .string(reply.text)),
            ("variables", variablesJSON(reply)), ("url", .string(reply.url)),
            ("length", .int(reply.length)), ("limit", reply.limit.map(JSONValue.int) ?? .null),
            ("worst_case_length", reply.worstCaseLength.map(JSONValue.int) ?? .null),
            ("approval", .object([
                ("approved_by", .string(reply.approvedBy)), ("approved_on", .string(reply.approvedOn.description)),
                ("review_by", reply.reviewBy.map { .string($0.description) } ?? .null),
                ("stale_translation", .bool(reply.staleTranslation == true)),
            ])),
        ]
    }

    /// The reply's placeholders with their declarations.
    func variablesJSON(_ reply: SnippetBundle.Snippet) -> JSONValue {
        .array(reply.variables.map { name in
            let spec = bundle.placeholders?[name]
            var members: [(String, JSONValue)] = [("name", .string(name)), ("required", .bool(spec?.defaultValue == nil))]
            if let spec { members += spec.jsonMembers }
            return .object(members)
        })
    }

    private func measuringChannel(for reply: SnippetBundle.Snippet, requested: String?) -> Result<Channel, Failure> {
        let name: String
        if reply.channel == Channel.anyName {
            name = requested ?? reply.limitChannel ?? "email"
        } else {
            if let requested, requested != reply.channel {
                return .failure(Failure(message: "reply '\(reply.id)' is written for \(reply.channel), not \(requested)"))
            }
            name = reply.channel
        }
        if let channel = bundle.channel(named: name) { return .success(channel) }
        if bundle.channels == nil, let channel = Channel.builtIn.first(where: { $0.name == name }) { return .success(channel) }
        return .failure(Failure(message: "unknown channel '\(name)'", details: [("channels", .array(channelNames.map(JSONValue.string)))]))
    }
}
