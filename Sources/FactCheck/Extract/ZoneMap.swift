import PCRE2

/// The zones of one document's matching form: each paragraph (a run of non-blank lines) is
/// body, caption or a verbatim duplicate of an earlier one; from the first trailer marker line
/// to the end, everything is trailer. A paragraph is a caption when a caption marker matches in
/// it, or when the file marks it as one (`markedCaption`, asked of the paragraph's start: an
/// HTML `<figcaption>`, a Word paragraph in the Caption style).
struct ZoneMap {
    struct Region: Equatable {
        var range: Range<Int>
        var kind: ZoneKind
    }

    /// Paragraphs and the trailer, in text order; blank lines belong to no region.
    let regions: [Region]

    init(text: UnsafeBufferPointer<UInt8>, markers: ZoneMarkers, matcher: Matcher, markedCaption: (Int) -> Bool = { _ in false }) {
        let trailerStart = markers.trailer.compactMap { marker in
            (try? matcher.firstMatch(of: marker, in: text)).flatMap { $0 }.map { ZoneMap.lineStart(in: text, at: $0.range.lowerBound) }
        }.min() ?? text.count

        var captionOffsets: [Int] = []
        for marker in markers.caption {
            try? matcher.forEachMatch(of: marker, in: text, range: 0..<trailerStart) { match in
                captionOffsets.append(match.range.lowerBound)
                return true
            }
        }
        captionOffsets.sort()

        var regions: [Region] = []
        var seen: Set<ArraySlice<UInt8>> = []
        var nextCaption = 0
        for paragraph in ZoneMap.paragraphs(in: text, upTo: trailerStart) {
            while nextCaption < captionOffsets.count, captionOffsets[nextCaption] < paragraph.lowerBound { nextCaption += 1 }
            let isCaption = nextCaption < captionOffsets.count && paragraph.contains(captionOffsets[nextCaption])
                || markedCaption(paragraph.lowerBound)
            let isFirst = seen.insert(ArraySlice(text[paragraph])).inserted
            regions.append(Region(range: paragraph, kind: !isFirst ? .duplicate : isCaption ? .caption : .body))
        }
        if trailerStart < text.count {
            regions.append(Region(range: trailerStart..<text.count, kind: .trailer))
        }
        self.regions = regions
    }

    /// The zone a byte offset is in (nil on a blank line): a binary search, as the regions are
    /// in text order and do not overlap. Every match of every rule asks, so a scan of the
    /// regions made an article of N paragraphs with matches throughout O(N²).
    func kind(at offset: Int) -> ZoneKind? {
        let after = regions.partitioningIndex { $0.range.lowerBound > offset }
        guard after > 0, regions[after - 1].range.contains(offset) else { return nil }
        return regions[after - 1].kind
    }

    /// The ranges to search for a rule reading `kinds`: adjacent regions are merged, so a
    /// match may cross a paragraph break but never enters a zone the rule does not read.
    func ranges(for kinds: Set<ZoneKind>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var open: Range<Int>?
        for region in regions {
            if kinds.contains(region.kind) {
                open = open.map { $0.lowerBound..<region.range.upperBound } ?? region.range
            } else if let range = open {
                ranges.append(range)
                open = nil
            }
        }
        if let open { ranges.append(open) }
        return ranges
    }

    private static func lineStart(in text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        var start = offset
        while start > 0, text[start - 1] != 0x0A { start -= 1 }
        return start
    }

    /// Runs of non-blank lines before `end`; a line of spaces and tabs is blank.
    private static func paragraphs(in text: UnsafeBufferPointer<UInt8>, upTo end: Int) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var paragraphStart: Int?
        var paragraphEnd = 0
        var lineStart = 0
        while lineStart < end {
            var lineEnd = lineStart
            var blank = true
            while lineEnd < end, text[lineEnd] != 0x0A {
                if text[lineEnd] != 0x20, text[lineEnd] != 0x09 { blank = false }
                lineEnd += 1
            }
            if blank {
                if let start = paragraphStart { paragraphs.append(start..<paragraphEnd) }
                paragraphStart = nil
            } else {
                if paragraphStart == nil { paragraphStart = lineStart }
                paragraphEnd = lineEnd
            }
            lineStart = lineEnd + 1
        }
        if let start = paragraphStart { paragraphs.append(start..<paragraphEnd) }
        return paragraphs
    }
}
