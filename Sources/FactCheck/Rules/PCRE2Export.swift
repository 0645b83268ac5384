import PCRE2

/// A rule's pattern as one line another PCRE2 tool can use (`rg -P -f`): fragments expanded,
/// the rule's flags as inline options, and named groups made plain groups so that many
/// patterns can be joined into one alternation without clashing names. The groups that define
/// shared fragments (`(?(DEFINE)(?<_0_money>...))`, called as `(?&_0_money)`) keep a name,
/// made unique to the rule.
public enum PCRE2Export {
    /// nil when the expanded pattern spans several lines.
    public static func line(for rule: ExtractRule) -> String? {
        let pattern = plainGroups(rule.regex.pattern, suffix: suffix(for: rule.id))
        guard !pattern.contains("\n") else { return nil }
        var flags = ""
        if rule.regex.options.contains(.caseless) { flags += "i" }
        if rule.regex.options.contains(.extended) { flags += "x" }
        if rule.regex.options.contains(.multiline) { flags += "m" }
        if rule.regex.options.contains(.dotAll) { flags += "s" }
        return flags.isEmpty ? pattern : "(?\(flags))" + pattern
    }

    /// `(?<name>`, `(?P<name>` and `(?'name'` become `(?:`; lookbehinds `(?<=`, `(?<!` stay; a
    /// shared fragment's group and its calls get `suffix`.
    static func plainGroups(_ pattern: String, suffix: String) -> String {
        var result = ""
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            result.append(character)
            if character == "\\", let escaped = characters.popFirst() {
                result.append(escaped)
                continue
            }
            guard character == "(", characters.first == "?" else { continue }
            var rest = characters.dropFirst()
            if rest.first == "&" {
                let name = String(rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                if isShared(name) {
                    result += "?&" + name + suffix
                    characters = rest.dropFirst(1 + name.count)
                }
                continue
            }
            if rest.first == "P" { rest = rest.dropFirst() }
            guard let open = rest.first, open == "<" || open == "'" else { continue }
            let name = String(rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            let close: Character = open == "<" ? ">" : "'"
            guard !name.isEmpty, rest.dropFirst(1 + name.count).first == close else { continue }
            result += isShared(name) ? "?<" + name + suffix + ">" : "?:"
            characters = rest.dropFirst(2 + name.count)
        }
        return result
    }

    /// Shared fragments' groups are named `_<n>_<fragment>` (PatternExpansion).
    private static func isShared(_ name: String) -> Bool {
        name.first == "_" && name.dropFirst().first?.isNumber == true
    }

    /// A short name part unique to a rule: its id's FNV-1a hash.
    private static func suffix(for id: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "_" + String(hash, radix: 36)
    }
}
