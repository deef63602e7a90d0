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
    case object(TemplateObject)

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
        if case let .object(members) = self { return members[TemplateKey(name)] }
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
    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
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
    func merging(_ other: TemplateObject) -> TemplateValue {
        guard case var .object(members) = self else { return .object(other) }
        members.merge(other) { _, new in new }
        return .object(members)
    }
}

/// The members of a template object.
public typealias TemplateObject = [TemplateKey: TemplateValue]

/// The name of a member of a template object.
///
/// Its hash is computed once, when the name is made (FNV-1a over the UTF-8, then
/// mixed), and dictionaries use it as it is (`_rawHashValue(seed:)`) instead of
/// running SipHash over the name on every lookup: a page looks up a few hundred
/// names, most of them missing at several levels of the context stack, and hashing
/// was a third of the template time. Names are fixed by the templates and by
/// AnswerKit, not by readers, so flooding a table with colliding names is no threat.
public struct TemplateKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name.
    public let name: String
    /// The precomputed hash of `name`.
    let code: Int

    public init(_ name: String) {
        self.name = name
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        code = Int(bitPattern: UInt(hash))
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { name }

    public static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool {
        lhs.code == rhs.code && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public func _rawHashValue(seed: Int) -> Int {
        // A 64-bit finaliser (splitmix64) over the name's hash and the table's seed.
        var mixed = UInt64(bitPattern: Int64(code ^ seed))
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(bitPattern: UInt(mixed ^ (mixed >> 31)))
    }
}
