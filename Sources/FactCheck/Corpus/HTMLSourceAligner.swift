import CLibXML2

/// Finds where each text node of libxml2's tree came from in the HTML file, so that a fact
/// found in an article's text is reported at its line and column in the .html file.
///
/// libxml2 gives a tree of decoded text and no byte offsets for it. Its text nodes appear in
/// the tree in the order their text appears in the file, and each is the file's text between
/// markup with character references decoded, so the aligner walks the file once, front to
/// back, matching each node's text at the first place after the previous node's end where
/// only markup (tags, comments, a doctype) and white space lie between — the white space of
/// text nodes the parser left out. Inside a node the text is matched byte for byte, with:
///
/// - a character reference (`&amp;`, `&#7883;`, `&#x1EC7;`, `&nbsp;`) as the character it
///   stands for, or, where the parser kept it as written (`&foo;`, `&amp` without `;`), as
///   itself: the choice is tried both ways, and the first that matches the whole node wins;
/// - CRLF or CR where the parser gives LF;
/// - markup the parser dropped inside a run of text (a stray `</b>`, a second `<html>`), and
///   characters XML does not allow (C0 controls, U+FFFE), which it drops, as removals.
///
/// Script and style text is matched as written (no references). A node that matches nowhere
/// there (which no input of the tests does) is looked for further on, within a budget of one
/// more pass over the file; failing that, it is placed where the aligner stands, so a fact in
/// it points near its place and the run goes on. This relies on nothing inside libxml2 but
/// the order and content of its tree, so it holds across libxml2 versions, and
/// `HTMLReaderTests` pins it with references, multi-line paragraphs, CRLF and broken markup.
struct HTMLSourceAligner {
    /// A run of the file and the run of a node's text it gives: `raw` bytes of the file made
    /// `decoded` bytes of text, copied as they are (`verbatim`) or replaced (a reference, a
    /// CRLF, or a removal when `decoded` is 0).
    struct Step: Equatable {
        var raw: Int
        var decoded: Int
        var verbatim: Bool
    }

    /// Where a node's text starts in the file, and how the file gives it from there.
    struct Alignment {
        var start: Int
        var steps: [Step]
    }

    let raw: [UInt8]
    /// Where the next node's text is looked for: the end of the last node matched.
    private(set) var cursor = 0
    /// File bytes the search past a node that matched nowhere may still scan (one more pass
    /// over the file), so no input makes the alignment quadratic.
    private var searchBudget: Int

    init(raw: [UInt8]) {
        self.raw = raw
        searchBudget = raw.count + 4096
    }

    /// The alignment of one text node (`text`, as libxml2 decoded it), or nil when it matches
    /// nowhere; `asWritten` for script and style text, which the parser does not decode.
    mutating func align(_ text: UnsafeBufferPointer<UInt8>, asWritten: Bool) -> Alignment? {
        guard !text.isEmpty else { return Alignment(start: cursor, steps: []) }
        var position = cursor
        var work = 0
        while true {
            if let found = match(text, at: position, asWritten: asWritten, work: &work) {
                cursor = found.end
                return Alignment(start: found.start, steps: found.steps)
            }
            guard position < raw.count, let next = skipUnit(at: position) else { break }
            position = next
        }
        // Text the parser dropped lies before this node: look further on, a markup unit at a time.
        while position < raw.count, searchBudget > 0 {
            work = 0
            let found = match(text, at: position, asWritten: asWritten, work: &work)
            searchBudget -= work
            if let found {
                cursor = found.end
                return Alignment(start: found.start, steps: found.steps)
            }
            position = markupEnd(at: position) ?? scalarEnd(at: position)
        }
        return nil
    }

    // MARK: - Matching one node

    private struct Frame {
        var i: Int
        var j: Int
        var steps: Int
        /// The last step then, which a verbatim step pushed after it may have grown.
        var lastStep: Step?
        var alternatives: [Step]
        var next: Int
    }

    /// `match(_:at:asWritten:work:)` as asked, then the other way (script text that libxml2
    /// decoded after all, or text it did not).
    private func match(_ text: UnsafeBufferPointer<UInt8>, at start: Int, asWritten: Bool, work: inout Int)
        -> (start: Int, end: Int, steps: [Step])? {
        matchOnce(text, at: start, asWritten: asWritten, work: &work) ?? matchOnce(text, at: start, asWritten: !asWritten, work: &work)
    }

