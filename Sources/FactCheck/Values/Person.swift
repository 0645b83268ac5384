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
    init?(captures: [String: String]) {
        guard let name = captures["name"], !name.isEmpty, let title = captures["title"], !title.isEmpty else { return nil }
        self.name = name
        titles = title.split(separator: ",").map { Person.normalizedTitle(String($0)) }
        country = captures["country"].flatMap { $0.isEmpty ? nil : $0 }
        former = !(captures["former"] ?? "").isEmpty
    }

    static func normalizedTitle(_ title: String) -> String {
        let words = title.split(separator: " ").joined(separator: " ")
        return words.hasSuffix(" Chính phủ") ? String(words.dropLast(" Chính phủ".count)) : words
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

    /// The matching key without diacritics and with đ as d: "vung ang" for "Vũng Áng".
    static func withoutDiacritics(_ key: String) -> String {
        String(String.UnicodeScalarView(key.replacingOccurrences(of: "đ", with: "d")
            .decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.canonicalCombiningClass == .notReordered }))
    }
}
