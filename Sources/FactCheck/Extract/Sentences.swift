/// Where a document's sentences start. A sentence (or clause) ends at ". ", "!", "?", ";" or
/// a line end; a dot inside "10.000" or "TP.HCM" does not end one. A fact carries the number
/// of its sentence, so that checks can join what one sentence states together: an event and
/// the people who met, a figure and the country it is about.
struct Sentences {
    /// Byte offsets of each sentence's first byte, ascending; the first is 0.
    private let starts: [Int]

    /// A sentence starts at the first byte after an end that is neither a space nor another end,
    /// so a blank line between paragraphs is no sentence of its own: two sentences side by side,
    /// in one paragraph or across a paragraph break, have numbers one apart.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        var starts = [0]
        var ended = false
        for index in text.indices {
            if Self.ends(at: index, in: text) {
                ended = true
            } else if ended, text[index] != 0x20 {
                starts.append(index)
                ended = false
            }
        }
        self.starts = starts
    }

    /// The 0-based number of the sentence holding byte `offset`.
    func number(at offset: Int) -> Int {
        var (low, high) = (0, starts.count)
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle } else { high = middle }
        }
        return low
    }

    /// Whether the byte at `index` ends a sentence.
    static func ends(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch text[index] {
        case 0x0A, UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"): true
        case UInt8(ascii: "."): index + 1 == text.count || text[index + 1] == 0x20 || text[index + 1] == 0x0A
        default: false
        }
    }
}
