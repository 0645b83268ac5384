/// Vietnamese tone-mark placement (DESIGN §5). Works on one word of NFC scalars.
///
/// The same syllable is written "hòa" or "hoà", "thủy" or "thuỷ": different code points even
/// after NFC. The canonical (old) style puts the tone:
/// 1. on a vowel with a modifier (â ă ê ô ơ ư), on ơ in "ươ";
/// 2. otherwise, with a final consonant, on the last vowel ("hoàng", "huỳnh");
/// 3. otherwise for open oa, oe, uy on the first vowel ("hòa", "khỏe", "thủy");
/// 4. otherwise on the second-to-last vowel ("hài", "mùa", "khuỷu"), or the only one.
/// "qu" and "gi" are consonants ("quý", "giữa"), except the i of "gì"/"gìn". The new style
/// differs only in rule 3: "hoà", "khoẻ", "thuỷ".
enum VietnameseTone {
    enum Style { case old, new }

    /// The word with its tone mark moved to where `style` puts it, or nil when the word is
    /// already in that style, has no tone mark or more than one, or is not a Vietnamese
    /// syllable. The result has exactly as many scalars as the input.
    ///
    /// It runs on every word with a non-ASCII letter of every article, so it works on flat
    /// tables and a fixed-size buffer: no hashing and no allocation until a mark moves.
    static func placed(_ word: some Collection<Unicode.Scalar>, style: Style) -> [Unicode.Scalar]? {
        let count = word.count
        guard count >= 1, count <= 8 else { return nil }
        var codes = InlineArray<8, UInt16>(repeating: 0)
        var toned = -1
        for (index, scalar) in word.enumerated() {
            let code = table.code(of: scalar)
            guard code != 0 else { return nil }
            if Table.isVowel(code), Table.tone(code) != 0 {
                guard toned < 0 else { return nil }
                toned = index
            }
            codes[index] = code
        }
        guard toned >= 0, let target = tonePosition(codes, count: count, toned: toned, style: style), target != toned else { return nil }
        var result = Array(word)
        let from = codes[toned], to = codes[target]
        result[toned] = table.scalar(base: Table.base(from), tone: 0, uppercase: Table.isUppercase(from))
        result[target] = table.scalar(base: Table.base(to), tone: Table.tone(from), uppercase: Table.isUppercase(to))
        return result
    }

    /// Where the tone goes: splits onset, nucleus and coda, checks they spell a Vietnamese
    /// syllable, and applies the placement rule. nil when the word is not a syllable we know.
    private static func tonePosition(_ codes: InlineArray<8, UInt16>, count: Int, toned: Int, style: Style) -> Int? {
        var start = 0
        var onset: UInt32 = 0
        while start < count, !Table.isVowel(codes[start]) {
            guard start < 3 else { return nil }
            onset |= UInt32(Table.consonant(codes[start])) << (8 * start)
            start += 1
        }
        guard start < count else { return nil }
        // "qu" and "gi" spell consonants: the u of "quý", the i of "giữa" (not of "gì").
        let first = Table.base(codes[start])
        if onset == Table.pack("q"), first == Table.u {
            onset = Table.pack("qu")
            start += 1
        } else if onset == Table.pack("g"), first == Table.i, start + 1 < count, Table.isVowel(codes[start + 1]) {
            onset = Table.pack("gi")
            start += 1
        }
        guard Table.onsets.contains(onset) else { return nil }
        var end = start
        while end < count, Table.isVowel(codes[end]) { end += 1 }
        guard end > start, end - start <= 3, (start..<end).contains(toned) else { return nil }
        var coda: UInt32 = 0
        for index in end..<count {
            guard !Table.isVowel(codes[index]), index - end < 3 else { return nil }
            coda |= UInt32(Table.consonant(codes[index])) << (8 * (index - end))
        }
        guard Table.codas.contains(coda) else { return nil }

        var modified = -1
        for index in start..<end where Table.modifierBases.contains(Table.base(codes[index])) { modified = index }
        if modified >= 0 { return modified }
        if coda != 0 { return end - 1 }
        if end - start == 2 {
            let pair = (Table.base(codes[start]), Table.base(codes[start + 1]))
            if pair == (Table.o, Table.a) || pair == (Table.o, Table.e) || pair == (Table.u, Table.y) {
                return style == .old ? start : start + 1
            }
        }
        return end - start == 1 ? start : end - 2
    }

