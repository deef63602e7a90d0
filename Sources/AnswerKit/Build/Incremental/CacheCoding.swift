import Foundation

/// The byte encoding of the build cache (`PersistedMemory`): hand-written rather than
/// `Codable`, since JSON or property-list coders take seconds over the parsed front
/// matter and search postings of 100 000 entries, and a cache that costs as much as
/// the work it saves is no cache.
///
/// Integers are LEB128 varints (zig-zag for signed ones), strings and byte runs
/// length-first, optionals a presence byte then the value, arrays a count then the
/// elements; arrays of plain numbers (postings) are copied as their bytes, so the
/// format is little-endian only (the header says so: a big-endian reader sees a
/// wrong magic and builds in full).
protocol CacheCodable {
    func encode(to writer: CacheWriter)
    init(from reader: CacheReader) throws(CacheError)
}

/// Why a cache file could not be read (the build then says so and builds in full).
struct CacheError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
    static let truncated = CacheError("the cache is truncated or corrupt")
}

/// Appends encoded values to a file through a buffer, keeping a checksum of every
/// byte, so a file far larger than the buffer (one locale's postings) never sits in
/// memory whole.
final class CacheWriter {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    private var checksum = StreamHasher()
    private var failed = false
    /// Bytes written so far (flushed or not).
    private(set) var count = 0

