extension LengthCount {
    /// The count as one line, as `answerkit count` prints it:
    /// `118/280 weighted characters — fits twitter`,
    /// `75/134 UTF-16 units (UCS-2), 2 segments — fits sms`.
    public var summary: String {
        var line = "\(length)"
        if let limit { line += "/\(limit)" }
        switch unit {
        case .weighted: line += " weighted characters"
        case .characters: line += " characters"
        case .bytes: line += " bytes"
        case .segments:
            line += " \(encoding == .gsm7 ? "septets" : "UTF-16 units") (\(encoding?.rawValue ?? "")), \(segments ?? 0) segment\(segments == 1 ? "" : "s")"
        }
        return line + (valid ? " — fits \(channel)" : " — too long for \(channel)")
    }
}

extension LengthCount {
    /// `{channel, length, limit, valid, unit, segments?, encoding?}`: `answerkit count
    /// --format json` plus the unit, as the agent tools report a count.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("channel", .string(channel)), ("length", .int(length)), ("limit", limit.map(JSONValue.int) ?? .null),
            ("valid", .bool(valid)), ("unit", .string(unit.rawValue)),
        ]
        if let segments { members.append(("segments", .int(segments))) }
        if let encoding { members.append(("encoding", .string(encoding.rawValue))) }
        return .object(members)
    }
}
