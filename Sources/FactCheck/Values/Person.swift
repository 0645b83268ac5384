import Foundation

/// A person named with a title: "Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith".
public struct Person: Sendable, Hashable, Decodable {
    public var name: String
    /// Each office named, normalized: "Thủ tướng Chính phủ" is "Thủ tướng".
    public var titles: [String]
    /// The country named with the title ("Lào"), if any.
    public var country: String?
    /// "nguyên", "cố": the title is a former one, true of the past.
    public var former: Bool

    /// From a rule's captures: `name` and `title` (required), `country` and `former` (optional).
    /// Two offices are joined by a comma or a dash ("Tổng Bí thư - Chủ tịch nước").
    init?(captures: [String: String]) {
        guard let name = captures["name"], !name.isEmpty, let title = captures["title"], !title.isEmpty else { return nil }
        self.name = name
        titles = title.replacingOccurrences(of: " - ", with: ",").split(separator: ",").map { Person.normalizedTitle(String($0)) }
        country = captures["country"].flatMap { $0.isEmpty ? nil : Person.normalizedCountry($0) }
        former = !(captures["former"] ?? "").isEmpty
    }

    /// The offices a title names, in the spelling of the office table, longest first: letter
    /// case varies in real articles ("Tổng bí thư", "Chủ tịch Nước"), and "Chính phủ", a party
    /// organ or "nguyên" may follow or precede the office itself.
    static let offices = ["quyền Chủ tịch nước", "Chủ tịch Quốc hội", "Chủ tịch nước", "Tổng Bí thư", "Thủ tướng"]

    /// "Thủ tướng Chính phủ" is "Thủ tướng"; "Tổng bí thư Ban Chấp hành Trung ương Đảng…" is
    /// "Tổng Bí thư"; "Chủ tịch" alone (written before "Lào") is "Chủ tịch nước". A title that
    /// names none of the offices is kept as written.
    static func normalizedTitle(_ title: String) -> String {
        var words = title.split(separator: " ").joined(separator: " ")
        if words.lowercased().hasPrefix("nguyên ") { words = String(words.dropFirst("nguyên ".count)) }
        let lowered = words.lowercased()
        if let office = offices.first(where: { lowered.hasPrefix($0.lowercased()) }) { return office }
        return lowered == "chủ tịch" ? "Chủ tịch nước" : words
    }

    /// The country as the office table writes it: "CHDCND Lào" and "nước Cộng hòa Dân chủ Nhân
    /// dân Lào" are "Lào".
    static func normalizedCountry(_ country: String) -> String {
        let lowered = country.lowercased()
        if lowered.hasSuffix("lào") { return "Lào" }
        if lowered.hasSuffix("việt nam") { return "Việt Nam" }
        return country
    }

    var display: String {
        (former ? "nguyên " : "") + titles.joined(separator: ", ") + (country.map { " \($0)" } ?? "") + " " + name
    }
}

/// A name as written; the names check looks it up in a gazetteer.
public struct NameValue: Sendable, Hashable, Decodable {
    public var name: String

    /// The form two spellings of one name share: lowercased, one space between words, " - "
    /// around every dash. "Hà Nội-Viêng Chăn" and "hà nội - viêng chăn" are the same name.
    var matchingKey: String { NameValue.matchingKey(name) }

    static func matchingKey(_ name: String) -> String {
        name.lowercased()
            .replacingOccurrences(of: "-", with: " - ")
            .split(separator: " ").joined(separator: " ")
    }

    /// The matching key with no spaces or dashes: "bôlykhămxay" for "Bô Ly Khăm Xay" and "Bô-ly-khăm-xay".
    static func compactKey(_ key: String) -> String {
        String(key.unicodeScalars.filter { $0 != " " && $0 != "-" })
    }

    /// The form every transliteration of one Lao name shares, so that "Thongloun Sisoulith",
    /// "Thonglun Sisulith" and "Thoongloun Sisulith" are one person: diacritics folded (and đ
    /// as d), lowercased, no spaces or dashes inside the name, "ou" as "u", and any doubled
    /// letter as one ("oo", "nn"). Vietnamese newsrooms spell Lao names by ear, and these are
    /// the ways the spellings of one name differ in real articles (docs/RULES.md).
    static func transliterationKey(_ name: String) -> String {
        let folded = compactKey(withoutDiacritics(matchingKey(name))).replacingOccurrences(of: "ou", with: "u")
        var key = ""
        for character in folded where character != key.last { key.append(character) }
        return key
    }

    /// The transliteration key of each word: "Bun-nhăng Vo-la-chít" is ["bunhang", "volachit"].
    static func transliterationWords(_ name: String) -> [String] {
        name.replacingOccurrences(of: " - ", with: "-").split(separator: " ").map { transliterationKey(String($0)) }
    }

    /// The matching key without diacritics and with đ as d: "vung ang" for "Vũng Áng".
    static func withoutDiacritics(_ key: String) -> String {
        String(String.UnicodeScalarView(key.replacingOccurrences(of: "đ", with: "d")
            .decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.canonicalCombiningClass == .notReordered }))
    }
}
