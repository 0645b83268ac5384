import Foundation

/// A document's text in matching form, with the map back to the text as written.
public struct CanonicalText: Sendable {
    /// UTF-8 in matching form: what rules are written against and run on.
    public let bytes: [UInt8]
    /// Maps offsets in `bytes` to offsets in the original text.
    public let map: OffsetMap

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Turns valid UTF-8 into the canonical matching form (DESIGN §5), one pass, keeping an
/// offset map back to the original:
///
/// - CRLF and lone CR become LF;
/// - NFC, applied per character cluster (a starter and its combining marks);
/// - one tone-mark placement per syllable (`VietnameseTone`, the old style: "hòa", "thủy");
/// - Ð/ð (Icelandic eth) and Ɖ become Đ/đ;
/// - every space separator (NBSP included) becomes a space;
/// - zero-width characters and soft hyphens are removed;
/// - U+2010–U+2015 and U+2212 become "-";
/// - fullwidth ASCII (U+FF01–U+FF5E: "２０２４", "ＵＳＤ", "％", "，") becomes ASCII, so "１０ tỷ
///   USD" is "10 tỷ USD"; each folded character is a replacement in the map, so a fact still
///   quotes its fullwidth text as written.
///
/// ASCII outside words is copied as is; only words with a non-ASCII scalar take the slow path,
/// and a word that needs no change costs no map entry.
public enum Canonicalizer {
    public static func canonicalize(_ text: some Collection<UInt8>) -> CanonicalText {
        let source = Array(text)
        var output: [UInt8] = []
        output.reserveCapacity(source.count)
        var map = OffsetMapBuilder()
        var copiedUpTo = 0

        /// Appends the pending verbatim source bytes up to `end`.
        func flush(to end: Int) {
            guard end > copiedUpTo else { return }
            output.append(contentsOf: source[copiedUpTo..<end])
            map.copy(end - copiedUpTo)
            copiedUpTo = end
        }

        var scratch: [Unicode.Scalar] = []
        var index = 0
        var asciiWordStart: Int?
        while index < source.count {
            let byte = source[index]
            if byte < 0x80 {
                if isASCIILetter(byte) {
                    if asciiWordStart == nil { asciiWordStart = index }
                } else {
                    asciiWordStart = nil
                    if byte == 0x0D {  // CR or CRLF → LF
                        flush(to: index)
                        let length = index + 1 < source.count && source[index + 1] == 0x0A ? 2 : 1
                        output.append(0x0A)
                        map.replace(sourceLength: length, derivedLength: 1)
                        copiedUpTo = index + length
                        index += length
                        continue
                    }
                }
                index += 1
                continue
            }
            // A word with a non-ASCII scalar: from its first ASCII letter to the end of the run of
            // letters and non-ASCII scalars.
            let start = asciiWordStart ?? index
            var end = index
            while end < source.count, source[end] >= 0x80 || isASCIILetter(source[end]) { end += 1 }
            flush(to: start)
            canonicalizeWord(source[start..<end], into: &output, map: &map, scratch: &scratch)
            copiedUpTo = end
            index = end
            asciiWordStart = nil
        }
        flush(to: source.count)
        return CanonicalText(bytes: output, map: map.build())
    }

    /// The canonical form of a string, for patterns, examples and names.
    public static func canonicalize(_ text: String) -> String {
        canonicalize(Array(text.utf8)).string
    }

    // MARK: - One word

    /// A word of NFC letters, as almost every word of a real article is, only needs its tone
    /// marks placed, scalar for scalar; anything else (combining marks, look-alikes, spaces,
    /// dashes, invisible characters, fullwidth forms) takes the cluster-by-cluster path.
    private static func canonicalizeWord(
        _ word: ArraySlice<UInt8>, into output: inout [UInt8], map: inout OffsetMapBuilder, scratch: inout [Unicode.Scalar]
    ) {
        scratch.removeAll(keepingCapacity: true)
        var iterator = word.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            guard isPlain(scalar) else { return canonicalizeClusters(word, into: &output, map: &map) }
            scratch.append(scalar)
        }
        var changed = false
        var start = 0
        while start < scratch.count {
            var end = start
            while end < scratch.count, isLetter(scratch[end]) { end += 1 }
            if end > start, let placed = VietnameseTone.placed(scratch[start..<end], style: .old) {
                scratch.replaceSubrange(start..<end, with: placed)
                changed = true
            }
            start = end + 1
        }
        guard changed else {
            output.append(contentsOf: word)
            map.copy(word.count)
            return
        }
        var offset = word.startIndex
        for scalar in scratch {
            let width = Self.sequenceLength(leading: word[offset])  // of the scalar as written
            let before = output.count
            output.append(contentsOf: scalar.utf8)
            if output[before...].elementsEqual(word[offset..<(offset + width)]) {
                map.copy(width)
            } else {
                map.replace(sourceLength: width, derivedLength: output.count - before)
            }
            offset += width
        }
    }

