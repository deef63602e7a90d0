/// The site's counting rules and placeholder declarations, carried in the bundle
/// so tools that only have `snippets.json` (the MCP server, exports, the console)
/// measure and fill replies exactly as the build did.
extension SnippetBundle {
    /// A channel's counting rule and limit (`channels` in the bundle).
    public struct ChannelRule: Sendable, Codable, Equatable {
        public var unit: LengthUnit
        /// In `unit`s; for `segments`, a number of SMS segments. `null` when unlimited.
        public var limit: Int?

        public init(unit: LengthUnit, limit: Int?) {
            self.unit = unit
            self.limit = limit
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(unit, forKey: .unit)
            try container.encode(limit, forKey: .limit)
        }

        enum CodingKeys: String, CodingKey { case unit, limit }
    }

    /// The rules of `config`'s channels.
    static func rules(of config: SiteConfig) -> [String: ChannelRule] {
        Dictionary(config.channels.map { ($0.name, ChannelRule(unit: $0.unit, limit: $0.limit)) }, uniquingKeysWith: { _, last in last })
    }

    /// The channel `name` as the bundle describes it (`nil` when unknown or `any`).
    public func channel(named name: String) -> Channel? {
        channels?[name].map { Channel(name: name, unit: $0.unit, limit: $0.limit) }
    }

    /// `channels` as JSON: name → `{unit, limit}`.
    var channelsJSON: JSONValue {
        .object((channels ?? [:]).sorted { $0.key < $1.key }.map { name, rule in
            (name, .object([("unit", .string(rule.unit.rawValue)), ("limit", rule.limit.map(JSONValue.int) ?? .null)]))
        })
    }

    /// `placeholders` as JSON: name → `{name, type, charset, max?, default?, description?}`.
    var placeholdersJSON: JSONValue {
        .object((placeholders ?? [:]).sorted { $0.key < $1.key }.map { name, spec in
            var members: [(String, JSONValue)] = [
                ("name", .string(name)), ("type", .string(spec.type.rawValue)), ("charset", .string(spec.charset.rawValue)),
            ]
            if let max = spec.max { members.append(("max", .int(max))) }
            if let value = spec.defaultValue { members.append(("default", .string(value))) }
            if let description = spec.description { members.append(("description", .string(description))) }
            return (name, .object(members))
        })
    }
}
