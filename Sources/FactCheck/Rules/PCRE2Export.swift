import PCRE2

/// A rule's pattern as one line another PCRE2 tool can use (`rg -P -f`): fragments expanded,
/// the rule's flags as inline options, and named groups made plain groups so that many
/// patterns can be joined into one alternation without clashing names.
public enum PCRE2Export {
    /// nil when the expanded pattern spans several lines.
    public static func line(for rule: ExtractRule) -> String? {
        let pattern = plainGroups(rule.regex.pattern)
        guard !pattern.contains("\n") else { return nil }
        var flags = ""
        if rule.regex.options.contains(.caseless) { flags += "i" }
        if rule.regex.options.contains(.extended) { flags += "x" }
        if rule.regex.options.contains(.multiline) { flags += "m" }
        if rule.regex.options.contains(.dotAll) { flags += "s" }
        return flags.isEmpty ? pattern : "(?\(flags))" + pattern
    }

    /// `(?<name>`, `(?P<name>` and `(?'name'` become `(?:`; lookbehinds `(?<=`, `(?<!` stay.
    static func plainGroups(_ pattern: String) -> String {
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
            if rest.first == "P" { rest = rest.dropFirst() }
            guard let open = rest.first, open == "<" || open == "'" else { continue }
            let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let close: Character = open == "<" ? ">" : "'"
            guard !name.isEmpty, rest.dropFirst(1 + name.count).first == close else { continue }
            result.append("?:")
            characters = rest.dropFirst(2 + name.count)
        }
        return result
    }
}