    /// Writes to a new file at `path` (replaced if it exists).
    init(path: String) throws(CacheError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CacheError("cannot write \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    private static let flushSize = 1 << 20

    private var closed = false

    /// Closes a file left unfinished (a write that failed midway).
    deinit { if !closed { close(descriptor) } }

    @inline(__always)
    private func flushIfFull() {
        if buffer.count >= Self.flushSize { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            checksum.update(bytes)
            var offset = 0
            while offset < bytes.count, !failed {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                } else {
                    offset += written
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, appends the trailer (checksum, length, end mark), syncs nothing (a torn
    /// file fails its checksum) and closes; returns the checksum, or throws when a write failed.
    func finish() throws(CacheError) -> UInt64 {
        flush()
        let sum = checksum.finalize()
        let length = UInt64(count)
        raw(sum)
        raw(length)
        buffer.append(contentsOf: CacheFormat.endMark)
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, !failed {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno != EINTR { failed = true } } else { offset += written }
            }
        }
        buffer.removeAll()
        closed = true
        guard close(descriptor) == 0, !failed else { throw CacheError("cannot write the cache: \(String(cString: strerror(errno)))") }
        return sum
    }

    // MARK: - Values

    @inline(__always)
    func byte(_ value: UInt8) {
        buffer.append(value)
        count += 1
    }

    @inline(__always)
    func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
            count += 1
        }
        buffer.append(UInt8(value))
        count += 1
        flushIfFull()
    }

    @inline(__always)
    func int(_ value: Int) {
        varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
    }

    func bool(_ value: Bool) { byte(value ? 1 : 0) }

    /// 8 bytes, little-endian (checksums, digests: varints would not be shorter).
    func raw(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        count += 8
    }

    func double(_ value: Double) { raw(value.bitPattern) }

    func bytes(_ value: UnsafeRawBufferPointer) {
        varint(UInt64(value.count))
        if value.count >= Self.flushSize {
            flush()
            // Straight to the file: no copy of a large run through the buffer.
            buffer.append(contentsOf: value)
            count += value.count
            flush()
        } else {
            buffer.append(contentsOf: value)
            count += value.count
            flushIfFull()
        }
    }

    func bytes(_ value: [UInt8]) { value.withUnsafeBytes { bytes($0) } }

    func string(_ value: String) {
        var value = value
        value.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// An array of plain numbers, as its bytes.
    func numbers<T: BitwiseCopyable>(_ values: [T]) {
        values.withUnsafeBytes { bytes($0) }
    }

    func optional<T>(_ value: T?, _ body: (T) -> Void) {
        if let value {
            byte(1)
            body(value)
        } else {
            byte(0)
        }
    }

    func value<T: CacheCodable>(_ value: T) { value.encode(to: self) }

    func array<T: CacheCodable>(_ values: [T]) {
        varint(UInt64(values.count))
        for value in values { value.encode(to: self) }
    }

    func array<T>(_ values: [T], _ body: (T) -> Void) {
        varint(UInt64(values.count))
        for value in values { body(value) }
    }

    func strings(_ values: [String]) { array(values, string) }
}

/// Reads what `CacheWriter` wrote, from bytes kept alive by the caller; every read is
/// bounds-checked (a corrupt file fails, it never crashes the build).
final class CacheReader {
    private let base: UnsafeRawPointer
    private let end: Int
    private(set) var position: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        self.end = end ?? bytes.count
        position = start
    }

    var isAtEnd: Bool { position >= end }

    @inline(__always)
    func byte() throws(CacheError) -> UInt8 {
        guard position < end else { throw .truncated }
        defer { position += 1 }
        return base.load(fromByteOffset: position, as: UInt8.self)
    }

    @inline(__always)
    func varint() throws(CacheError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw .truncated }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    @inline(__always)
    func int() throws(CacheError) -> Int {
        let value = try varint()
        return Int(Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
    }

    /// A count, checked against what is left (each element takes a byte at least).
    func count() throws(CacheError) -> Int {
        let value = try varint()
        guard value <= UInt64(end - position) else { throw .truncated }
        return Int(value)
    }

    func bool() throws(CacheError) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw .truncated
        }
    }

    func raw() throws(CacheError) -> UInt64 {
        guard end - position >= 8 else { throw .truncated }
        defer { position += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    func double() throws(CacheError) -> Double { Double(bitPattern: try raw()) }

    /// A length-prefixed run of bytes, without copying (valid while the bytes are).
    func span() throws(CacheError) -> UnsafeRawBufferPointer {
        let length = try count()
        defer { position += length }
        return UnsafeRawBufferPointer(start: base + position, count: length)
    }

    func bytes() throws(CacheError) -> [UInt8] { [UInt8](try span()) }

    func string() throws(CacheError) -> String {
        String(decoding: try span(), as: UTF8.self)
    }

    func numbers<T: BitwiseCopyable>(_: T.Type = T.self) throws(CacheError) -> [T] {
        let span = try span()
        guard span.count % MemoryLayout<T>.stride == 0 else { throw .truncated }
        return [T](unsafeUninitializedCapacity: span.count / MemoryLayout<T>.stride) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: span)
            initialized = span.count / MemoryLayout<T>.stride
        }
    }

    func optional<T>(_ body: () throws(CacheError) -> T) throws(CacheError) -> T? {
        try bool() ? try body() : nil
    }

    func value<T: CacheCodable>(_: T.Type = T.self) throws(CacheError) -> T { try T(from: self) }

    func array<T: CacheCodable>(_: T.Type = T.self) throws(CacheError) -> [T] {
        let count = try count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: self)) }
        return values
    }

    func array<T>(_ body: () throws(CacheError) -> T) throws(CacheError) -> [T] {
        let count = try count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try body()) }
        return values
    }

    func strings() throws(CacheError) -> [String] { try array { () throws(CacheError) in try string() } }
}

/// `StableHasher` over a stream of byte runs, the same whatever the runs' sizes (the
/// checksum of a file written through a buffer).
struct StreamHasher {
    private var hasher = StableHasher()
    private var tail: UInt64 = 0
    private var tailCount = 0
    private var total: UInt64 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var index = 0
        while tailCount > 0, index < bytes.count {
            tail |= UInt64(bytes[index]) << (8 * UInt64(tailCount))
            tailCount += 1
            index += 1
            if tailCount == 8 {
                hasher.combine(tail)
                (tail, tailCount) = (0, 0)
            }
        }
        while index + 8 <= bytes.count {
            hasher.combine(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            index += 8
        }
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << (8 * UInt64(tailCount))
            tailCount += 1
            index += 1
        }
    }

    func finalize() -> UInt64 {
        var hasher = hasher
        if tailCount > 0 { hasher.combine(tail) }
        hasher.combine(total)
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }
}

