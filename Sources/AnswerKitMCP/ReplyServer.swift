import AnswerKit
import Foundation
import MCP

/// Serves a snippet bundle over the Model Context Protocol on standard input and output.
///
/// Tools: `search_replies`, `get_reply`, `count_length` (the logic is
/// `AgentTools` in the library; this file only translates to and from MCP).
/// Resources: the bundle (`answerkit://snippets.json`) and one per locale
/// (`answerkit://<locale>/snippets.json`), both without replies whose review
/// date has passed. The bundle file is read again when it changes, so the
/// server can keep running while the site is rebuilt.
public enum ReplyServer {
    /// Serves `url` until standard input closes.
    public static func run(bundle url: URL, displayPath: String, version: String) async throws {
        let source = BundleSource(url: url, displayPath: displayPath)
        let bundle = try await source.bundle()
        let server = Server(
            name: "answerkit", version: version, title: "AnswerKit replies of \(bundle.site.title)",
            instructions: """
                Approved customer-support replies of \(bundle.site.title). Find one with search_replies \
                (in the customer's language: locale, and the channel you answer on), fill its variables \
                with get_reply, and check an edited text with count_length before sending it. Never send \
                a reply that get_reply refuses: it is missing a value or no longer approved.
                """,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await register(on: server, source: source)
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }

    /// Installs the tool and resource handlers.
    static func register(on server: Server, source: BundleSource) async {
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: Self.tools(channels: try await source.bundle().channels.map { $0.keys.sorted() } ?? []))
        }
        await server.withMethodHandler(CallTool.self) { params in
            let tools = try await source.tools(today: .today())
            let arguments = params.arguments ?? [:]
            let result: Result<JSONValue, AgentTools.Failure>
            switch params.name {
            case "search_replies":
                guard let query = arguments["query"]?.stringValue else { return failure("search_replies needs a 'query'") }
                result = tools.searchReplies(
                    query: query, locale: arguments["locale"]?.stringValue, channel: arguments["channel"]?.stringValue,
                    limit: arguments["limit"]?.intValue ?? 5)
            case "get_reply":
                guard let id = arguments["id"]?.stringValue else { return failure("get_reply needs the reply's 'id'") }
                result = tools.getReply(id: id, variables: strings(arguments["variables"]), channel: arguments["channel"]?.stringValue)
            case "count_length":
                guard let channel = arguments["channel"]?.stringValue, let text = arguments["text"]?.stringValue else {
                    return failure("count_length needs a 'channel' and a 'text'")
                }
                result = tools.countLength(channel: channel, text: text)
            default:
                return failure("unknown tool '\(params.name)'; tools: search_replies, get_reply, count_length")
            }
            switch result {
            case let .success(json): return toolResult(json, isError: false)
            case let .failure(error): return toolResult(error.json, isError: true)
            }
        }
        await server.withMethodHandler(ListResources.self) { _ in
            let bundle = try await source.bundle()
            var resources = [Resource(
                name: "snippets.json", uri: "answerkit://snippets.json", title: "All approved replies of \(bundle.site.title)",
                description: "The snippet bundle (schema: snippets.schema.json), without replies past their review date.",
                mimeType: "application/json")]
            for locale in Set(bundle.replies.map(\.locale)).sorted() {
                resources.append(Resource(
                    name: "\(locale)/snippets.json", uri: "answerkit://\(locale)/snippets.json",
                    title: "Approved replies in \(locale)", mimeType: "application/json"))
            }
            return ListResources.Result(resources: resources, nextCursor: nil)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            let bundle = try await source.bundle().current(on: .today())
            let path = params.uri.hasPrefix("answerkit://") ? String(params.uri.dropFirst("answerkit://".count)) : params.uri
            let selected: SnippetBundle
            if path == "snippets.json" {
                selected = bundle
            } else if path.hasSuffix("/snippets.json"), let locale = path.split(separator: "/").first.map(String.init),
                bundle.replies.contains(where: { $0.locale == locale })
            {
                selected = bundle.filtered(locale: locale)
            } else {
                throw MCPError.invalidParams("unknown resource '\(params.uri)'; resources: answerkit://snippets.json, answerkit://<locale>/snippets.json")
            }
            return ReadResource.Result(contents: [.text(String(decoding: selected.jsonBytes, as: UTF8.self), uri: params.uri, mimeType: "application/json")])
        }
    }

    // MARK: - Tool definitions

    /// The tools with their input schemas; `channels` are offered as an enumeration.
    static func tools(channels: [String]) -> [Tool] {
        let channel: Value = channels.isEmpty
            ? .object(["type": "string"])
            : .object(["type": "string", "enum": .array((channels + [Channel.anyName]).map(Value.string))])
        let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)
        return [
            Tool(
                name: "search_replies", title: "Search approved replies",
                description: "Find approved support replies for a customer's question, best first, with the entry's URL and who approved them until when.",
                inputSchema: .object([
                    "type": "object", "required": ["query"],
                    "properties": .object([
                        "query": .object(["type": "string", "description": "The customer's question or keywords, in their language."]),
                        "locale": .object(["type": "string", "description": "Language of the replies, e.g. en, fr, ar."]),
                        "channel": channel.merging(description: "Where you answer; replies for 'any' channel are included."),
                        "limit": .object(["type": "integer", "minimum": 1, "maximum": 50, "default": 5]),
                    ]),
                ]),
                annotations: readOnly),
            Tool(
                name: "get_reply", title: "Fill a reply",
                description: "The reply with its {{variables}} filled in (declared defaults apply) and its length on the channel. Fails, listing them, when a variable is missing or a value is not allowed.",
                inputSchema: .object([
                    "type": "object", "required": ["id"],
                    "properties": .object([
                        "id": .object(["type": "string", "description": "A reply id from search_replies."]),
                        "variables": .object(["type": "object", "additionalProperties": .object(["type": "string"]), "description": "Values by variable name."]),
                        "channel": channel.merging(description: "For a reply for 'any' channel: the channel to measure it on."),
                    ]),
                ]),
                annotations: readOnly),
            Tool(
                name: "count_length", title: "Measure a text",
                description: "Length of a text by a channel's counting rule (X weighted length, SMS segments, UTF-8 bytes, characters) and whether it fits.",
                inputSchema: .object([
                    "type": "object", "required": ["channel", "text"],
                    "properties": .object(["channel": channel, "text": .object(["type": "string"])]),
                ]),
                annotations: readOnly),
        ]
    }

    // MARK: - Conversions

    private static func failure(_ message: String) -> CallTool.Result {
        toolResult(AgentTools.Failure(message: message).json, isError: true)
    }

    /// A tool result: the JSON as text (for clients that read `content`) and as `structuredContent`.
    private static func toolResult(_ json: JSONValue, isError: Bool) -> CallTool.Result {
        let structured: Value? = value(json)
        return CallTool.Result(content: [.text(text: text(json), annotations: nil, _meta: nil)], structuredContent: structured, isError: isError)
    }

    /// Variable values: strings as they are, numbers and booleans as written.
    private static func strings(_ value: Value?) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var result: [String: String] = [:]
        for (name, item) in object {
            switch item {
            case let .string(text): result[name] = text
            case let .int(number): result[name] = String(number)
            case let .double(number): result[name] = String(number)
            case let .bool(flag): result[name] = String(flag)
            default: continue
            }
        }
        return result
    }

    static func text(_ json: JSONValue) -> String {
        String(decoding: JSONWriter.bytes(json), as: UTF8.self)
    }

    static func value(_ json: JSONValue) -> Value {
        switch json {
        case let .string(text): .string(text)
        case let .int(number): .int(number)
        case let .bool(flag): .bool(flag)
        case .null: .null
        case let .array(items): .array(items.map(value))
        case let .object(members): .object(Dictionary(members.map { ($0.0, value($0.1)) }, uniquingKeysWith: { _, last in last }))
        case let .raw(bytes): (try? JSONDecoder().decode(Value.self, from: Data(bytes))) ?? .null
        }
    }
}

