/// One record of the Linux inotify event stream.
///
/// The kernel writes `struct inotify_event { int wd; uint32_t mask; uint32_t
/// cookie; uint32_t len; char name[]; }` records back to back, `name` padded
/// with NULs to `len` bytes. Parsed by hand from the bytes `read(2)` returned
/// because the flexible array member has no Swift counterpart.
struct InotifyEvent: Sendable, Equatable {
    /// The watch the event belongs to.
    var watch: Int32
    /// `IN_*` flags.
    var mask: UInt32
    /// The name of the file inside the watched folder; empty for events on the folder itself.
    var name: String

    /// Size of the fixed part of a record.
    static let headerSize = 16

    /// Every complete record in `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + headerSize <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard nameStart + length <= bytes.count else { break }
            let nameBytes = bytes[nameStart..<(nameStart + length)].prefix { $0 != 0 }
            events.append(InotifyEvent(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self)))
            offset = nameStart + length
        }
        return events
    }
}
