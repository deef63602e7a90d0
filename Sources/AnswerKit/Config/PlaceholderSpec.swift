/// What a `{{name}}` placeholder may hold, declared under `placeholders:` in `answerkit.yml`.
///
/// ```yaml
/// placeholders:
///   customer_handle: { max: 15, charset: identifier, default: "there" }
///   order_id: { max: 12, charset: identifier, description: "Order number, e.g. NB-204518" }
///   tracking_url: { type: url }
/// ```
///
/// A declaration lets the build prove that a reply fits its channel once an
/// agent fills it in: the worst case fills every placeholder with the longest
/// value its declaration allows, measured by the channel's own rule (see
/// `WorstCase`). A placeholder without a declaration (or without `max`) keeps
/// the old behaviour: it counts as empty and the worst case is unknown.
public struct PlaceholderSpec: Sendable, Hashable, Codable {
    /// What kind of value a placeholder holds.
    public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
        /// Free text (a name, an order number, a handle).
        case text
        /// A link. X counts any link as 23 characters (t.co), so on `weighted`
        /// channels a `url` needs no `max`; elsewhere it counts its characters.
        /// Values must be absolute ASCII http(s) URLs.
        case url
    }

    /// The characters a `text` value may contain; it decides the worst weight of one character.
    public enum Charset: String, Sendable, Hashable, Codable, CaseIterable {
        /// Any character: up to weight 2 on X, 4 UTF-8 bytes, and UCS-2 for SMS.
        case any
        /// The GSM 03.38 alphabet and its extension table: the value never turns an SMS into UCS-2.
        case gsm
        /// Printable ASCII (U+0020–U+007E).
        case ascii
        /// ASCII letters, digits and `- _ @ #`: handles and order numbers (one unit under every rule).
        case identifier
    }

    /// The placeholder's name (`order_id`).
    public var name: String
    public var type: ValueType
    /// For `text`: which characters a value may use.
    public var charset: Charset
    /// The most Unicode code points (after NFC) a value may have; `nil` for no bound.
    public var max: Int?
    /// The value used when the agent gives none; `nil` makes the placeholder required.
    public var defaultValue: String?
    /// A short hint for forms (console, Espanso, MCP).
    public var description: String?

    /// Creates a declaration.
    public init(name: String, type: ValueType = .text, charset: Charset = .any, max: Int? = nil, defaultValue: String? = nil, description: String? = nil) {
        self.name = name
        self.type = type
        self.charset = type == .url ? .ascii : charset
        self.max = max
        self.defaultValue = defaultValue
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case name, type, charset, max, description
        case defaultValue = "default"
    }
}

extension PlaceholderSpec.Charset {
    /// Whether `scalar` is allowed.
    public func allows(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .any: true
        case .gsm: SMSCounter.basic.contains(scalar) || SMSCounter.extended.contains(scalar)
        case .ascii: (0x20...0x7E).contains(scalar.value)
        case .identifier:
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "-_@#".unicodeScalars.contains(scalar)
        }
    }

    /// What the charset allows, for messages.
    public var summary: String {
        switch self {
        case .any: "any character"
        case .gsm: "characters of the GSM 03.38 SMS alphabet"
        case .ascii: "printable ASCII characters"
        case .identifier: "ASCII letters, digits and - _ @ #"
        }
    }
}

extension PlaceholderSpec {
    /// The declaration as JSON members (`type`, and `max`, `default`, `description` when set),
    /// as the MCP tools and `answerkit reply --format json` describe a variable.
    var jsonMembers: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("type", .string(type.rawValue))]
        if let max { members.append(("max", .int(max))) }
        if let defaultValue { members.append(("default", .string(defaultValue))) }
        if let description { members.append(("description", .string(description))) }
        return members
    }
}
