/// UTF-8 checks done once per file, before anything else reads the bytes.
enum UTF8Validation {
    /// The byte offset of the first ill-formed sequence (Unicode Table 3-7), or nil when
    /// `bytes` is well-formed UTF-8.
    static func firstInvalidOffset(in bytes: some Collection<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var offset = 0
        while let lead = iterator.next() {
            if lead < 0x80 { offset += 1; continue }
            let (length, secondRange): (Int, ClosedRange<UInt8>)
            switch lead {
            case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
            case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
            case 0xED: (length, secondRange) = (3, 0x80...0x9F)  // no surrogates
            case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
            case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
            default: return offset
            }
            for position in 1..<length {
                guard let byte = iterator.next(),
                      position == 1 ? secondRange.contains(byte) : (0x80...0xBF).contains(byte)
                else { return offset }
            }
            offset += length
        }
        return nil
    }

    /// The number of bytes of a UTF-8 byte order mark at the start of `bytes` (0 or 3).
    static func byteOrderMarkLength(of bytes: some Collection<UInt8>) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }
}
