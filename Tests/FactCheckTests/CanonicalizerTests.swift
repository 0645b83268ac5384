import Foundation
import Testing
@testable import FactCheck

/// Canonicalizes `text` and returns the matching form with, for a span of it given as a
/// substring, the original text that span maps back to.
private func canonical(_ text: String) -> CanonicalText {
    Canonicalizer.canonicalize(Array(text.utf8))
}

/// The original text behind the first occurrence of `needle` in the canonical form.
private func original(of needle: String, in text: String) throws -> String {
    let result = canonical(text)
    let bytes = result.bytes
    let pattern = Array(needle.utf8)
    let start = try #require((0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) })
    let range = result.map.sourceRange(of: start..<(start + pattern.count))
    return String(decoding: Array(text.utf8)[range], as: UTF8.self)
}

@Suite struct CanonicalizerTests {
    @Test func asciiAndCanonicalTextNeedNoMap() {
        for text in ["Plain ASCII text, 10 USD.", "Tổng Bí thư Tô Lâm tiếp Chủ tịch nước Lào.", "hòa bình, thủy lợi, khỏe mạnh"] {
            let result = canonical(text)
            #expect(result.string == text)
            #expect(result.map.isIdentity)
        }
    }

    @Test func lineEndsBecomeLF() throws {
        #expect(canonical("một\r\nhai\rba\n").string == "một\nhai\nba\n")
        #expect(try original(of: "hai", in: "một\r\nhai") == "hai")
        #expect(try original(of: "\nhai", in: "một\r\nhai") == "\r\nhai")
    }

    @Test func decomposedLettersAreComposed() throws {
        let nfd = "Ha\u{0300} No\u{0302}\u{0323}i"
        #expect(canonical(nfd).string == "Hà Nội")
        #expect(try original(of: "Nội", in: nfd) == "No\u{0302}\u{0323}i")
        #expect(try original(of: "Hà", in: nfd) == "Ha\u{0300}")
    }

    @Test func toneMarksMoveToTheOldStyle() throws {
        #expect(canonical("hoà bình, thuỷ điện, khoẻ, thoả thuận, Luỹ").string == "hòa bình, thủy điện, khỏe, thỏa thuận, Lũy")
        #expect(try original(of: "thỏa thuận", in: "ký thoả thuận hợp tác") == "thoả thuận")
        // NFD and the new style together.
        #expect(canonical("Thoa\u{0309} thuận").string == "Thỏa thuận")
    }

    @Test func ethLookAlikesBecomeDStroke() {
        #expect(canonical("Ðà Nẵng, ðường").string == "Đà Nẵng, đường")
    }

    @Test func spacesAndDashesAreUnified() throws {
        let text = "Hà\u{00A0}Nội\u{2009}–\u{202F}Viêng Chăn − 2026—2030"
        #expect(canonical(text).string == "Hà Nội - Viêng Chăn - 2026-2030")
        #expect(try original(of: "Nội - Viêng", in: text) == "Nội\u{2009}–\u{202F}Viêng")
    }

    @Test func invisibleCharactersAreRemoved() throws {
        let text = "Viêng\u{200B} Chăn, đường\u{00AD}sắt, \u{FEFF}Lào"
        #expect(canonical(text).string == "Viêng Chăn, đườngsắt, Lào")
        #expect(try original(of: "Lào", in: text) == "Lào")
    }

    @Test func fullwidthFormsFoldToASCIIAndMapBackToTheFullwidthText() throws {
        let text = "Năm ２０２４ đạt １０，５ tỷ ＵＳＤ, tăng ５０％（ước）"
        #expect(canonical(text).string == "Năm 2024 đạt 10,5 tỷ USD, tăng 50%(ước)")
        #expect(try original(of: "10,5 tỷ USD", in: text) == "１０，５ tỷ ＵＳＤ")
        #expect(try original(of: "2024", in: text) == "２０２４")
        // A fullwidth letter is a letter of its syllable: its tone mark is placed like any other.
        #expect(canonical("ｈoà bình, ＨOÀ").string == "hòa bình, HÒA")
        // Only U+FF01–U+FF5E: the ideographic space is a space, halfwidth katakana stay.
        #expect(canonical("１\u{3000}２ ｱ").string == "1 2 ｱ")
    }

    @Test func everyFormOfASentenceHasTheSameMatchingForm() {
        let forms = [
            "Thỏa thuận hòa bình, Hà Nội – Viêng Chăn\n",
            "Thoả thuận hoà bình, Hà Nội - Viêng Chăn\r\n",
            "Thỏa thuận hòa bình, Hà Nội – Viêng Chăn\n".decomposedStringWithCanonicalMapping,
            "Thoả\u{00A0}thuận hoà bình, Hà Nội\u{00A0}\u{2013} Viêng Chăn\r",
            "Ｔｈｏả ｔｈｕậｎ ｈｏà ｂìｎｈ， Ｈà Ｎộｉ － Ｖｉêｎｇ Ｃｈăｎ\n",
        ]
        let results = Set(forms.map { canonical($0).string })
        #expect(results == ["Thỏa thuận hòa bình, Hà Nội - Viêng Chăn\n"])
    }