// MARK: - Model values

extension EntryKey: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(locale)
        writer.string(category)
        writer.string(slug)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(locale: try reader.string(), category: try reader.string(), slug: try reader.string())
    }
}

extension Day: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.int(year)
        writer.int(month)
        writer.int(day)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(year: try reader.int(), month: try reader.int(), day: try reader.int())
    }
}

extension FileStamp: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.int(Int(size))
        writer.int(seconds)
        writer.int(nanoseconds)
        writer.varint(inode)
    }

    init(from reader: CacheReader) throws(CacheError) {
        size = Int64(try reader.int())
        seconds = try reader.int()
        nanoseconds = try reader.int()
        inode = try reader.varint()
    }
}

extension SourceLocation: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(path)
        writer.optional(line, writer.int)
        writer.optional(column, writer.int)
    }

    init(from reader: CacheReader) throws(CacheError) {
        let path = try reader.string()
        let line = try reader.optional { () throws(CacheError) in try reader.int() }
        let column = try reader.optional { () throws(CacheError) in try reader.int() }
        self.init(path: path, line: line, column: column)
    }
}

extension Diagnostic: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.bool(severity == .error)
        writer.optional(location, writer.value)
        writer.string(message)
        writer.strings(notes)
        writer.string(code)
    }

    init(from reader: CacheReader) throws(CacheError) {
        let severity: Severity = try reader.bool() ? .error : .warning
        let location = try reader.optional { () throws(CacheError) in try reader.value(SourceLocation.self) }
        let message = try reader.string()
        let notes = try reader.strings()
        self.init(severity, code: try reader.string(), at: location, message, notes: notes)
    }
}

extension Diagnostics: CacheCodable {
    func encode(to writer: CacheWriter) { writer.array(items) }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(try reader.array(Diagnostic.self))
    }
}

/// Enumerations by raw value: a renamed case reads as corrupt (a full build), never as another case.
extension CacheWriter {
    func raw<T: RawRepresentable>(_ value: T) where T.RawValue == String { string(value.rawValue) }
}

extension CacheReader {
    func raw<T: RawRepresentable>(_: T.Type = T.self) throws(CacheError) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw CacheError("the cache holds an unknown value") }
        return value
    }
}

extension LengthCount: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(channel)
        writer.int(length)
        writer.optional(limit, writer.int)
        writer.bool(valid)
        writer.raw(unit)
        writer.optional(segments, writer.int)
        writer.optional(encoding) { writer.raw($0) }
    }

    init(from reader: CacheReader) throws(CacheError) {
        channel = try reader.string()
        length = try reader.int()
        limit = try reader.optional { () throws(CacheError) in try reader.int() }
        valid = try reader.bool()
        unit = try reader.raw(LengthUnit.self)
        segments = try reader.optional { () throws(CacheError) in try reader.int() }
        encoding = try reader.optional { () throws(CacheError) in try reader.raw(SMSCounter.Encoding.self) }
    }
}

extension Reply: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(channel)
        writer.raw(kind)
        writer.string(text)
        writer.strings(variables)
        writer.int(number)
        writer.value(location)
        writer.optional(count, writer.value)
        writer.optional(worstCase, writer.value)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(
            channel: try reader.string(), kind: try reader.raw(ReplyKind.self), text: try reader.string(), variables: try reader.strings(),
            number: try reader.int(), location: try reader.value(SourceLocation.self),
            count: try reader.optional { () throws(CacheError) in try reader.value(LengthCount.self) },
            worstCase: try reader.optional { () throws(CacheError) in try reader.value(LengthCount.self) })
    }
}

