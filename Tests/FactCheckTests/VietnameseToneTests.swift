import Testing
@testable import FactCheck

private func placed(_ word: String, _ style: VietnameseTone.Style) -> String? {
    VietnameseTone.placed(Array(word.unicodeScalars), style: style).map { String(String.UnicodeScalarView($0)) }
}

@Suite struct VietnameseToneTests {
    @Test(arguments: [
        ("hoà", "hòa"), ("thoả", "thỏa"), ("Thuỷ", "Thủy"), ("khoẻ", "khỏe"), ("luỹ", "lũy"), ("uỷ", "ủy"),
        ("HOÀ", "HÒA"), ("Hoà", "Hòa"), ("xoè", "xòe"), ("hoá", "hóa"), ("Khoẻ", "Khỏe"),
    ])
    func newStyleBecomesOld(written: String, canonical: String) {
        #expect(placed(written, .old) == canonical)
        #expect(placed(canonical, .new) == written)
    }

    @Test(arguments: [
        "hòa", "người", "tuổi", "hoàng", "toán", "quý", "gì", "gìn", "giữa", "mùa", "hoài", "khuỷu", "Nguyễn", "huỳnh",
        "quyết", "Việt", "Lào", "Thủy", "thuở", "rượu", "xoáy", "mía", "quốc", "thuế", "Tổng", "Bí", "thư", "ủy",
    ])
    func canonicalWordsStayAsTheyAre(word: String) {
        #expect(placed(word, .old) == nil)
    }

    @Test(arguments: ["Thongloun", "Sisoulith", "Houaphanh", "Hoa", "a1à", "hòà", "café", "xyz", "", "Viêng", "Chăn"])
    func wordsThatAreNotOneTonedSyllableAreLeftAlone(word: String) {
        #expect(placed(word, .old) == nil)
        #expect(placed(word, .new) == nil)
    }

    @Test func onlyOpenOaOeUyDifferBetweenStyles() {
        let words = ["hòa", "thủy", "khỏe", "hoàng", "huỳnh", "mùa", "hài", "người", "quý", "giữa", "hoài", "khuỷu", "thỏa", "tuổi", "lũy"]
        let differ = words.filter { placed($0, .new) != nil }
        #expect(differ == ["hòa", "thủy", "khỏe", "thỏa", "lũy"])
        for word in words {
            let other = placed(word, .new) ?? word
            #expect(placed(other, .old) ?? other == word)
            #expect(other.unicodeScalars.count == word.unicodeScalars.count)
        }
    }
}
