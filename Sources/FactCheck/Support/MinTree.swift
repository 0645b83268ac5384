/// Optional integers at positions 0..<count, with the lowest of a range and the last position
/// before a given one that holds a value, each in O(log count): a segment tree. The consistency
/// check finds the first cluster a value fits with it, and scoped suppressions the first
/// directive covering a line.
struct MinTree {
    /// Leaves at `width..<2 * width`, each inner node the lowest of its two children; `.max` is none.
    private var nodes: [Int]
    private let width: Int

    init(count: Int) {
        var width = 1
        while width < count { width *= 2 }
        self.width = width
        nodes = Array(repeating: .max, count: 2 * width)
    }

    subscript(position: Int) -> Int? {
        get { nodes[width + position] == .max ? nil : nodes[width + position] }
        set {
            var node = width + position
            nodes[node] = newValue ?? .max
            while node > 1 {
                node /= 2
                nodes[node] = min(nodes[2 * node], nodes[2 * node + 1])
            }
        }
    }

    /// The lowest value at a position in `range`.
    func lowest(in range: Range<Int>) -> Int? {
        var (low, high) = (range.lowerBound + width, range.upperBound + width)
        var best = Int.max
        while low < high {
            if low & 1 == 1 {
                best = min(best, nodes[low])
                low += 1
            }
            if high & 1 == 1 {
                high -= 1
                best = min(best, nodes[high])
            }
            (low, high) = (low / 2, high / 2)
        }
        return best == .max ? nil : best
    }

    /// The last position before `end` that holds a value: the right child first, and a subtree
    /// holding none, or wholly at or past `end`, is never entered.
    func last(before end: Int) -> Int? {
        func last(_ node: Int, from start: Int, size: Int) -> Int? {
            guard start < end, nodes[node] != .max else { return nil }
            guard size > 1 else { return start }
            return last(2 * node + 1, from: start + size / 2, size: size / 2) ?? last(2 * node, from: start, size: size / 2)
        }
        return last(1, from: 0, size: width)
    }
}
