import CInflate

/// The entries of a ZIP archive (a .docx), read from its central directory, and the bytes of
/// the few entries a reader asks for, inflated under a cap.
///
/// Why not ZIPFoundation, which the tests use to write .docx files: on Linux its 0.9.20 inflate
/// loop never ends when a deflate stream stops short of its end (the provider returns no more
/// bytes and the loop waits for them; fixed upstream after 0.9.20), and it tells zlib that each
/// chunk holds a full buffer, so a short last chunk lets zlib read past it. A .docx from a pull
/// request can be made that way on purpose, so this reader parses the three records it needs
/// (end of central directory, central directory, local header) and drives zlib itself, checking
/// every size against the file and the caps as it goes.
struct ZipArchive {
    struct Entry {
        var name: [UInt8]
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var nameString: String { String(decoding: name, as: UTF8.self) }
    }

    /// Why an archive or an entry cannot be read, in words for the user.
    struct Failure: Error {
        var message: String
    }

    /// A .docx holds a few dozen entries; ten thousand is past any Word document.
    static let maxEntries = 10_000

    let bytes: [UInt8]
    let entries: [Entry]

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        // The end of central directory record: 22 bytes and a comment of up to 65,535, at the end.
        let endSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, !(bytes[end] == 0x50 && bytes[end + 1] == 0x4B && bytes[end + 2] == 0x05 && bytes[end + 3] == 0x06) {
            end -= 1
        }
        guard end >= lowest, bytes.count >= 22, Array(bytes[end..<(end + 4)]) == endSignature else {
            throw Failure(message: "not a ZIP archive (no end of central directory record; a .docx is one), or a truncated one")
        }
        let disk = Self.u16(bytes, end + 4), directoryDisk = Self.u16(bytes, end + 6)
        let count = Int(Self.u16(bytes, end + 10))
        let size = Int(Self.u32(bytes, end + 12)), offset = Int(Self.u32(bytes, end + 16))
        guard disk == 0, directoryDisk == 0 else { throw Failure(message: "a ZIP archive split over several files") }
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
            throw Failure(message: "a ZIP64 archive (over 4 GiB or 65,535 entries), far larger than any Word document")
        }
        guard count <= Self.maxEntries else {
            throw Failure(message: "a ZIP archive of \(count) entries, more than the \(Self.maxEntries) a Word document could hold")
        }
        guard offset + size <= end else {
            throw Failure(message: "a damaged ZIP archive: its central directory (\(size) bytes at offset \(offset)) lies outside the file")
        }
        var entries: [Entry] = []
        var position = offset
        for index in 0..<count {
            guard position + 46 <= offset + size, Self.u32(bytes, position) == 0x0201_4B50 else {
                throw Failure(message: "a damaged ZIP archive: entry \(index + 1) of \(count) of its central directory is missing or broken")
            }
            let nameLength = Int(Self.u16(bytes, position + 28))
            let extraLength = Int(Self.u16(bytes, position + 30)), commentLength = Int(Self.u16(bytes, position + 32))
            guard position + 46 + nameLength <= offset + size else {
                throw Failure(message: "a damaged ZIP archive: the name of entry \(index + 1) runs past its central directory")
            }
            let entry = Entry(
                name: Array(bytes[(position + 46)..<(position + 46 + nameLength)]), flags: Self.u16(bytes, position + 8),
                method: Self.u16(bytes, position + 10), crc: Self.u32(bytes, position + 16),
                compressedSize: Int(Self.u32(bytes, position + 20)), uncompressedSize: Int(Self.u32(bytes, position + 24)),
                localHeaderOffset: Int(Self.u32(bytes, position + 42)))
            guard entry.compressedSize != 0xFFFF_FFFF, entry.uncompressedSize != 0xFFFF_FFFF, entry.localHeaderOffset != 0xFFFF_FFFF else {
                throw Failure(message: "a ZIP64 entry (\(entry.nameString)), far larger than any Word document part")
            }
            entries.append(entry)
            position += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The entry named `name`; nil when there is none. Two entries of one name are refused:
    /// ZIP readers differ on which they take, so a checker and a word processor could read two
    /// different articles from the same file.
    func entry(named name: String) throws(Failure) -> Entry? {
        let wanted = Array(name.utf8)
        let found = entries.filter { $0.name == wanted }
        guard found.count <= 1 else { throw Failure(message: "a ZIP archive with \(found.count) entries named \(name)") }
        return found.first
    }

    /// The bytes of the entry named `name`, or nil when there is none (`contents(of:limit:)`).
    func contents(ofEntryNamed name: String, limit: Int) throws(Failure) -> [UInt8]? {
        guard let entry = try entry(named: name) else { return nil }
        return try contents(of: entry, limit: limit)
    }

    /// The bytes of `entry`, refused before inflating when it says it holds more than `limit`,
    /// and while inflating as soon as it gives more (a ZIP bomb need not say its size truly).
    func contents(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        let name = entry.nameString
        guard entry.flags & 1 == 0 else { throw Failure(message: "\(name) is encrypted") }
        guard entry.uncompressedSize <= limit else {
            throw Failure(message: "\(name) holds \(entry.uncompressedSize) bytes, more than the limit of \(limit) (a ZIP bomb?)")
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw Failure(message: "a damaged ZIP archive: the local header of \(name) is missing")
        }
        let nameLength = Int(Self.u16(bytes, header + 26)), extraLength = Int(Self.u16(bytes, header + 28))
        let start = header + 30 + nameLength + extraLength
        guard start <= bytes.count, Array(bytes[(header + 30)..<(header + 30 + nameLength)]) == entry.name else {
            throw Failure(message: "a damaged ZIP archive: the local header of \(name) names another entry")
        }
        guard start + entry.compressedSize <= bytes.count else {
            throw Failure(message: "a damaged or truncated ZIP archive: the data of \(name) runs past the end of the file")
        }
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw Failure(message: "a damaged ZIP archive: \(name) is stored uncompressed but its two sizes differ")
            }
            data = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            data = try inflate(start..<(start + entry.compressedSize), name: name, limit: limit)
        default:
            throw Failure(message: "\(name) is compressed with method \(entry.method); a .docx uses deflate (8)")
        }
        guard data.count == entry.uncompressedSize else {
            throw Failure(message: "a damaged ZIP archive: \(name) inflates to \(data.count) bytes where its directory says \(entry.uncompressedSize)")
        }
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == entry.crc else { throw Failure(message: "a damaged ZIP archive: the checksum of \(name) does not match its data") }
        return data
    }

    /// Raw deflate data inflated by zlib, in 64 KiB steps; an error as soon as the output passes
    /// `limit` or the input ends before the stream does.
    private func inflate(_ range: Range<Int>, name: String, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard factcheck_inflate_init_raw(&stream) == Z_OK else { throw Failure(message: "zlib could not start inflating \(name)") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var status = Z_OK
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + range.lowerBound })
            stream.avail_in = uInt(range.count)
            chunk.withUnsafeMutableBufferPointer { buffer in
                repeat {
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CInflate.inflate(&stream, Z_NO_FLUSH)
                    let produced = buffer.count - Int(stream.avail_out)
                    if output.count + produced > limit {
                        status = Z_MEM_ERROR
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<(limit + 1 - output.count)]))
                        return
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<produced]))
                } while status == Z_OK
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case _ where output.count > limit:
            throw Failure(message: "\(name) inflates to more than the limit of \(limit) bytes (a ZIP bomb?)")
        case Z_BUF_ERROR:
            throw Failure(message: "a damaged or truncated ZIP archive: the compressed data of \(name) ends before its last block")
        default:
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw Failure(message: "a damaged ZIP archive: \(name) cannot be inflated (\(reason))")
        }
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
