/// Escaping for HTML and XML text and attribute values. Every piece of article text,
/// metadata and rule message goes through here before it reaches a report.
enum Markup {
    /// `&`, `<`, `>`, `"` and `'` as entities, and characters XML 1.0 cannot carry (NUL and
    /// other C0 controls but tab and line ends, lone surrogates are impossible in Swift
    /// strings, U+FFFE/U+FFFF) dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