    // MARK: - Tables

    static let table = Table()

    /// Every Vietnamese letter as a 16-bit code: a vowel is 0x8000 | uppercase << 7 | tone << 4
    /// | base; a consonant is 0x4000 | its lowercase ASCII code (đ is '0'). Zero: not a letter.
    struct Table {
        /// The 12 vowel bases, each with its 6 tone forms: none, huyền, sắc, hỏi, ngã, nặng.
        static let forms: [String] = [
            "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
            "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
        ]
        static let a: UInt16 = 0, e: UInt16 = 3, i: UInt16 = 5, o: UInt16 = 6, u: UInt16 = 9, y: UInt16 = 11
        /// ă â ê ô ơ ư.
        static let modifierBases: Set<UInt16> = [1, 2, 4, 7, 8, 10]
        static let onsets: Set<UInt32> = Set([
            "", "b", "c", "ch", "d", "0", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
            "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
        ].map(pack))
        static let codas: Set<UInt32> = Set(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"].map(pack))

        /// Up to three ASCII consonants in one number, first in the low byte.
        static func pack(_ letters: String) -> UInt32 {
            letters.utf8.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * $1.offset) }
        }

        static func isVowel(_ code: UInt16) -> Bool { code & 0x8000 != 0 }
        static func base(_ code: UInt16) -> UInt16 { code & 0x0F }
        static func tone(_ code: UInt16) -> UInt16 { (code >> 4) & 0x07 }
        static func isUppercase(_ code: UInt16) -> Bool { code & 0x80 != 0 }
        static func consonant(_ code: UInt16) -> UInt8 { UInt8(code & 0xFF) }

        private let codes: [UInt16]
        private let scalars: [Unicode.Scalar]  // [(base * 6 + tone) * 2 + uppercase]

        init() {
            var codes = [UInt16](repeating: 0, count: 0x1F00)
            var scalars = [Unicode.Scalar](repeating: " ", count: 12 * 6 * 2)
            for (base, forms) in Table.forms.enumerated() {
                for (tone, lower) in forms.unicodeScalars.enumerated() {
                    let upper = lower.properties.uppercaseMapping.unicodeScalars.first!
                    codes[Int(lower.value)] = 0x8000 | UInt16(tone) << 4 | UInt16(base)
                    codes[Int(upper.value)] = 0x8080 | UInt16(tone) << 4 | UInt16(base)
                    scalars[(base * 6 + tone) * 2] = lower
                    scalars[(base * 6 + tone) * 2 + 1] = upper
                }
            }
            for lower in "bcdghklmnpqrstvx".unicodeScalars {
                codes[Int(lower.value)] = 0x4000 | UInt16(lower.value)
                codes[Int(lower.value) - 32] = 0x4000 | UInt16(lower.value)
            }
            codes[0x111] = 0x4000 | UInt16(UInt8(ascii: "0"))  // đ
            codes[0x110] = 0x4000 | UInt16(UInt8(ascii: "0"))  // Đ
            self.codes = codes
            self.scalars = scalars
        }

        func code(of scalar: Unicode.Scalar) -> UInt16 {
            scalar.value < 0x1F00 ? codes[Int(scalar.value)] : 0
        }

        func scalar(base: UInt16, tone: UInt16, uppercase: Bool) -> Unicode.Scalar {
            scalars[(Int(base) * 6 + Int(tone)) * 2 + (uppercase ? 1 : 0)]
        }
    }
}
