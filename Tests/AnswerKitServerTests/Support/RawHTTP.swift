import Dispatch
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response as it came over the socket.
struct RawResponse {
    var status: Int
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A minimal HTTP/1.1 client over a POSIX socket.
///
/// Hand-written instead of URLSession because URLSession normalizes `..` and
/// percent-encoding before sending, and the traversal tests need the request
/// line to reach the server exactly as written. It also reads event streams
/// incrementally, which URLSession on Linux does not make easy.
final class RawConnection {
    private let descriptor: Int32
    /// Bytes read but not consumed yet.
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    init(port: UInt16) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw RawError("connect to port \(port): \(reason)")
        }
    }

    deinit { close(descriptor) }

    /// Sends `request` exactly as given.
    func send(_ request: String) throws {
        let bytes = Array(request.utf8)
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a server that closed the connection must fail the test, not kill it with SIGPIPE.
            #if canImport(Glibc)
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let written = bytes[offset...].withUnsafeBytes { Darwin.send(descriptor, $0.baseAddress, $0.count, 0) }
            #endif
            guard written > 0 else { throw RawError("write: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Reads more bytes, waiting at most until `deadline`; false at end of stream.
    private func fill(before deadline: Date) throws -> Bool {
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&descriptors, 1, milliseconds)
        guard ready > 0 else { throw RawError("timed out waiting for the server") }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = read(descriptor, &chunk, chunk.count)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads up to and including `delimiter`.
    private func take(through delimiter: [UInt8], before deadline: Date) throws -> [UInt8]? {
        while true {
            if let range = Self.find(delimiter, in: buffer) {
                let result = Array(buffer[..<range.upperBound])
                buffer.removeFirst(range.upperBound)
                return result
            }
            guard try fill(before: deadline) else { return nil }
        }
    }

    private func take(count: Int, before deadline: Date) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill(before: deadline) else { throw RawError("connection closed in the middle of a body") }
        }
        let result = Array(buffer[..<count])
        buffer.removeFirst(count)
        return result
    }

    /// The status line and headers of the response.
    func readHead(before deadline: Date) throws -> (status: Int, headers: [String: String]) {
        guard let head = try take(through: Array("\r\n\r\n".utf8), before: deadline) else { throw RawError("no response") }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, let status = Int(parts[1]) else { throw RawError("bad status line: \(lines.first ?? "")") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers)
    }

    /// The next chunk of a chunked body; `nil` after the last one.
    func readChunk(before deadline: Date) throws -> [UInt8]? {
        guard let sizeLine = try take(through: Array("\r\n".utf8), before: deadline),
            let size = Int(String(decoding: sizeLine.dropLast(2), as: UTF8.self), radix: 16)
        else { return nil }
        let chunk = try take(count: size, before: deadline)
        _ = try take(count: 2, before: deadline)
        return size == 0 ? nil : chunk
    }

    /// A whole response: by Content-Length, chunks, or up to the end of the stream.
    func readResponse(head: Bool, before deadline: Date) throws -> RawResponse {
        let (status, headers) = try readHead(before: deadline)
        var body: [UInt8] = []
        if head {
        } else if headers["transfer-encoding"] == "chunked" {
            while let chunk = try readChunk(before: deadline) { body += chunk }
        } else if let length = headers["content-length"].flatMap(Int.init) {
            body = try take(count: length, before: deadline)
        } else {
            while try fill(before: deadline) {}
            body = buffer
            buffer = []
        }
        return RawResponse(status: status, headers: headers, body: Data(body))
    }

    /// Whether the server closed the connection (reads to the end, waiting at most until `deadline`).
    func isClosed(before deadline: Date) -> Bool {
        do {
            while try fill(before: deadline) {}
            return true
        } catch {
            return false
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }
}

struct RawError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum RawHTTP {
    /// Generous: the test machine is slow and shared.
    static let timeout: TimeInterval = 60

    /// Sends `method target HTTP/1.1` with `Connection: close` and reads the response.
    static func request(_ target: String, method: String = "GET", port: UInt16) throws -> RawResponse {
        let connection = try RawConnection(port: port)
        do {
            try connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            return try connection.readResponse(head: method == "HEAD", before: Date(timeIntervalSinceNow: timeout))
        } catch let error as RawError {
            throw RawError("\(method) \(target): \(error)")
        }
    }
}

/// Runs blocking socket work on a Dispatch thread.
///
/// The server under test runs on Swift's cooperative pool, which has one
/// thread per core (two on the test machine): a test blocking one of them in
/// `poll(2)` while another suite blocks the other would starve the server it
/// is waiting for.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

/// A client of the server's event stream, used by one test at a time.
final class EventStreamClient: @unchecked Sendable {
    struct Event: Equatable {
        var name: String
        var data: String
    }

    let connection: RawConnection
    private var text = ""

    /// Connects and reads the response head, off the cooperative pool.
    static func open(port: UInt16) async throws -> EventStreamClient {
        try await Blocking.run { try EventStreamClient(port: port) }
    }

    /// The next event named `name`, waiting off the cooperative pool.
    func next(_ name: String, timeout: TimeInterval = RawHTTP.timeout) async throws -> Event {
        try await Blocking.run { try self.nextBlocking(name, timeout: timeout) }
    }

    /// Whether the server ends the stream in time, waiting off the cooperative pool.
    func ends(timeout: TimeInterval = RawHTTP.timeout) async -> Bool {
        (try? await Blocking.run { self.endsBlocking(timeout: timeout) }) ?? false
    }

    /// Connects and reads the response head.
    init(port: UInt16, path: String = "/__answerkit/events") throws {
        connection = try RawConnection(port: port)
        try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let (status, headers) = try connection.readHead(before: Date(timeIntervalSinceNow: RawHTTP.timeout))
        guard status == 200, headers["content-type"]?.hasPrefix("text/event-stream") == true else {
            throw RawError("event stream answered \(status) \(headers)")
        }
    }

    /// The next event named `name`, skipping others; throws when none comes in time or the stream ends.
    func nextBlocking(_ name: String, timeout: TimeInterval) throws -> Event {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            while let end = text.range(of: "\n\n") {
                let block = String(text[..<end.lowerBound])
                text.removeSubrange(..<end.upperBound)
                if let event = Self.parse(block), event.name == name { return event }
            }
            guard let chunk = try connection.readChunk(before: deadline) else { throw RawError("event stream ended before '\(name)'") }
            text += String(decoding: chunk, as: UTF8.self)
        }
    }

    /// Reads until the server ends the stream; true if it did before the deadline.
    func endsBlocking(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        do {
            while try connection.readChunk(before: deadline) != nil {}
            return true
        } catch {
            return connection.isClosed(before: deadline)
        }
    }

    static func parse(_ block: String) -> Event? {
        var name: String?
        var data: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
        }
        return name.map { Event(name: $0, data: data.joined(separator: "\n")) }
    }
}
