/// Text from articles, file names, rule packs and baselines, made safe to print to a terminal
/// or a CI log: the one layer every byte factcheck prints outside its escaped report formats
/// goes through (stderr messages, the terminal listing, GitHub workflow commands, baseline
/// listings).
///
/// An article is written by whoever opens a pull request. Printed raw, its control characters
/// would move the cursor or recolor a terminal, a CR would overwrite what came before it, a
/// bidirectional control (U+202E) would show a path or figure reversed, and a line beginning
/// with `::` would be read by GitHub Actions as a workflow command (`::stop-commands::` silences
/// every annotation after it; `::add-mask::` and `::error` forge what reviewers see).
public enum PrintableText {
    /// `text` as one line: every control character (C0 with tab and line ends, DEL, C1) and
    /// every bidirectional formatting character written as a visible escape, `\u{1B}`.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Lines factcheck composed, separated by "\n": each as `line`, and none beginning with
    /// `::` (`startingLine`).
    public static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { startingLine(line(String($0))) }.joined(separator: "\n")
    }

    /// A line that cannot be read as a workflow command: a leading `:` of `::` escaped.
    public static func startingLine(_ line: String) -> String {
        line.hasPrefix("::") ? "\\u{3A}" + line.dropFirst() : line
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Marks and embeddings, overrides and isolates, the Arabic letter mark.
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }
}
