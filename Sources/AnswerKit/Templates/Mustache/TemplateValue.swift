/// A value templates can show: what page contexts are made of.
///
/// A closed enum rather than `Any`, so lookups are dictionary hits with no
/// dynamic casts (the cost that made swift-mustache dominate 10 000-page builds).
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    /// Text already in UTF-8 (a rendered Markdown body, JSON-LD): shown like `string`,
    /// without a `String` made of it first (that would check all of it for UTF-8 again).
    case bytes([UInt8])
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Mustache truthiness: `false`, `""`, `0` and empty lists are falsey
    /// (as in mustache.js, so optional text needs no companion `hasX` flag).
    var isTruthy: Bool {
        switch self {
        case let .string(text): !text.isEmpty
        case let .bytes(bytes): !bytes.isEmpty
        case let .bool(flag): flag
        case let .int(number): number != 0
        case let .list(items): !items.isEmpty
        case .object: true
        }
    }

    /// The value's member `name`, if it is an object.
    subscript(name: String) -> TemplateValue? {
        if case let .object(members) = self { return members[name] }
        return nil
    }

    /// Text of a scalar; lists and objects show nothing.
    var text: String {
        switch self {
        case let .string(text): text
        case let .bytes(bytes): String(decoding: bytes, as: UTF8.self)
        case let .bool(flag): flag ? "true" : "false"
        case let .int(number): String(number)
        case .list, .object: ""
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, new in new }))
    }
}

extension TemplateValue {
    /// A string, or nothing when empty (so the key is absent rather than blank).
    static func optional(_ text: String?) -> TemplateValue? {
        guard let text, !text.isEmpty else { return nil }
        return .string(text)
    }

    /// A list of strings.
    static func strings(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.string)) }

    /// An object's members merged with `other`'s (other wins).
    func merging(_ other: [String: TemplateValue]) -> TemplateValue {
        guard case var .object(members) = self else { return .object(other) }
        members.merge(other) { _, new in new }
        return .object(members)
    }
}
