/// Line starts of a file's bytes, for turning byte offsets into 1-based line and column.
///
/// Built once per file and consulted only for what is reported. A line ends at LF, CRLF or a
/// lone CR; a column counts Unicode scalars from the start of its line.
struct LineIndex: Sendable {
    private let lineStarts: [Int]

    init(_ bytes: some Collection<UInt8>) {
        var starts = [0]
        var offset = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A {
                starts.append(offset + 1)
            } else if previous == 0x0D {
                starts.append(offset)  // a lone CR ended the previous line
            }
            previous = byte
            offset += 1
        }
        if previous == 0x0D { starts.append(offset) }
        lineStarts = starts
    }

    /// 1-based line and column of `offset` in `bytes` (the same bytes the index was built from).
    func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        let line = max(low, 1)
        let start = lineStarts[line - 1]
        var column = 1
        for byte in bytes[start..<min(offset, bytes.count)] where byte & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }
}
