/// Letters of another script inside a Latin word: Cyrillic "а" (U+0430) or "о" typed into
/// "Vũng Áng", Greek "Α" into "ASEAN". They look the same to an editor and are different
/// letters to every rule, gazetteer and check, so the fact moves out of comparison without a
/// word. They are not folded into the matching form (see docs/RULES.md, "The matching form"):
/// the built-in check `text.mixed-script` names each one instead (`MixedScriptCheck`).
///
/// A word is a run of letters and combining marks. A word with both Latin letters and letters
/// of other scripts is mixed; its odd letters are those of the smaller side — the non-Latin
/// letters, unless they outnumber the Latin ones ("Пpавда" with a Latin "p" names the "p").
/// Digits, punctuation, letter-like symbols, the unit letters "Ω" and "μ" ("kΩ", "μg") and
/// modifier letters are never named.
enum MixedScript {
    /// The built-in check's id, also the rule and key of the facts behind it.
    static let id = "text.mixed-script"

    /// An odd letter, in the text scanned.
    struct Letter: Equatable {
        /// The letter's bytes (with any combining marks after it).
        var range: Range<Int>
        var scalar: Unicode.Scalar
        /// The whole word it is in.
        var word: Range<Int>
    }

    /// Every odd letter of `text` (valid UTF-8), in text order. ASCII and Vietnamese text is
    /// passed over by its leading bytes: only a scalar outside Latin's blocks is decoded.
    static func letters(in text: UnsafeBufferPointer<UInt8>) -> [Letter] {
        var letters: [Letter] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            // ASCII, continuation bytes and U+0080–U+033F (Latin-1, Latin Extended-A/B, IPA,
            // modifiers, most combining marks): never a letter of another script.
            guard byte >= 0xCD else { index += 1; continue }
            // U+1E00–U+1EFF, Vietnamese letters with two marks ("ệ", "ộ"): Latin.
            if byte == 0xE1, index + 1 < text.count, (0xB8...0xBB).contains(text[index + 1]) { index += 3; continue }
            let (scalar, length) = decode(text, at: index)
            guard classify(scalar) == .other else { index += length; continue }
            let word = self.word(around: index, in: text)
            letters += oddLetters(in: word, of: text)
            index = word.upperBound
        }
        return letters
    }

    /// "U+0430 CYRILLIC SMALL LETTER A": how a message names a letter.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar.properties.name.map { code + " " + $0 } ?? code
    }

    // MARK: - Scripts

    enum Side: Equatable {
        case latin
        case other
        /// Not a letter, or a letter used as a symbol (combining marks, "µ", "Ω" and "μ" in
        /// units, "ʼ"): it neither makes a word mixed nor is named.
        case neutral
    }

    static func classify(_ scalar: Unicode.Scalar) -> Side {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2AF: return .latin
        case 0x1D00...0x1DBF, 0x1E00...0x1EFF, 0x2071, 0x207F, 0x2090...0x209C, 0x2C60...0x2C7F, 0xA720...0xA7FF,
             0xAB30...0xAB6F, 0xFB00...0xFB06, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0x10780...0x107BF, 0x1DF00...0x1DFFF:
            return .latin
        case 0..<0x370: return .neutral  // the rest of ASCII and Latin-1, modifiers, combining marks
        case 0x2100...0x214F: return .neutral  // letter-like symbols: units, "ℓ", "℃"
        case 0x3A9, 0x3BC: return .neutral  // Ω and μ as units ("kΩ", "μg"; NFC makes the ohm sign Ω)
        default:
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter: return .other
            default: return .neutral
            }
        }
    }

    // MARK: - Words

    /// Whether a scalar continues a word: a letter of any kind or a combining mark.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// The word around the scalar at `index`: back and forth over word scalars.
    private static func word(around index: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = index
        while start > 0 {
            var previous = start - 1
            while previous > 0, text[previous] & 0xC0 == 0x80 { previous -= 1 }
            guard isWordScalar(decode(text, at: previous).scalar) else { break }
            start = previous
        }
        var end = index
        while end < text.count {
            let (scalar, length) = decode(text, at: end)
            guard isWordScalar(scalar) else { break }
            end += length
        }
        return start..<end
    }

    /// The odd letters of one word (none when it is not mixed), each with its combining marks.
    private static func oddLetters(in word: Range<Int>, of text: UnsafeBufferPointer<UInt8>) -> [Letter] {
        var scalars: [(scalar: Unicode.Scalar, range: Range<Int>, side: Side)] = []
        var offset = word.lowerBound
        while offset < word.upperBound {
            let (scalar, length) = decode(text, at: offset)
            let side = classify(scalar)
            if side == .neutral, !scalars.isEmpty, scalar.properties.canonicalCombiningClass != .notReordered {
                scalars[scalars.count - 1].range = scalars[scalars.count - 1].range.lowerBound..<(offset + length)
            } else {
                scalars.append((scalar, offset..<(offset + length), side))
            }
            offset += length
        }
        let latin = scalars.filter { $0.side == .latin }.count
        let other = scalars.filter { $0.side == .other }.count
        guard latin > 0, other > 0 else { return [] }
        let odd: Side = other <= latin ? .other : .latin
        return scalars.filter { $0.side == odd }.map { Letter(range: $0.range, scalar: $0.scalar, word: word) }
    }

    private static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = text[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= text.count else { return (Unicode.Scalar(lead), 1) }
        var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<max(1, length) { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