    /// The steps by which the file from `start` gives `text`: runs of equal bytes at once, and
    /// the choices at references, CRs and markup depth first. A choice that failed is
    /// remembered, so each is tried once, and `work` (file bytes looked at) is bounded.
    private func matchOnce(_ text: UnsafeBufferPointer<UInt8>, at start: Int, asWritten: Bool, work: inout Int)
        -> (start: Int, end: Int, steps: [Step])? {
        var i = start
        var j = 0
        var steps: [Step] = []
        var frames: [Frame] = []
        var failed: Set<Int> = []
        let workLimit = work + 64 * text.count + 4096
        func push(_ step: Step) {
            if step.verbatim, let last = steps.last, last.verbatim {
                steps[steps.count - 1].raw += step.raw
                steps[steps.count - 1].decoded += step.decoded
            } else {
                steps.append(step)
            }
        }
        while work <= workLimit {
            // A run of bytes that are the same in the file and the text, none a choice.
            var run = 0
            while i + run < raw.count, j + run < text.count {
                let byte = raw[i + run]
                guard byte == text[j + run], byte != UInt8(ascii: "<"), asWritten || byte != UInt8(ascii: "&") else { break }
                run += 1
            }
            if run > 0 {
                push(Step(raw: run, decoded: run, verbatim: true))
                i += run
                j += run
                work += run
            }
            work += 1
            if j == text.count {
                // Markup the parser dropped before the node's first character is no part of it.
                var first = start
                while let step = steps.first, step.decoded == 0 {
                    first += step.raw
                    steps.removeFirst()
                }
                return (first, i, steps)
            }
            let alternatives = i < raw.count ? choices(at: i, for: text, from: j, asWritten: asWritten) : []
            if alternatives.count == 1 || (alternatives.count > 1 && !failed.contains(i &* 1_000_003 &+ j)) {
                if alternatives.count > 1 {
                    frames.append(Frame(i: i, j: j, steps: steps.count, lastStep: steps.last, alternatives: alternatives, next: 1))
                }
                push(alternatives[0])
                i += alternatives[0].raw
                j += alternatives[0].decoded
                continue
            }
            // A dead end: back to the latest choice with an alternative left.
            while let frame = frames.last, frame.next == frame.alternatives.count {
                failed.insert(frame.i &* 1_000_003 &+ frame.j)
                frames.removeLast()
            }
            guard !frames.isEmpty else { return nil }
            let frame = frames[frames.count - 1]
            frames[frames.count - 1].next += 1
            steps.removeSubrange(frame.steps...)
            if let last = frame.lastStep { steps[frame.steps - 1] = last }
            let step = frame.alternatives[frame.next]
            push(step)
            i = frame.i + step.raw
            j = frame.j + step.decoded
        }
        return nil
    }

    /// The ways the file at `i` can give the text at `j`, most likely first.
    private func choices(at i: Int, for text: UnsafeBufferPointer<UInt8>, from j: Int, asWritten: Bool) -> [Step] {
        let byte = raw[i]
        let wanted = text[j]
        var result: [Step] = []
        if byte == UInt8(ascii: "&"), !asWritten {
            for reference in references(at: i) where startsWith(text, at: j, reference.value) {
                result.append(Step(raw: reference.length, decoded: reference.value.count, verbatim: false))
            }
        }
        if byte == wanted {
            result.append(Step(raw: 1, decoded: 1, verbatim: true))
        } else if byte == 0x0D, wanted == 0x0A {
            let crlf = i + 1 < raw.count && raw[i + 1] == 0x0A
            result.append(Step(raw: crlf ? 2 : 1, decoded: 1, verbatim: false))
        }
        if byte == UInt8(ascii: "<"), !asWritten, let end = markupEnd(at: i) {
            result.append(Step(raw: end - i, decoded: 0, verbatim: false))
        }
        if result.isEmpty {
            if byte == UInt8(ascii: "&"), !asWritten, let reference = numericReference(at: i) {
                // A reference to no character (`&#0;`): libxml2 2.9 drops it.
                result.append(Step(raw: reference.length, decoded: 0, verbatim: false))
            } else if let end = disallowedScalarEnd(at: i) {
                result.append(Step(raw: end - i, decoded: 0, verbatim: false))
            }
        }
        return result
    }

    private func startsWith(_ text: UnsafeBufferPointer<UInt8>, at j: Int, _ value: [UInt8]) -> Bool {
        guard !value.isEmpty, j + value.count <= text.count else { return false }
        for (k, byte) in value.enumerated() where text[j + k] != byte { return false }
        return true
    }

    // MARK: - Character references

