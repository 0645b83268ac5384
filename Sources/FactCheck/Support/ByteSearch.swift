extension UnsafeBufferPointer<UInt8> {
    /// Whether `literal` occurs in these bytes: a scan for its first byte, then a comparison.
    func contains(_ literal: [UInt8]) -> Bool {
        guard let first = literal.first else { return true }
        guard literal.count <= count else { return false }
        var index = 0
        let last = count - literal.count
        while index <= last {
            guard let found = UnsafeBufferPointer(rebasing: self[index...last]).firstIndex(of: first) else { return false }
            let start = index + found
            if self[start..<(start + literal.count)].elementsEqual(literal) { return true }
            index = start + 1
        }
        return false
    }
}

extension Array<UInt8> {
    func contains(_ literal: [UInt8]) -> Bool {
        withUnsafeBufferPointer { $0.contains(literal) }
    }
}
