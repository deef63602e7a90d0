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
        self.channel = channel.name
        self.unit = channel.unit
        switch channel.unit {
        case .weighted:
            let (length, invalid) = TwitterCounter().measure(text)
            self.length = length
            self.limit = channel.limit
            self.valid = !invalid && channel.limit.map { length <= $0 } ?? true
        case .characters:
            let length = Normalization.nfc(text).unicodeScalars.count
            self.length = length
            self.limit = channel.limit
            self.valid = channel.limit.map { length <= $0 } ?? true
        case .bytes:
            let length = Normalization.nfc(text).utf8.count
            self.length = length
            self.limit = channel.limit
            self.valid = channel.limit.map { length <= $0 } ?? true
        case .segments:
            let measure = SMSCounter.measure(text)
            length = measure.units
            segments = measure.segments
            encoding = measure.encoding
            limit = channel.limit.map { SMSCounter.capacity(segments: $0, encoding: measure.encoding) }
            valid = channel.limit.map { measure.segments <= $0 } ?? true
        }
    }

    /// `text` measured for each of `channels`, each counting rule applied once
    /// (a reply for `any` channel is measured for every channel).
    public static func all(_ text: String, channels: [Channel]) -> [LengthCount] {
        var measured: [LengthUnit: LengthCount] = [:]
        return channels.map { channel in
            // Only plain counts are shared: weighted and SMS validity depend on more than the length.
            guard channel.unit == .characters || channel.unit == .bytes, var count = measured[channel.unit] else {
                let count = LengthCount(text, channel: channel)
                measured[channel.unit] = count
                return count
            }
            count.channel = channel.name
            count.limit = channel.limit
            count.valid = channel.limit.map { count.length <= $0 } ?? true
            return count
        }
    }

    /// How far over the limit, or 0.
    public var excess: Int { limit.map { max(0, length - $0) } ?? 0 }

    /// The share of the limit used (1.0 = full); 0 when there is no limit.
    public var fill: Double { limit.map { $0 > 0 ? Double(length) / Double($0) : 1 } ?? 0 }
}
