import Foundation

/// A message measured for one channel.
public struct LengthCount: Sendable, Hashable, Codable {
    /// The channel's name.
    public var channel: String
    /// The length in the channel's unit; for SMS, septets or UTF-16 units (see `segments`).
    public var length: Int
    /// The most `length` may be; for SMS, the capacity of the allowed segments in
    /// the text's encoding. `nil` when the channel has no limit.
    public var limit: Int?
    /// Whether the text fits the channel (and has no character the channel rejects).
    public var valid: Bool
    /// The unit of `length`.
    public var unit: LengthUnit
    /// SMS only: the number of segments.
    public var segments: Int?
    /// SMS only: `GSM-7` or `UCS-2`.
    public var encoding: SMSCounter.Encoding?

    /// Measures `text` for `channel`.
    public init(_ text: String, channel: Channel) {
        var rules = MeasuredText(text)
        self.init(rules.raw(channel.unit), channel: channel)
    }

    /// A measure in `channel`'s unit (from `MeasuredText.raw`) against `channel`'s limit.
    init(_ raw: MeasuredText.Raw, channel: Channel) {
        self.channel = channel.name
        self.unit = channel.unit
        switch raw {
        case let .weighted(length, invalid):
            self.length = length
            self.limit = channel.limit
            self.valid = !invalid && channel.limit.map { length <= $0 } ?? true
        case let .plain(length):
            self.length = length
            self.limit = channel.limit
            self.valid = channel.limit.map { length <= $0 } ?? true
        case let .sms(measure):
            length = measure.units
            segments = measure.segments
            encoding = measure.encoding
            limit = channel.limit.map { SMSCounter.capacity(segments: $0, encoding: measure.encoding) }
            valid = channel.limit.map { measure.segments <= $0 } ?? true
        }
    }

    /// `text` measured for each of `channels`: normalized once, each counting rule
    /// applied once (a reply for `any` channel is measured for every channel).
    public static func all(_ text: String, channels: [Channel]) -> [LengthCount] {
        var rules = MeasuredText(text)
        // By unit, in `LengthUnit.allCases` order (a dictionary's hashing cost more than the lookups saved).
        var measured = [MeasuredText.Raw?](repeating: nil, count: LengthUnit.count)
        return channels.map { channel in
            let slot = channel.unit.slot
            let raw = measured[slot] ?? rules.raw(channel.unit)
            measured[slot] = raw
            return LengthCount(raw, channel: channel)
        }
    }

    /// How far over the limit, or 0.
    public var excess: Int { limit.map { max(0, length - $0) } ?? 0 }

    /// The share of the limit used (1.0 = full); 0 when there is no limit.
    public var fill: Double { limit.map { $0 > 0 ? Double(length) / Double($0) : 1 } ?? 0 }
}

/// One text under every counting rule: NFC and the scalar array made once and
/// shared by the rules (each used to normalize and decode the text itself).
struct MeasuredText {
    /// A length before any limit is applied.
    enum Raw {
        case weighted(Int, invalid: Bool)
        case plain(Int)
        case sms(SMSCounter.Measure)
    }

    /// The text in NFC.
    let normalized: String
    private var scalarArray: [Unicode.Scalar]?

    init(_ text: String) {
        normalized = Normalization.nfc(text)
    }

    /// The scalars of `normalized`, decoded on first use (`characters` and `bytes` need none).
    private mutating func scalars() -> [Unicode.Scalar] {
        if let scalarArray { return scalarArray }
        let scalars = Array(normalized.unicodeScalars)
        scalarArray = scalars
        return scalars
    }

    /// The text's length under `unit`'s rule.
    mutating func raw(_ unit: LengthUnit) -> Raw {
        switch unit {
        case .weighted:
            let (length, invalid) = TwitterCounter().measure(nfc: normalized, scalars: scalars())
            return .weighted(length, invalid: invalid)
        case .characters:
            // Code points are the UTF-8 bytes that do not continue a sequence (no decoding).
            return .plain(scalarArray?.count ?? UTF8Bytes.with(normalized) { $0.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } })
        case .bytes: return .plain(normalized.utf8.count)
        case .segments: return .sms(SMSCounter.measure(nfc: scalars()))
        }
    }
}

extension LengthUnit {
    /// `allCases.count`, made once (`allCases` is a new array each time).
    static let count = allCases.count

    /// The position of the unit in `allCases`.
    var slot: Int {
        switch self {
        case .weighted: 0
        case .characters: 1
        case .bytes: 2
        case .segments: 3
        }
    }
}