extension Entry: CacheCodable {
    func encode(to writer: CacheWriter) {
        let fields = fields
        writer.value(fields.key)
        writer.string(fields.path)
        writer.string(fields.id)
        writer.string(fields.title)
        writer.string(fields.summary)
        writer.strings(fields.tags)
        writer.raw(fields.status)
        writer.optional(fields.approvedBy, writer.string)
        writer.optional(fields.approvedOn, writer.value)
        writer.optional(fields.reviewBy, writer.value)
        writer.optional(fields.updated, writer.value)
        writer.array(fields.sources) { writer.string($0.text) }
        writer.array(fields.replies)
        writer.int(fields.bodyLineOffset)
        writer.value(fields.idLocation)
        writer.optional(fields.approvedOnLocation, writer.value)
        writer.optional(fields.reviewByLocation, writer.value)
    }

    init(from reader: CacheReader) throws(CacheError) {
        func day() throws(CacheError) -> Day? { try reader.optional { () throws(CacheError) in try reader.value(Day.self) } }
        func location() throws(CacheError) -> SourceLocation? { try reader.optional { () throws(CacheError) in try reader.value(SourceLocation.self) } }
        self.init(
            key: try reader.value(EntryKey.self), path: try reader.string(), id: try reader.string(), title: try reader.string(),
            summary: try reader.string(), tags: try reader.strings(), status: try reader.raw(EntryStatus.self),
            approvedBy: try reader.optional { () throws(CacheError) in try reader.string() }, approvedOn: try day(), reviewBy: try day(),
            updated: try day(), sources: try reader.array { () throws(CacheError) in EntrySource(text: try reader.string()) },
            replies: try reader.array(Reply.self), bodyLineOffset: try reader.int(), idLocation: try reader.value(SourceLocation.self),
            approvedOnLocation: try location(), reviewByLocation: try location())
    }
}

extension Category: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(locale)
        writer.string(slug)
        writer.string(title)
        writer.string(description)
        writer.int(order)
        writer.optional(path, writer.string)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(locale: try reader.string(), slug: try reader.string())
        title = try reader.string()
        description = try reader.string()
        order = try reader.int()
        path = try reader.optional { () throws(CacheError) in try reader.string() }
    }
}

extension SourceFile: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(relative)
        writer.optional(stamp, writer.value)
        writer.int(digest)
        switch result {
        case let .entry(entry, diagnostics):
            writer.byte(0)
            writer.value(entry)
            writer.value(diagnostics)
        case let .category(category, diagnostics):
            writer.byte(1)
            writer.value(category)
            writer.value(diagnostics)
        case let .failed(diagnostics):
            writer.byte(2)
            writer.value(diagnostics)
        }
    }

    init(from reader: CacheReader) throws(CacheError) {
        let relative = try reader.string()
        let stamp = try reader.optional { () throws(CacheError) in try reader.value(FileStamp.self) }
        let digest = try reader.int()
        let result: ContentLoader.FileResult
        switch try reader.byte() {
        case 0: result = .entry(try reader.value(Entry.self), try reader.value(Diagnostics.self))
        case 1: result = .category(try reader.value(Category.self), try reader.value(Diagnostics.self))
        case 2: result = .failed(try reader.value(Diagnostics.self))
        default: throw .truncated
        }
        self.init(relative: relative, stamp: stamp, result: result, digest: digest)
    }
}

extension InternalLink: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.optional(target, writer.value)
        writer.optional(fragment, writer.string)
        writer.value(location)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(
            target: try reader.optional { () throws(CacheError) in try reader.value(EntryKey.self) },
            fragment: try reader.optional { () throws(CacheError) in try reader.string() }, location: try reader.value(SourceLocation.self))
    }
}

extension Builder.EntryResult: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.value(key)
        writer.strings(headingIDs)
        writer.array(anchoredLinks)
        writer.value(diagnostics)
        writer.strings(linkedPaths)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(
            key: try reader.value(EntryKey.self), headingIDs: try reader.strings(), anchoredLinks: try reader.array(InternalLink.self),
            diagnostics: try reader.value(Diagnostics.self), linkedPaths: try reader.strings())
    }
}

extension SnippetBundle.SerializedSnippet: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.string(id)
        writer.string(locale)
        writer.bytes(json)
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(id: try reader.string(), locale: try reader.string(), json: try reader.bytes())
    }
}