    @Test func mapCoversEveryOffset() {
        // Every canonical offset maps inside the original and never backwards.
        let text = "Ha\u{0300} Nội\r\n– thoả\u{200B}thuận ₭ 😀 ２０２４ end"
        let result = canonical(text)
        var previous = 0
        for offset in 0...result.bytes.count {
            let source = result.map.sourceStart(of: offset)
            #expect(source >= previous && source <= text.utf8.count)
            previous = source
        }
        #expect(result.map.sourceEnd(of: result.bytes.count) == text.utf8.count)
    }
}

@Suite struct OffsetMapTests {
    @Test func replacementsMapToWholeUnits() {
        var builder = OffsetMapBuilder(sourceBase: 10)
        builder.copy(3)                                    // "abc"
        builder.replace(sourceLength: 2, derivedLength: 1) // CRLF → LF
        builder.copy(2)
        builder.replace(sourceLength: 3, derivedLength: 0) // a zero-width space removed
        builder.copy(1)
        let map = builder.build()
        #expect(map.sourceStart(of: 0) == 10)
        #expect(map.sourceStart(of: 3) == 13)
        #expect(map.sourceEnd(of: 4) == 15)
        #expect(map.sourceStart(of: 4) == 15)
        #expect(map.sourceStart(of: 6) == 20)  // after the removal
        #expect(map.sourceEnd(of: 6) == 17)    // an end stops before the removed bytes
        #expect(map.sourceRange(of: 0..<7) == 10..<21)
        #expect(map.shifted(by: 5).sourceRange(of: 0..<7) == 15..<26)
    }
}

@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        ([0x61, 0x62], nil),
        ([0x61, 0xFF], 1),
        ([0xC3, 0xA0, 0xC3], 2),          // truncated sequence at the end
        ([0x61, 0xC0, 0xAF], 1),          // overlong
        ([0xED, 0xA0, 0x80], 0),          // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),    // above U+10FFFF
        ([0xE1, 0xBB, 0x87, 0x74], nil),  // "ệt"
    ] as [([UInt8], Int?)])
    func firstInvalidOffset(bytes: [UInt8], expected: Int?) {
        #expect(UTF8Validation.firstInvalidOffset(in: bytes) == expected)
    }
}

/// The odd letters `MixedScript` finds in `text`, each as "U+XXXX in word".
private func oddLetters(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        MixedScript.letters(in: buffer).map { letter in
            "\(MixedScript.describe(letter.scalar)) in \(String(decoding: bytes[letter.word], as: UTF8.self))"
        }
    }
}

@Suite struct MixedScriptTests {
    @Test func aLetterOfAnotherScriptInsideALatinWordIsNamed() {
        #expect(oddLetters("Chủ tịch nước Lào Th\u{043E}ngloun Sisoulith") == ["U+043E CYRILLIC SMALL LETTER O in Th\u{043E}ngloun"])
        #expect(oddLetters("\u{0391}SEAN và Vũng \u{0430}ng") == [
            "U+0391 GREEK CAPITAL LETTER ALPHA in \u{0391}SEAN", "U+0430 CYRILLIC SMALL LETTER A in \u{0430}ng",
        ])
        // In a word mostly of another script, the Latin letter is the odd one.
        #expect(oddLetters("báo Пpавда") == ["U+0070 LATIN SMALL LETTER P in Пpавда"])
    }

    @Test func aCombiningMarkGoesWithItsLetter() {
        let text = "cảng Vũng \u{0410}\u{0301}ng"
        let letters = Array(text.utf8).withUnsafeBufferPointer { MixedScript.letters(in: $0) }
        #expect(letters.count == 1)
        #expect(letters.first.map { String(decoding: Array(text.utf8)[$0.range], as: UTF8.self) } == "\u{0410}\u{0301}")
    }

    @Test func wordsOfOneScriptAndSymbolsAreNotMixed() {
        for text in ["Hà Nội, Thủy điện Xê Ca Màn", "Tổng thống Путин", "Tập Cận Bình (习近平)", "điện trở 10 kΩ, liều 5µg hay 5μg",
                     "α-glucosidase", "Ｈà Ｎội", "ʼNgười", "ASEAN+3"] {
            #expect(oddLetters(text).isEmpty, "\(text)")
        }
    }
}
