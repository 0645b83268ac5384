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
    static func placed(_ word: some Collection<Unicode.Scalar>, style: Style) -> [Unicode.Scalar]? {
        guard word.count >= 1, word.count <= 8, word.contains(where: { table.vowels[$0]?.tone ?? 0 != 0 }) else { return nil }
        var letters: [Letter] = []
        letters.reserveCapacity(word.count)
        for scalar in word {
            guard let letter = Letter(scalar) else { return nil }
            letters.append(letter)
        }
        guard let syllable = Syllable(letters), let target = syllable.tonePosition(style: style) else { return nil }
        let tonedIndices = letters.indices.filter { letters[$0].vowel?.tone ?? 0 != 0 }
        guard tonedIndices.count == 1, let current = tonedIndices.first, syllable.nucleus.contains(current) else { return nil }
        let targetIndex = syllable.nucleus.lowerBound + target
        guard current != targetIndex, let from = letters[current].vowel, let to = letters[targetIndex].vowel else { return nil }
        var result = Array(word)
        result[current] = table.scalar(base: from.base, tone: 0, uppercase: from.uppercase)
        result[targetIndex] = table.scalar(base: to.base, tone: from.tone, uppercase: to.uppercase)
        return result
    }

    // MARK: - Letters

    /// A vowel: one of the 12 bases, one of 6 tones (0 = none), and its case.
    struct Vowel {
        var base: Int
        var tone: Int
        var uppercase: Bool
        /// â ă ê ô ơ ư.
        var hasModifier: Bool { Table.modifierBases.contains(base) }
    }

    enum Letter {
        case vowel(Vowel)
        case consonant(Unicode.Scalar)

        init?(_ scalar: Unicode.Scalar) {
            if let vowel = table.vowels[scalar] {
                self = .vowel(vowel)
            } else if let lower = table.consonants[scalar] {
                self = .consonant(lower)
            } else {
                return nil
            }
        }

        var vowel: Vowel? {
            if case .vowel(let vowel) = self { vowel } else { nil }
        }

        var consonant: Unicode.Scalar? {
            if case .consonant(let scalar) = self { scalar } else { nil }
        }
    }

    /// Onset consonants, vowel nucleus and final consonants of one syllable.
    struct Syllable {
        let letters: [Letter]
        let nucleus: Range<Int>
        let hasCoda: Bool

        static let onsets: Set<String> = [
            "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
            "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
        ]
        static let codas: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

        init?(_ letters: [Letter]) {
            var onsetEnd = letters.firstIndex { $0.vowel != nil } ?? letters.count
            guard onsetEnd < letters.count else { return nil }
            var onset = String(String.UnicodeScalarView(letters[..<onsetEnd].compactMap(\.consonant)))
            // "qu" and "gi" spell consonants: the u of "quý" and the i of "giữa" are not vowels,
            // but the i of "gì" is (no other vowel follows it).
            let nextIsVowel = onsetEnd + 1 < letters.count && letters[onsetEnd + 1].vowel != nil
            let firstVowel = letters[onsetEnd].vowel?.base
            if onset == "q", firstVowel == Table.u {
                onset = "qu"
                onsetEnd += 1
            } else if onset == "g", firstVowel == Table.i, nextIsVowel {
                onset = "gi"
                onsetEnd += 1
            }
            guard Syllable.onsets.contains(onset) else { return nil }
            let nucleusEnd = letters[onsetEnd...].firstIndex { $0.vowel == nil } ?? letters.count
            guard nucleusEnd > onsetEnd, nucleusEnd - onsetEnd <= 3 else { return nil }
            let codaLetters = letters[nucleusEnd...].map(\.consonant)
            guard codaLetters.allSatisfy({ $0 != nil }) else { return nil }
            let coda = String(String.UnicodeScalarView(codaLetters.compactMap { $0 }))
            guard Syllable.codas.contains(coda) else { return nil }
            self.letters = letters
            self.nucleus = onsetEnd..<nucleusEnd
            self.hasCoda = !coda.isEmpty
        }

        /// The index in the nucleus that takes the tone in `style`; nil if the mark sits on a
        /// letter outside the nucleus (not a syllable we understand).
        func tonePosition(style: Style) -> Int? {
            let vowels = letters[nucleus].compactMap(\.vowel)
            guard vowels.count == nucleus.count else { return nil }
            if let modified = vowels.lastIndex(where: \.hasModifier) { return modified }
            if hasCoda { return vowels.count - 1 }
            let bases = vowels.map(\.base)
            if bases == [Table.o, Table.a] || bases == [Table.o, Table.e] || bases == [Table.u, Table.y] {
                return style == .old ? 0 : 1
            }
            return max(0, vowels.count - 2)
        }
    }

    // MARK: - Tables

    static let table = Table()

    struct Table {
        /// The 12 vowel bases, each with its 6 tone forms: none, huyền, sắc, hỏi, ngã, nặng.
        static let forms: [String] = [
            "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
            "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
        ]
        static let a = 0, e = 3, i = 5, o = 6, u = 9, y = 11
        static let modifierBases: Set<Int> = [1, 2, 4, 7, 8, 10]

        let vowels: [Unicode.Scalar: Vowel]
        let consonants: [Unicode.Scalar: Unicode.Scalar]
        private let scalars: [[[Unicode.Scalar]]]  // [base][tone][uppercase ? 1 : 0]

        init() {
            var vowels: [Unicode.Scalar: Vowel] = [:]
            var scalars: [[[Unicode.Scalar]]] = []
            for (base, forms) in Table.forms.enumerated() {
                var byTone: [[Unicode.Scalar]] = []
                for (tone, lower) in forms.unicodeScalars.enumerated() {
                    let upper = lower.properties.uppercaseMapping.unicodeScalars.first!
                    vowels[lower] = Vowel(base: base, tone: tone, uppercase: false)
                    vowels[upper] = Vowel(base: base, tone: tone, uppercase: true)
                    byTone.append([lower, upper])
                }
                scalars.append(byTone)
            }
            var consonants: [Unicode.Scalar: Unicode.Scalar] = [:]
            for lower in "bcdđghklmnpqrstvx".unicodeScalars {
                consonants[lower] = lower
                consonants[lower.properties.uppercaseMapping.unicodeScalars.first!] = lower
            }
            self.vowels = vowels
            self.consonants = consonants
            self.scalars = scalars
        }

        func scalar(base: Int, tone: Int, uppercase: Bool) -> Unicode.Scalar {
            scalars[base][tone][uppercase ? 1 : 0]
        }
    }
}
