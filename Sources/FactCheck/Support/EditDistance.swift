/// Levenshtein distance over Unicode scalars, for "did you mean" suggestions.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether `a` and `b` are one edit apart: a letter added, dropped or changed, or two
    /// neighbours swapped ("ulr" for "url", which `between` counts as two).
    static func isOneEdit(_ a: String, _ b: String) -> Bool {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard a != b, abs(a.count - b.count) <= 1 else { return false }
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        if a.count != b.count {
            let (long, short) = a.count > b.count ? (a, b) : (b, a)
            return long[(prefix + 1)...] == short[prefix...]
        }
        if a[(prefix + 1)...] == b[(prefix + 1)...] { return true }
        return prefix + 1 < a.count && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] && a[(prefix + 2)...] == b[(prefix + 2)...]
    }

    /// The candidate closest to `word` within `maximum` edits, if any.
    static func closest(to word: String, in candidates: [String], maximum: Int = 2) -> String? {
        candidates
            .map { (candidate: $0, distance: between(word, $0)) }
            .filter { $0.distance <= maximum }
            .min { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }?
            .candidate
    }
}
