import Foundation

/// Expands `{{name}}` fragment references in a pattern, keeping track of where each byte of
/// the result came from so that a PCRE2 error offset points back into what the author wrote.
struct PatternExpansion {
    /// Where a run of the expanded pattern was copied from.
    struct Piece {
        var expandedStart: Int
        var length: Int
        /// nil for the rule's own pattern, else the fragment's name.
        var fragment: String?
        var sourceStart: Int
    }

    private(set) var text = ""
    private(set) var pieces: [Piece] = []
    /// Every fragment the expansion used.
    private(set) var used: Set<String> = []

    enum Failure: Error {
        case undefined(name: String, in: String?)
        case cycle([String])
        /// The expansion grew past `maxBytes` while expanding the last fragment of the chain,
        /// which starts at a fragment the pattern references.
        case tooLarge(chain: [String])
    }

    /// The most bytes an expanded pattern may have: 128 KiB, 22 times the largest pattern of the
    /// shipped pack (5.8 KB expanded), and twice what PCRE2 compiles at all (64K code units of
    /// compiled pattern, its default link size). So only fragments that reference each other
    /// over and over reach it: a chain where
    /// each fragment uses the next twice doubles the pattern at every level (inlined, since a
    /// fragment with named groups is never shared), and 26 levels took minutes to expand. The
    /// size is checked as the text grows, so such a pack is refused before any of it is built.
    static let maxBytes = 128 * 1024

