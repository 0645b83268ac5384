extension UnsafeBufferPointer<UInt8> {
    /// Where `literal` first occurs at or after `start`: a scan for its first byte, then a comparison.
    func firstOffset(of literal: [UInt8], from start: Int = 0) -> Int? {
        guard let first = literal.first else { return start }
        guard literal.count <= count else { return nil }
        var index = start
        let last = count - literal.count
        while index <= last {
            guard let found = UnsafeBufferPointer(rebasing: self[index...last]).firstIndex(of: first) else { return nil }
            let candidate = index + found
            if self[candidate..<(candidate + literal.count)].elementsEqual(literal) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    func contains(_ literal: [UInt8]) -> Bool {
        firstOffset(of: literal) != nil
    }
}

extension Array<UInt8> {
    func contains(_ literal: [UInt8]) -> Bool {
        withUnsafeBufferPointer { $0.contains(literal) }
    }

    /// How many times `literal` (not empty) occurs, without overlaps.
    func occurrences(of literal: [UInt8]) -> Int {
        withUnsafeBufferPointer { bytes in
            var count = 0
            var start = 0
            while let found = bytes.firstOffset(of: literal, from: start) {
                count += 1
                start = found + literal.count
            }
            return count
        }
    }
}
