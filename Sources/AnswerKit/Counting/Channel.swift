/// How a channel measures a message.
public enum LengthUnit: String, Sendable, Codable, CaseIterable {
    /// twitter-text v3 weighted length (see `TwitterCounter`).
    case weighted
    /// Unicode code points after NFC.
    case characters
    /// UTF-8 bytes after NFC.
    case bytes
    /// SMS segments (see `SMSCounter`); the limit is a number of segments.
    case segments
}

/// A channel replies are written for, with its counting rule and limit.
public struct Channel: Sendable, Hashable {
    /// The name used in front matter (`twitter`, `whatsapp`, …).
    public var name: String
    /// The counting rule.
    public var unit: LengthUnit
    /// The maximum, in `unit`s, or `nil` for no limit.
    public var limit: Int?

    /// Creates a channel.
    public init(name: String, unit: LengthUnit, limit: Int?) {
        self.name = name
        self.unit = unit
        self.limit = limit
    }

    /// The pseudo-channel of replies usable everywhere; checked against every channel.
    public static let anyName = "any"

    /// The built-in channels; `answerkit.yml` may override a limit or add channels.
    public static let builtIn: [Channel] = [
        // X: 280 weighted characters, twitter-text config/v3.json (maxWeightedTweetLength).
        Channel(name: "twitter", unit: .weighted, limit: 280),
        // Facebook: 8 000 characters for a Page post or comment reply (Meta Business Help Center).
        Channel(name: "facebook", unit: .characters, limit: 8000),
        // Instagram: captions and comments up to 2 200 characters (Instagram Help Center).
        Channel(name: "instagram", unit: .characters, limit: 2200),
        // Instagram direct messages: text "must be UTF-8 and less than 1000 bytes"
        // (Instagram Messaging API, Send API reference). Arabic and Hebrew letters take 2 bytes.
        Channel(name: "instagram-dm", unit: .bytes, limit: 1000),
        // WhatsApp Business Platform: text message body at most 4 096 characters (Cloud API reference).
        Channel(name: "whatsapp", unit: .characters, limit: 4096),
        // LinkedIn: comments up to 1 250 characters (LinkedIn Help).
        Channel(name: "linkedin", unit: .characters, limit: 1250),
        // SMS: 3 concatenated segments (459 GSM-7 septets or 201 UCS-2 units), the length
        // carriers deliver reliably as one message; segment sizes from 3GPP TS 23.038/23.040.
        Channel(name: "sms", unit: .segments, limit: 3),
        // Email: no practical limit.
        Channel(name: "email", unit: .characters, limit: nil),
    ]
}
