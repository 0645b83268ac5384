extension RandomAccessCollection {
    /// The index of the first element that satisfies `belongs`, in a collection where every
    /// element that does comes after every one that does not (sorted by what `belongs` asks):
    /// a binary search, O(log n). `endIndex` when none does.
    func partitioningIndex(where belongs: (Element) throws -> Bool) rethrows -> Index {
        var (low, count) = (startIndex, self.count)
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if try belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
