/// An inline suppression in a Markdown article:
///
/// - `<!-- factcheck-disable RULE ... -->` … `<!-- factcheck-enable RULE ... -->`: the lines
///   between (to the end of the file without an enable);
/// - `<!-- factcheck-disable-next-line RULE ... -->`: the next line.
///
/// RULE is a check id; several may be listed, separated by spaces or commas; none means every
/// check. A finding is suppressed when one of its facts lies on a suppressed line.
public struct Suppression: Sendable, Hashable {
    /// Check ids; empty for all.
    public let rules: Set<String>
    /// File lines covered.
    public let lines: ClosedRange<Int>
    /// The directive itself, for reporting one that suppresses nothing.
    public let directive: SourceLocation
    public let document: String

    func covers(rule: String, path: String, line: Int) -> Bool {
        path == directive.path && lines.contains(line) && isAbout(rule: rule)
    }

    /// Whether the directive names `rule`, or names none (every check).
    func isAbout(rule: String) -> Bool {
        rules.isEmpty || rules.contains(rule)
    }

    /// The directives in a Markdown file's lines. O(n) in the directives and the rules they
    /// name: an enable finds the disables it closes through the rules they name (or, naming
    /// none, takes all that are open), and each disable is closed once, so N disables followed
    /// by one enable never compare each with the others.
    static func parse(lines: [Substring], path: String, document: String) -> [Suppression] {
        var result: [Suppression] = []
        var disables: [(rules: Set<String>, line: Int, directive: SourceLocation)?] = []
        // Indexes into `disables` that may still be open: all of them, and by each rule those naming it.
        var open: [Int] = []
        var naming: [String: [Int]] = [:]
        func close(_ index: Int, at line: Int) {
            guard let disable = disables[index] else { return }
            result.append(Suppression(rules: disable.rules, lines: disable.line...line, directive: disable.directive, document: document))
            disables[index] = nil
        }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard let (command, rules, column, text) = directive(in: line) else { continue }
            let location = SourceLocation(path: path, line: number, column: column, endLine: number,
                                          endColumn: column + text.unicodeScalars.count, text: text)
            switch command {
            case "factcheck-disable-next-line":
                result.append(Suppression(rules: rules, lines: (number + 1)...(number + 1), directive: location, document: document))
            case "factcheck-disable":
                for rule in rules { naming[rule, default: []].append(disables.count) }
                open.append(disables.count)
                disables.append((rules, number, location))
            default:  // factcheck-enable closes the disables naming one of its rules (all of them without rules)
                if rules.isEmpty {
                    for disable in open { close(disable, at: number) }
                    open.removeAll()
                    naming.removeAll()
                }
                for rule in rules {
                    for disable in naming.removeValue(forKey: rule) ?? [] { close(disable, at: number) }
                }
            }
        }
        for index in disables.indices {
            if let disable = disables[index] { close(index, at: max(disable.line, lines.count)) }
        }
        return result.sorted { ($0.directive.line, $0.lines.lowerBound) < ($1.directive.line, $1.lines.lowerBound) }
    }

    /// Every directive contains these bytes; a file without them has no suppressions.
    static let marker = Array("factcheck-".utf8)

    /// The command, rules, 1-based column and text of a `<!-- factcheck-... -->` comment.
    static func directive(in line: Substring) -> (String, Set<String>, Int, String)? {
        guard let open = line.range(of: "<!--"), let close = line.range(of: "-->", range: open.upperBound..<line.endIndex) else { return nil }
        let words = line[open.upperBound..<close.lowerBound].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        guard let command = words.first,
              ["factcheck-disable", "factcheck-enable", "factcheck-disable-next-line"].contains(command) else { return nil }
        let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: open.lowerBound) + 1
        return (command, Set(words.dropFirst()), column, String(line[open.lowerBound..<close.upperBound]))
    }
}
