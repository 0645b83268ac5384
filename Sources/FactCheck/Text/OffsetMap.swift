/// Maps byte offsets in a derived text back to byte offsets in the text it was made from.
///
/// A derived text is the source with some units replaced (a CRLF by a LF, a decomposed letter
/// by its composed form, a JSON escape by the character it stands for) and everything else
/// copied verbatim. Only the replacements are stored, so a text that needed no change costs
/// nothing, and a lookup is a binary search over the replacements.
///
/// Offsets inside a replaced unit map to the unit's start (for a start offset) or its end
/// (for an end offset), so a reported span always covers whole units of the source.
public struct OffsetMap: Sendable, Equatable {
    /// One replaced unit: `derivedLength` bytes at `derivedStart` came from
    /// `sourceLength` bytes at `sourceStart`. A removal has `derivedLength == 0`.
    struct Replacement: Sendable, Equatable {
        var derivedStart: Int
        var derivedLength: Int
        var sourceStart: Int
        var sourceLength: Int
        var derivedEnd: Int { derivedStart + derivedLength }
        var sourceEnd: Int { sourceStart + sourceLength }
    }

    /// Where derived offset 0 sits in the source (a Markdown body after its front matter).
    public private(set) var sourceBase: Int
    var replacements: [Replacement] = []

    /// The identity map, shifted by `sourceBase`.
    public init(sourceBase: Int = 0) {
        self.sourceBase = sourceBase
    }

    /// True when the derived text is the source (from `sourceBase` on) byte for byte.
    public var isIdentity: Bool { replacements.isEmpty }

    /// The same map with every source offset moved by `delta` (a JSON string's map, placed
    /// at its line's offset in the file).
    public func shifted(by delta: Int) -> OffsetMap {
        var copy = self
        copy.sourceBase += delta
        for index in copy.replacements.indices { copy.replacements[index].sourceStart += delta }
        return copy
    }

    /// The source offset where the derived byte at `offset` came from.
    public func sourceStart(of offset: Int) -> Int {
        guard let index = lastReplacement(startingAtOrBefore: offset, strictly: false) else {
            return sourceBase + offset
        }
        let r = replacements[index]
        return offset < r.derivedEnd ? r.sourceStart : r.sourceEnd + (offset - r.derivedEnd)
    }

    /// The source offset matching an exclusive derived end offset.
    public func sourceEnd(of offset: Int) -> Int {
        guard let index = lastReplacement(startingAtOrBefore: offset, strictly: true) else {
            return sourceBase + offset
        }
        let r = replacements[index]
        return offset <= r.derivedEnd ? r.sourceEnd : r.sourceEnd + (offset - r.derivedEnd)
    }

    /// The source range a derived byte range came from.
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        let start = sourceStart(of: range.lowerBound)
        return start..<max(start, sourceEnd(of: range.upperBound))
    }

    /// Index of the last replacement whose derived start is `<= offset` (or `< offset`).
    private func lastReplacement(startingAtOrBefore offset: Int, strictly: Bool) -> Int? {
        var low = 0
        var high = replacements.count
        while low < high {
            let mid = (low + high) / 2
            let start = replacements[mid].derivedStart
            if strictly ? start < offset : start <= offset {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low == 0 ? nil : low - 1
    }
}

/// Builds an `OffsetMap` while a derived text is written front to back.
public struct OffsetMapBuilder {
    private var map: OffsetMap
    /// Bytes written to the derived text so far.
    public private(set) var derivedCount = 0
    /// Bytes of the source consumed so far (relative to `sourceBase`).
    public private(set) var sourceCount = 0

    public init(sourceBase: Int = 0) {
        map = OffsetMap(sourceBase: sourceBase)
    }

    /// `count` bytes copied unchanged.
    public mutating func copy(_ count: Int) {
        derivedCount += count
        sourceCount += count
    }

    /// `sourceLength` source bytes became `derivedLength` derived bytes (0 for a removal).
    public mutating func replace(sourceLength: Int, derivedLength: Int) {
        map.replacements.append(.init(
            derivedStart: derivedCount,
            derivedLength: derivedLength,
            sourceStart: map.sourceBase + sourceCount,
            sourceLength: sourceLength))
        derivedCount += derivedLength
        sourceCount += sourceLength
    }

    public func build() -> OffsetMap { map }
}