    /// What the reference at `i` may stand for: `&name;` (libxml2's table), the same name
    /// without `;` (HTML5 parsers read the old ones so), `&#N;` and `&#xH;` (the character; for
    /// 128–159 also the Windows-1252 character HTML5 maps it to; U+FFFD for no character).
    private func references(at i: Int) -> [(length: Int, value: [UInt8])] {
        if let numeric = numericReference(at: i) {
            var values: [[UInt8]] = []
            if let scalar = Unicode.Scalar(numeric.value), numeric.value != 0 { values.append(Array(String(scalar).utf8)) }
            if let mapped = Self.windows1252[numeric.value] { values.append(Array(String(mapped).utf8)) }
            values.append([0xEF, 0xBF, 0xBD])
            return values.map { (numeric.length, $0) }
        }
        var end = i + 1
        while end < raw.count, end - i <= 32, raw[end] < 0x80, isASCIIAlphanumeric(raw[end]) { end += 1 }
        guard end > i + 1 else { return [] }
        var result: [(length: Int, value: [UInt8])] = []
        if end < raw.count, raw[end] == UInt8(ascii: ";"), let value = entity(raw[(i + 1)..<end]) {
            result.append((end + 1 - i, value))
        }
        var prefixEnd = end
        while prefixEnd > i + 2 {
            if let value = entity(raw[(i + 1)..<prefixEnd]) {
                result.append((prefixEnd - i, value))
                break
            }
            prefixEnd -= 1
        }
        return result
    }

    private func entity(_ name: ArraySlice<UInt8>) -> [UInt8]? {
        var zeroTerminated = Array(name)
        zeroTerminated.append(0)
        guard let entry = htmlEntityLookup(zeroTerminated), let scalar = Unicode.Scalar(entry.pointee.value) else { return nil }
        return Array(String(scalar).utf8)
    }

    /// `&#…;` at `i`: its value (clamped, so a long run of digits cannot overflow) and length.
    private func numericReference(at i: Int) -> (value: UInt32, length: Int)? {
        guard i + 2 < raw.count, raw[i + 1] == UInt8(ascii: "#") else { return nil }
        var k = i + 2
        let hex = raw[k] == UInt8(ascii: "x") || raw[k] == UInt8(ascii: "X")
        if hex { k += 1 }
        var value: UInt32 = 0
        let digitsStart = k
        while k < raw.count, let digit = Self.digitValue(raw[k], hex: hex) {
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            k += 1
        }
        guard k > digitsStart else { return nil }
        if k < raw.count, raw[k] == UInt8(ascii: ";") { k += 1 }
        return (value, k - i)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The characters HTML5 reads `&#128;`–`&#159;` as (Windows-1252).
    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
        0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
        0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
        0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
        0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]

    // MARK: - What lies between text

    /// The end of a white space character, a markup unit or a character XML does not allow at
    /// `i`: what may lie between two text nodes. Nil at text.
    private func skipUnit(at i: Int) -> Int? {
        switch raw[i] {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D: i + 1
        case UInt8(ascii: "<"): markupEnd(at: i)
        default: disallowedScalarEnd(at: i)
        }
    }

    /// The end of the tag, comment, doctype or processing instruction at `i` (the end of the
    /// file when it is never closed), or nil when the `<` there starts no markup.
    private func markupEnd(at i: Int) -> Int? {
        guard raw[i] == UInt8(ascii: "<"), i + 1 < raw.count else { return nil }
        let next = raw[i + 1]
        if next == UInt8(ascii: "!") {
            if i + 3 < raw.count, raw[i + 2] == UInt8(ascii: "-"), raw[i + 3] == UInt8(ascii: "-") {
                var k = i + 4
                while k + 2 < raw.count {
                    if raw[k] == UInt8(ascii: "-"), raw[k + 1] == UInt8(ascii: "-"), raw[k + 2] == UInt8(ascii: ">") { return k + 3 }
                    k += 1
                }
                return raw.count
            }
            return closingBracket(after: i + 2, quoted: false)
        }
        if next == UInt8(ascii: "?") { return closingBracket(after: i + 2, quoted: false) }
        if next == UInt8(ascii: "/") {
            guard i + 2 < raw.count, isASCIILetter(raw[i + 2]) else { return nil }
            return closingBracket(after: i + 2, quoted: false)
        }
        guard isASCIILetter(next) else { return nil }
        return closingBracket(after: i + 1, quoted: true)
    }

    /// Just past the `>` that closes a tag, skipping quoted attribute values when `quoted`.
    private func closingBracket(after start: Int, quoted: Bool) -> Int {
        var k = start
        var quote: UInt8?
        while k < raw.count {
            let byte = raw[k]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: ">") {
                return k + 1
            } else if quoted, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"), k > start, raw[k - 1] == UInt8(ascii: "=") || raw[k - 1] == 0x20 {
                quote = byte
            }
            k += 1
        }
        return raw.count
    }

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The end of the scalar at `i` when XML does not allow it (libxml2 drops it from text).
    private func disallowedScalarEnd(at i: Int) -> Int? {
        let end = scalarEnd(at: i)
        guard let scalar = String(decoding: raw[i..<end], as: UTF8.self).unicodeScalars.first else { return nil }
        let value = scalar.value
        let allowed = value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x1_0000...0x10_FFFF).contains(value)
        return allowed ? nil : end
    }

    private func scalarEnd(at i: Int) -> Int {
        var end = i + 1
        while end < raw.count, raw[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }
}
