/// A file as read from disk: its bytes (after any byte order mark) and their line starts.
/// Shared by every document the file holds (one for .txt and .md, one per line for .jsonl).
final class SourceFile: Sendable {
    let path: String
    let bytes: [UInt8]
    let lines: LineIndex

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lines = LineIndex(bytes)
    }
}

/// Where something was found, in the file as written: 1-based line and column (columns count
/// Unicode scalars), the exclusive end, and the original text of the span.
public struct SourceLocation: Decodable, Sendable, Hashable {
    public var path: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    public var text: String
    /// Up to 80 characters of the original text before and after the span, on its line, so a
    /// report can quote the span in context with it highlighted.
    public var before: String?
    public var after: String?

    /// The longest context snippet, in Unicode scalars.
    public static let contextLength = 80

    enum CodingKeys: String, CodingKey {
        case path, line, column, text, before, after
        case endLine = "end_line"
        case endColumn = "end_column"
    }
}

/// What an article says about itself: front matter, or the fields of a JSON Lines record.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var date: CalendarDate?
    public var url: String?
    /// Every other key, as text.
    public var extra: [String: String] = [:]

    public init() {}
}

/// One article: its text as written, the same text in matching form, and the way back from
/// a span of the matching form to a location in the file.
public struct Document: Sendable {
    /// The file's path as given on the command line (joined with the path inside a directory).
    public let path: String
    /// The article's id: front matter or record `id`, else the path (with the line for JSON Lines).
    public let id: String
    /// 1-based line where the article starts in its file (the record's line for JSON Lines).
    public let line: Int
    public let metadata: DocumentMetadata
    /// The article text as written, decoded (a JSON string's escapes resolved).
    public let original: [UInt8]
    public let canonical: CanonicalText
    /// Inline suppressions (Markdown only).
    public let suppressions: [Suppression]
    /// Spans of `original` that the file itself marks as photo captions (an HTML
    /// `<figcaption>`, a Word paragraph in the Caption style), in text order: their paragraphs
    /// are in the caption zone whatever the pack's caption patterns say.
    public let captions: [Range<Int>]

    let file: SourceFile
    /// Maps offsets in `original` to offsets in `file.bytes`.
    let fileMap: OffsetMap

    init(
        path: String, id: String, line: Int, metadata: DocumentMetadata, original: [UInt8], file: SourceFile, fileMap: OffsetMap,
        suppressions: [Suppression] = [], captions: [Range<Int>] = []
    ) {
        self.path = path
        self.id = id
        self.line = line
        self.metadata = metadata
        self.original = original
        self.canonical = Canonicalizer.canonicalize(original)
        self.file = file
        self.fileMap = fileMap
        self.suppressions = suppressions
        self.captions = captions
    }

    /// Whether the matching form's byte at `offset` lies in a span the file marks as a caption.
    func isMarkedCaption(at offset: Int) -> Bool {
        guard !captions.isEmpty else { return false }
        let originalOffset = canonical.map.sourceStart(of: offset)
        let after = captions.partitioningIndex { $0.lowerBound > originalOffset }
        return after > 0 && captions[after - 1].contains(originalOffset)
    }

    /// The location of a span of the matching form, in the file as written.
    public func location(of canonicalRange: Range<Int>) -> SourceLocation {
        let originalRange = canonical.map.sourceRange(of: canonicalRange)
        let fileRange = fileMap.sourceRange(of: originalRange)
        let start = file.lines.position(of: fileRange.lowerBound, in: file.bytes)
        let end = file.lines.position(of: fileRange.upperBound, in: file.bytes)
        return SourceLocation(
            path: path, line: start.line, column: start.column,
            endLine: end.line, endColumn: end.column,
            text: String(decoding: original[originalRange], as: UTF8.self),
            before: context(before: originalRange.lowerBound), after: context(after: originalRange.upperBound))
    }


    /// Original text before `offset`, back to the line start or `contextLength` scalars.
    private func context(before offset: Int) -> String {
        var start = offset
        var scalars = 0
        while start > 0, original[start - 1] != 0x0A, original[start - 1] != 0x0D, scalars < SourceLocation.contextLength {
            start -= 1
            if original[start] & 0xC0 != 0x80 { scalars += 1 }
        }
        return String(decoding: original[start..<offset], as: UTF8.self)
    }

    /// Original text after `offset`, up to the line end or `contextLength` scalars.
    private func context(after offset: Int) -> String {
        var end = offset
        var scalars = 0
        while end < original.count, original[end] != 0x0A, original[end] != 0x0D {
            if original[end] & 0xC0 != 0x80 {
                if scalars == SourceLocation.contextLength { break }
                scalars += 1
            }
            end += 1
        }
        return String(decoding: original[offset..<end], as: UTF8.self)
    }

    /// The canonical text of a span, for captures, keys and values.
    public func canonicalText(_ range: Range<Int>) -> String {
        String(decoding: canonical.bytes[range], as: UTF8.self)
    }
}