extension Value {
    /// An object schema with a `description` added.
    fileprivate func merging(description: String) -> Value {
        guard case var .object(members) = self else { return self }
        members["description"] = .string(description)
        return .object(members)
    }
}

/// The bundle file, read again whenever it changes, and the reply index made from it.
///
/// A bundle is told changed by its `FileStamp` (size, modification time with
/// nanoseconds, inode: a rebuild swaps in a new file), so a server started beside
/// `answerkit serve` or a CI build answers from the new replies at the next call.
/// The index (analysis of every reply: tens of milliseconds for thousands of
/// replies) is made once per bundle and day, not per `search_replies` call.
actor BundleSource {
    let url: URL
    let displayPath: String
    private var cached: (stamp: FileStamp?, bundle: SnippetBundle)?
    private var tools: AgentTools?

    init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
    }

    /// The bundle as the file holds it now.
    func bundle() throws -> SnippetBundle {
        let stamp = FileStamp(path: url.path)
        if let cached, let stamp, cached.stamp == stamp { return cached.bundle }
        let bundle = try SnippetBundle.read(from: url, displayPath: displayPath)
        cached = (stamp, bundle)
        tools = nil
        return bundle
    }

    /// The agent tools over the bundle as it is now, judged on `today`.
    func tools(today: Day) throws -> AgentTools {
        let bundle = try bundle()
        if let tools, tools.today == today { return tools }
        let made = AgentTools(bundle: bundle, today: today)
        tools = made
        return made
    }
}
