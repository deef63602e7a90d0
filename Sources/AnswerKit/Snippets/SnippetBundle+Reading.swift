import Foundation

/// Why a bundle file could not be used.
public struct BundleReadError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The file is missing or unreadable.
        case unreadable
        /// Not a snippet bundle: invalid JSON or missing fields.
        case invalid(String)
        /// Written by a newer AnswerKit.
        case unsupportedSchema(Int)
    }

    public var path: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .unreadable: "\(path): cannot read the bundle; build the site first ('answerkit build') or pass --bundle"
        case let .invalid(detail): "\(path): not an AnswerKit snippet bundle: \(detail)"
        case let .unsupportedSchema(version):
            "\(path): bundle schema version \(version) is newer than this AnswerKit understands (\(SnippetBundle.currentSchemaVersion)); update AnswerKit"
        }
    }
}

extension SnippetBundle {
    /// Reads `snippets.json` (any schema version up to the current one).
    public static func read(from url: URL, displayPath: String? = nil) throws(BundleReadError) -> SnippetBundle {
        let path = displayPath ?? url.path
        guard let data = FileManager.default.contents(atPath: url.path) else { throw BundleReadError(path: path, reason: .unreadable) }
        return try decode(data, path: path)
    }

    /// Decodes bundle bytes; `path` names them in errors.
    public static func decode(_ data: Data, path: String) throws(BundleReadError) -> SnippetBundle {
        if let bundle = fastDecode(Array(data)) { return bundle }
        // Not a bundle the fast reader takes: JSONDecoder says why, or reads it after all.
        struct Version: Decodable {
            var schemaVersion: Int
            enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
        }
        let decoder = JSONDecoder()
        do {
            let version = try decoder.decode(Version.self, from: data).schemaVersion
            guard version <= currentSchemaVersion else { throw BundleReadError(path: path, reason: .unsupportedSchema(version)) }
            return try decoder.decode(SnippetBundle.self, from: data)
        } catch let error as BundleReadError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw BundleReadError(path: path, reason: .invalid("missing '\(key.stringValue)'\(where_(context.codingPath))"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
            throw BundleReadError(path: path, reason: .invalid("\(context.debugDescription)\(where_(context.codingPath))"))
        } catch {
            throw BundleReadError(path: path, reason: .invalid("\(error)"))
        }
    }

    private static func where_(_ path: [CodingKey]) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// The bundle without replies whose `review_by` has passed on `today`.
    ///
    /// A bundle is built on one day and used on later ones; every tool that reads
    /// it (exports, the MCP server) keeps to what is still approved today.
    public func current(on today: Day) -> SnippetBundle {
        var copy = self
        copy.replies = replies.filter { reply in reply.reviewBy.map { $0 >= today } ?? true }
        copy.count = copy.replies.count
        return copy
    }

    /// The replies of `locale` and/or `channel` (a reply for `any` matches every channel).
    public func selecting(locale: String? = nil, channel: String? = nil) -> SnippetBundle {
        var copy = self
        copy.replies = replies.filter { reply in
            (locale.map { reply.locale == $0 } ?? true) && (channel.map { reply.channel == $0 || reply.channel == Channel.anyName } ?? true)
        }
        copy.count = copy.replies.count
        if let locale { copy.locale = locale }
        return copy
    }
}
