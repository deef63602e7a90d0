// MARK: - Reading without JSONDecoder

extension SnippetBundle {
    /// The bundle in `bytes`, read with `JSONReader` rather than `JSONDecoder`
    /// (a few times faster; `answerkit reply` reads a bundle every time it runs),
    /// or `nil` when anything is not as `Decodable` would take it: the same
    /// required fields and types, `null` or absence for optional ones, unknown
    /// keys ignored, a schema version this AnswerKit understands. `read` then
    /// falls back to `JSONDecoder`, whose errors say what is wrong.
    static func fastDecode(_ bytes: [UInt8]) -> SnippetBundle? {
        guard let json = JSONReader.value(bytes) else { return nil }
        do {
            let bundle = try SnippetBundle(reading: json)
            return bundle.schemaVersion <= currentSchemaVersion ? bundle : nil
        } catch {
            return nil
        }
    }

    private init(reading json: JSONValue) throws {
        let fields = try Fields(json)
        self.init(
            site: try Site(reading: fields.required("site")), locale: try fields.optional("locale")?.string(),
            count: try fields.required("count").int(), replies: try fields.required("replies").array().map { try Snippet(reading: $0) },
            channels: try fields.optional("channels")?.dictionary { try ChannelRule(reading: $0) },
            placeholders: try fields.optional("placeholders")?.dictionary { try PlaceholderSpec(reading: $0) })
        schema = try fields.required("$schema").string()
        schemaVersion = try fields.required("schema_version").int()
    }
}

extension SnippetBundle.Site {
    fileprivate init(reading json: JSONValue) throws {
        let fields = try Fields(json)
        self.init(title: try fields.required("title").string(), baseURL: try fields.required("base_url").string())
    }
}

extension SnippetBundle.ChannelRule {
    fileprivate init(reading json: JSONValue) throws {
        let fields = try Fields(json)
        guard let unit = LengthUnit(rawValue: try fields.required("unit").string()) else { throw FieldMismatch() }
        self.init(unit: unit, limit: try fields.optional("limit")?.int())
    }
}

extension PlaceholderSpec {
    fileprivate init(reading json: JSONValue) throws {
        let fields = try Fields(json)
        guard let type = ValueType(rawValue: try fields.required("type").string()),
              let charset = Charset(rawValue: try fields.required("charset").string())
        else { throw FieldMismatch() }
        // Member by member, as `Decodable` does: `init` would change the charset of a url.
        self.init(name: try fields.required("name").string())
        self.type = type
        self.charset = charset
        max = try fields.optional("max")?.int()
        defaultValue = try fields.optional("default")?.string()
        description = try fields.optional("description")?.string()
    }
}

extension SnippetBundle.Snippet {
    fileprivate init(reading json: JSONValue) throws {
        let fields = try Fields(json)
        func string(_ key: String) throws -> String { try fields.required(key).string() }
        func day(_ value: JSONValue) throws -> Day {
            guard let day = Day(parsing: try value.string()) else { throw FieldMismatch() }
            return day
        }
        self.init(
            id: try string("id"), entry: try string("entry"), locale: try string("locale"), channel: try string("channel"),
            kind: try string("kind"), title: try string("title"), text: try string("text"),
            variables: try fields.required("variables").array().map { try $0.string() },
            url: try string("url"), tags: try fields.required("tags").array().map { try $0.string() },
            length: try fields.required("length").int(), limit: try fields.optional("limit")?.int(), unit: try string("unit"),
            segments: try fields.optional("segments")?.int(), limitChannel: try fields.optional("limit_channel")?.string(),
            approvedBy: try string("approved_by"), approvedOn: try day(fields.required("approved_on")),
            reviewBy: try fields.optional("review_by").map { try day($0) }, hash: try string("hash"),
            worstCaseLength: try fields.optional("worst_case_length")?.int(),
            worstCaseSegments: try fields.optional("worst_case_segments")?.int(),
            staleTranslation: try fields.optional("stale_translation")?.bool())
    }
}

// MARK: - Fields

/// A value that is not what the bundle's `Decodable` form expects.
private struct FieldMismatch: Error {}

/// The members of a JSON object, looked up by key.
private struct Fields {
    let members: [(String, JSONValue)]

    init(_ json: JSONValue) throws {
        guard case let .object(members) = json else { throw FieldMismatch() }
        self.members = members
    }

    /// The value of `key`, which must be present and not `null`.
    func required(_ key: String) throws -> JSONValue {
        guard let value = optional(key) else { throw FieldMismatch() }
        return value
    }

    /// The value of `key`; `nil` when absent or `null`.
    func optional(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.0 == key })?.1 else { return nil }
        if case .null = value { return nil }
        return value
    }
}

extension JSONValue {
    fileprivate func string() throws -> String {
        guard case let .string(value) = self else { throw FieldMismatch() }
        return value
    }

    fileprivate func int() throws -> Int {
        guard case let .int(value) = self else { throw FieldMismatch() }
        return value
    }

    fileprivate func bool() throws -> Bool {
        guard case let .bool(value) = self else { throw FieldMismatch() }
        return value
    }

    fileprivate func array() throws -> [JSONValue] {
        guard case let .array(items) = self else { throw FieldMismatch() }
        return items
    }

    fileprivate func dictionary<Value>(_ transform: (JSONValue) throws -> Value) throws -> [String: Value] {
        guard case let .object(members) = self else { throw FieldMismatch() }
        var dictionary: [String: Value] = [:]
        for (key, value) in members { dictionary[key] = try transform(value) }
        return dictionary
    }
}