    /// Whether a scalar is its own matching form and needs no cluster handling. Latin letters
    /// (Vietnamese included) answer from their range; only rare scalars consult Unicode data.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80: true
        case 0x80..<0xC0, 0xD0, 0xF0, 0x189: false  // NBSP, soft hyphen, eth, African D
        case 0xC0...0x24F, 0x1E00...0x1EFF: true
        case 0x300...0x36F, 0x180E, 0x200B...0x200D, 0x2010...0x2015, 0x2060, 0x2212, 0xFEFF, 0xFF01...0xFF5E: false
        default:
            scalar.properties.canonicalCombiningClass == .notReordered && scalar.properties.generalCategory != .spaceSeparator
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0xD7, 0xF7: false
        case 0xC0...0x24F, 0x1E00...0x1EFF: true
        case 0..<0xC0: false
        default: scalar.properties.isAlphabetic
        }
    }

    /// The length of a UTF-8 sequence from its leading byte.
    private static func sequenceLength(leading byte: UInt8) -> Int {
        byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// A character cluster of the source and what it becomes.
    private struct Cluster {
        var source: Range<Int>
        var scalars: [Unicode.Scalar]
    }

    /// The general path: clusters (a starter and its combining marks) are mapped and composed.
    private static func canonicalizeClusters(_ word: ArraySlice<UInt8>, into output: inout [UInt8], map: inout OffsetMapBuilder) {
        var clusters = self.clusters(of: word)
        placeTones(in: &clusters)
        for cluster in clusters {
            let before = output.count
            for scalar in cluster.scalars { output.append(contentsOf: scalar.utf8) }
            let written = output.count - before
            if output[before...].elementsEqual(word[cluster.source]) {
                map.copy(written)
            } else {
                map.replace(sourceLength: cluster.source.count, derivedLength: written)
            }
        }
    }

    /// Splits a word into clusters (a starter and the combining marks after it), maps each
    /// scalar, and composes clusters that carried combining marks.
    private static func clusters(of word: ArraySlice<UInt8>) -> [Cluster] {
        var clusters: [Cluster] = []
        var clusterHasMarks: [Bool] = []
        var offset = word.startIndex
        var iterator = word.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            let length = UTF8.width(scalar)
            let isMark = scalar.value >= 0x300 && scalar.properties.canonicalCombiningClass != .notReordered
            if isMark, !clusters.isEmpty {
                clusters[clusters.count - 1].source = clusters[clusters.count - 1].source.lowerBound..<(offset + length)
                clusters[clusters.count - 1].scalars.append(contentsOf: mapped(scalar))
                clusterHasMarks[clusters.count - 1] = true
            } else {
                clusters.append(Cluster(source: offset..<(offset + length), scalars: mapped(scalar)))
                clusterHasMarks.append(isMark)
            }
            offset += length
        }
        for index in clusters.indices where clusterHasMarks[index] {
            clusters[index].scalars = nfc(clusters[index].scalars)
        }
        return clusters
    }

    /// The per-scalar replacements: look-alikes, spaces, dashes, invisible characters and
    /// fullwidth ASCII.
    private static func mapped(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar.value {
        case 0x00D0, 0x0189: return ["\u{0110}"]  // Ð (eth), Ɖ (African D) → Đ
        case 0x00F0: return ["\u{0111}"]  // ð → đ
        case 0x00AD, 0x180E, 0x200B...0x200D, 0x2060, 0xFEFF: return []  // soft hyphen, zero-width
        case 0x2010...0x2015, 0x2212: return ["-"]
        case 0xFF01...0xFF5E: return [Unicode.Scalar(scalar.value - 0xFEE0)!]  // fullwidth ASCII
        default:
            if scalar.properties.generalCategory == .spaceSeparator { return [" "] }
            return [scalar]
        }
    }

    private static func nfc(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: scalars)
        return Array(String(string).precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Moves each syllable's tone mark to the canonical vowel. A syllable is a run of clusters
    /// that are single letters; the move never changes the number of scalars.
    private static func placeTones(in clusters: inout [Cluster]) {
        var start = 0
        while start < clusters.count {
            var end = start
            while end < clusters.count, clusters[end].scalars.count == 1, clusters[end].scalars[0].properties.isAlphabetic {
                end += 1
            }
            if end > start, let placed = VietnameseTone.placed(clusters[start..<end].map { $0.scalars[0] }, style: .old) {
                for (offset, scalar) in placed.enumerated() { clusters[start + offset].scalars = [scalar] }
            }
            start = end + 1
        }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }
}
