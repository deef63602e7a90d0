import AnswerKit
import ArgumentParser
import Foundation

struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Measure a reply for a channel, by that channel's counting rule.",
        discussion: """
            twitter uses twitter-text v3 weighted length (URLs 23, emoji 2, CJK 2, Latin, Arabic \
            and Hebrew 1); sms counts GSM-7/UCS-2 segments; instagram-dm counts UTF-8 bytes; \
            others count characters. Channel limits come from answerkit.yml when run in a \
            knowledge base. Exit status 1 when the text does not fit.
            """)

    @Option(name: .shortAndLong, help: "The channel (twitter, facebook, instagram, instagram-dm, whatsapp, linkedin, sms, email).")
    var channel: String

    @Argument(help: "The text; reads standard input when omitted.")
    var text: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var site: SiteOptions

    func run() throws {
        var channels = Channel.builtIn
        let configURL = site.rootURL.appendingPathComponent(ConfigLoader.fileName)
        if FileManager.default.fileExists(atPath: configURL.path) {
            let (config, diagnostics) = ConfigLoader.load(root: site.rootURL)
            if let config { channels = config.channels } else { emit(diagnostics, format: .text) }
        }
        guard let channel = channels.first(where: { $0.name == self.channel }) else {
            throw ValidationError("unknown channel '\(self.channel)'; channels: \(channels.map(\.name).joined(separator: ", "))")
        }
        let input = text ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let count = LengthCount(input, channel: channel)
        switch format {
        case .json:
            struct Output: Encodable {
                var channel: String
                var length: Int
                var limit: Int?
                var valid: Bool
                var segments: Int?
                var encoding: String?
                func encode(to encoder: Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(channel, forKey: .channel)
                    try container.encode(length, forKey: .length)
                    try container.encode(limit, forKey: .limit)
                    try container.encode(valid, forKey: .valid)
                    try container.encodeIfPresent(segments, forKey: .segments)
                    try container.encodeIfPresent(encoding, forKey: .encoding)
                }
                enum CodingKeys: String, CodingKey { case channel, length, limit, valid, segments, encoding }
            }
            print(JSONOutput.string(Output(
                channel: count.channel, length: count.length, limit: count.limit, valid: count.valid,
                segments: count.segments, encoding: count.encoding?.rawValue), pretty: false), terminator: "")
        case .text:
            print(count.summary)
        }
        if !count.valid { throw ExitCode.failure }
    }
}