    /// Expands `pattern`. Fragments are wrapped in `(?:...)` so that they bind like a group;
    /// in extended mode they are wrapped in `(?-x:...)`, since fragments are written plainly.
    ///
    /// A fragment the expanded pattern would hold more than once (an amount's number, four
    /// times in a rule that reads a figure, its growth and a range) is written once, in a
    /// `(?(DEFINE)...)` block at the end, and called where it is used: inlined, a few such
    /// fragments exceed PCRE2's 64 KB limit on a compiled pattern. A fragment with named
    /// groups is always inlined, since a call does not keep what it captured.
    static func expand(_ pattern: String, fragments: [String: Fragment], extended: Bool) throws(Failure) -> PatternExpansion {
        var counts: [String: Int] = [:]
        try countReferences(in: pattern, fragment: nil, times: 1, fragments: fragments, stack: [], counts: &counts)
        var expansion = PatternExpansion()
        for (name, count) in counts.sorted(by: { $0.key < $1.key }) where count > 1 && !Self.hasNamedGroup(fragments[name]!.pattern.source) {
            expansion.shared[name] = "_\(expansion.shared.count)_" + String(name.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "_" }.prefix(16))
        }
        let opener = extended ? "(?-x:" : "(?:"
        var stack: [String] = []
        try expansion.append(pattern, fragment: nil, fragments: fragments, opener: opener, stack: &stack)
        // Definitions call each other: write each called fragment once, until none is left.
        var defined: Set<String> = []
        var pending = expansion.called
        if !pending.isEmpty { expansion.text += "(?(DEFINE)" }
        while let name = pending.first {
            pending.removeFirst()
            guard defined.insert(name).inserted else { continue }
            expansion.text += "(?<\(expansion.shared[name]!)>" + opener
            let before = expansion.called.count
            stack = [name]
            try expansion.append(fragments[name]!.pattern.source, fragment: name, fragments: fragments, opener: opener, stack: &stack)
            pending += expansion.called[before...]
            expansion.text += "))"
        }
        if !defined.isEmpty { expansion.text += ")" }
        return expansion
    }

    /// Fragments written once and called, by name, with their group names.
    private var shared: [String: String] = [:]
    /// Shared fragments in the order they were first called.
    private var called: [String] = []

    /// How many times each fragment would occur with everything inlined, counted up to 2.
    private static func countReferences(
        in source: String, fragment: String?, times: Int, fragments: [String: Fragment], stack: [String], counts: inout [String: Int]
    ) throws(Failure) {
        for name in references(in: source) {
            guard let definition = fragments[name] else { throw .undefined(name: name, in: fragment) }
            guard !stack.contains(name) else { throw .cycle(stack + [name]) }
            let old = counts[name, default: 0]
            let new = min(2, old + times)
            guard new > old else { continue }
            counts[name] = new
            try countReferences(in: definition.pattern.source, fragment: name, times: new - old, fragments: fragments,
                                stack: stack + [name], counts: &counts)
        }
    }

    /// The fragment names a source references, in order, with repeats.
    private static func references(in source: String) -> [String] {
        let bytes = Array(source.utf8)
        var names: [String] = []
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{"), let close = closingBraces(in: bytes, from: index + 2) {
                names.append(String(decoding: bytes[(index + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces))
                index = close + 2
            } else {
                index += 1
            }
        }
        return names
    }

    /// Whether a pattern has a named group: `(?<name>`, `(?P<name>` or `(?'name'`.
    private static func hasNamedGroup(_ source: String) -> Bool {
        source.range(of: #"\(\?P?(<[A-Za-z_]|')"#, options: .regularExpression) != nil
    }

    /// The fragment (nil: the rule's pattern) and byte offset in it that produced `offset`.
    func origin(of offset: Int) -> (fragment: String?, offset: Int) {
        // The innermost piece at or before the offset; text added by wrapping maps to the reference.
        guard let piece = pieces.last(where: { $0.expandedStart <= offset }) else { return (nil, 0) }
        return (piece.fragment, piece.sourceStart + min(offset - piece.expandedStart, piece.length))
    }

    private mutating func append(
        _ source: String, fragment: String?, fragments: [String: Fragment], opener: String, stack: inout [String]
    ) throws(Failure) {
        let bytes = Array(source.utf8)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
                  let close = Self.closingBraces(in: bytes, from: index + 2)
            else {
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            try copy(bytes[runStart..<index], fragment: fragment, sourceStart: runStart, stack: stack)
            guard let definition = fragments[name] else { throw .undefined(name: name, in: fragment) }
            guard !stack.contains(name) else { throw .cycle(stack + [name]) }
            used.insert(name)
            guard text.utf8.count + opener.utf8.count < Self.maxBytes else { throw .tooLarge(chain: stack + [name]) }
            // The wrapper maps to the reference, so an error "at the end of the fragment" points there.
            pieces.append(Piece(expandedStart: text.utf8.count, length: 0, fragment: fragment, sourceStart: index))
            if let group = shared[name] {
                if !called.contains(name) { called.append(name) }
                text += "(?&\(group))"
            } else {
                text += opener
                stack.append(name)
                try append(definition.pattern.source, fragment: name, fragments: fragments, opener: opener, stack: &stack)
                stack.removeLast()
                pieces.append(Piece(expandedStart: text.utf8.count, length: 0, fragment: fragment, sourceStart: close + 2))
                text += ")"
            }
            index = close + 2
            runStart = index
        }
        try copy(bytes[runStart..<bytes.count], fragment: fragment, sourceStart: runStart, stack: stack)
    }

    /// Appends a run of a source. Every byte of the expansion but the wrappers of references
    /// (checked where they are added) comes through here, which is where its size is checked.
    private mutating func copy(_ bytes: ArraySlice<UInt8>, fragment: String?, sourceStart: Int, stack: [String]) throws(Failure) {
        guard !bytes.isEmpty else { return }
        guard text.utf8.count + bytes.count <= Self.maxBytes else { throw .tooLarge(chain: stack) }
        pieces.append(Piece(expandedStart: text.utf8.count, length: bytes.count, fragment: fragment, sourceStart: sourceStart))
        text += String(decoding: bytes, as: UTF8.self)
    }

    /// The index of the `}}` closing a reference that starts at `from`, if the name is plain.
    private static func closingBraces(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "}") { return bytes[index + 1] == UInt8(ascii: "}") && index > start ? index : nil }
            let isNameByte = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ")
            guard isNameByte else { return nil }
            index += 1
        }
        return nil
    }
}
