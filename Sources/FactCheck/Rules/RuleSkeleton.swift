import Foundation

/// `factcheck rules new ID`: a commented skeleton rule, with an example and a counterexample,
/// added to the rule pack file its id belongs in, ready for `rules lint` and `rules test`.
///
/// The file is the one whose rules share the id's prefix (`trade.` → the file holding most
/// `trade.*` rules, `rules/trade.yaml` in the shipped pack); else a new file named after the
/// prefix (`budget.spending` → `rules/budget.yaml`). The rule goes at the end of the file's
/// `rules:` list, before whatever top-level key follows it. The pack is loaded again after
/// writing: a skeleton that would not load, or whose examples fail, is taken back (the file as
/// it was) and said as an error, never left behind.
public enum RuleSkeleton {
    /// Where the skeleton went: the file, the line of its `- id:`, and whether the file is new.
    public struct Written: Sendable, Equatable {
        public var path: String
        public var line: Int
        public var created: Bool
    }

    public static func add(id: String, to directory: String) throws(RuleSkeletonError) -> Written {
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw .badID(id: id)
        }
        let pack = RuleLoader.load(directory: directory)
        // No pack directory: say so (naming --rules), rather than start one somewhere unexpected.
        if !FileManager.default.fileExists(atPath: directory), let error = pack.errors.first { throw .pack(error) }
        if let taken = definition(of: id, in: pack) { throw .taken(id: id, path: taken.path, line: taken.line) }

        let prefix = String(id.split(separator: ".", maxSplits: 1).first ?? Substring(id))
        let path = file(for: prefix, in: pack, directory: directory)
        let original = FileManager.default.contents(atPath: path)
        let text = original.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let (updated, line) = try inserting(skeleton(id: id), into: text, path: path)
        do {
            if original == nil {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
            try Data(updated.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .unwritable(path: path, reason: (error as NSError).localizedDescription)
        }

        // The skeleton must load and pass its own examples, or it is taken back.
        let reloaded = RuleLoader.load(directory: directory)
        let newErrors = reloaded.errors.filter { !pack.errors.contains($0) }
        let failures = RuleTester.test(reloaded).filter { $0.id == id }.flatMap(\.failures)
        if !newErrors.isEmpty || reloaded.rule(withID: id) == nil || !failures.isEmpty {
            if let original { try? original.write(to: URL(fileURLWithPath: path)) } else { try? FileManager.default.removeItem(atPath: path) }
            throw .didNotLoad(path: path, problems: newErrors.map { $0.errorDescription ?? $0.message } + failures)
        }
        return Written(path: path, line: line, created: original == nil)
    }

    /// Where the pack already defines `id` (a rule, an event rule or a check; ids are one namespace).
    static func definition(of id: String, in pack: RulePack) -> (path: String, line: Int)? {
        if let rule = pack.rule(withID: id) { return (rule.path, rule.line) }
        if let event = pack.events.first(where: { $0.id == id }) { return (event.path, event.line) }
        if let check = pack.check(withID: id) { return (check.settings.path, check.settings.line) }
        return nil
    }

    /// The file holding the most rules whose id starts with `prefix.` (the first such file on a
    /// tie), else `directory/prefix.yaml`.
    static func file(for prefix: String, in pack: RulePack, directory: String) -> String {
        let counts = Dictionary(grouping: pack.rules.filter { $0.id.hasPrefix(prefix + ".") }, by: \.path).mapValues(\.count)
        if let best = pack.files.filter({ counts[$0] != nil }).max(by: { counts[$0]! < counts[$1]! }) { return best }
        return (directory.hasSuffix("/") ? directory : directory + "/") + prefix + ".yaml"
    }

    /// `text` with `rule` (lines, unindented) appended to its top-level `rules:` list (made when
    /// there is none), and the line where the rule's `- id:` is.
    static func inserting(_ rule: [String], into text: String, path: String) throws(RuleSkeletonError) -> (String, Int) {
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        func isTopLevelKey(_ line: String) -> Bool {
            guard let first = line.first else { return false }
            return !" \t#-".contains(first) && line != "..." && line != "---"
        }
        var indent = "  "
        var insertion: Int
        if let start = lines.firstIndex(where: { $0.hasPrefix("rules:") && isTopLevelKey($0) }) {
            let rest = lines[start].dropFirst("rules:".count).trimmingCharacters(in: .whitespaces)
            guard rest.isEmpty || rest.hasPrefix("#") else { throw .notABlockList(path: path, line: start + 1) }
            insertion = lines[(start + 1)...].firstIndex(where: isTopLevelKey) ?? lines.count
            // Comments and blank lines just above the next key belong to it.
            while insertion > start + 1, lines[insertion - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[insertion - 1].hasPrefix("#") {
                insertion -= 1
            }
            if let item = lines[(start + 1)..<insertion].first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }) {
                indent = String(item.prefix { $0 == " " })
            }
        } else {
            if let last = lines.last, !last.isEmpty { lines.append("") }
            lines.append("rules:")
            insertion = lines.count
        }
        var added = rule.map { $0.isEmpty ? "" : indent + $0 }
        if insertion > 0, !lines[insertion - 1].trimmingCharacters(in: .whitespaces).isEmpty, lines[insertion - 1] != "rules:" {
            added.insert("", at: 0)
        }
        if insertion < lines.count, !lines[insertion].trimmingCharacters(in: .whitespaces).isEmpty { added.append("") }
        lines.insert(contentsOf: added, at: insertion)
        let idLine = insertion + (added.firstIndex { $0.hasPrefix(indent + "- id:") } ?? 0) + 1
        return (lines.joined(separator: "\n") + "\n", idLine)
    }

    /// The skeleton's lines, without the list's indentation. It reads a count ("12 mẫu thử") so
    /// that it works with any pack (it uses no fragment) and its example and counterexample
    /// hold as `rules test` mutates them.
    static func skeleton(id: String) -> [String] {
        """
        # Written by `factcheck rules new \(id)`: a working example to replace with what the rule
        # is meant to read. Then `factcheck rules lint` and `factcheck rules test` (docs/RULES.md).
        - id: \(id)
          description: >-
            Mô tả cho biên tập viên: quy tắc đọc số liệu gì (thay dòng này).
            What the rule reads, for editors (replace this line).
          # PCRE2 on the matching form (NFC, "-" for every dash, old-style tone marks); each
          # (?<name>...) group fills {name} in the fact. (?<![\\p{L}\\p{N}]) rather than \\b.
          pattern: '(?<![\\p{L}\\p{N}])(?<count>\\d+) mẫu thử(?![\\p{L}])'
          flags: [caseless]            # optional: caseless, extended, multiline, dotall
          requires: ['mẫu thử']        # optional: the rule runs only on articles with one of these
          fact:
            # The key: constants, {capture}s and {@context}, such as \(id)/{@partner}.
            key: \(id)
            value: '{count} mẫu thử'
            type: count                # money, count, percent, date, name, person, text
          examples:                    # texts, and exactly the facts each one yields
            - text: 'Đoàn công tác đã gửi 12 mẫu thử sang Lào.'
              facts:
                - {key: \(id), value: 12 mẫu thử}
          counterexamples:             # texts that must yield no fact
            - 'Đoàn công tác chưa gửi mẫu thử nào.'
        """.components(separatedBy: "\n")
    }
}

/// Why `rules new` wrote nothing.
public enum RuleSkeletonError: LocatedError {
    case badID(id: String)
    case taken(id: String, path: String, line: Int)
    case pack(RuleError)
    /// The file's `rules:` is not a block list (`rules: []`) to append to.
    case notABlockList(path: String, line: Int)
    case unwritable(path: String, reason: String)
    /// The written skeleton did not load or pass its examples; the file was restored.
    case didNotLoad(path: String, problems: [String])

    public var kind: ErrorKind { .rule }

    public var path: String {
        switch self {
        case .badID: "rules new"
        case .taken(_, let path, _), .notABlockList(let path, _), .unwritable(let path, _), .didNotLoad(let path, _): path
        case .pack(let error): error.path
        }
    }

    public var line: Int? {
        switch self {
        case .taken(_, _, let line), .notABlockList(_, let line): line
        case .pack(let error): error.line
        default: nil
        }
    }

    public var message: String {
        switch self {
        case .badID(let id): "'\(id)' is not a rule id: ASCII letters, digits, '.', '_' and '-', such as trade.export"
        case .taken(let id, _, _): "the pack already has '\(id)' (defined here); choose another id"
        case .pack(let error): error.message
        case .notABlockList: "'rules:' is not a list of '- id:' items to append to; add the rule by hand"
        case .unwritable(_, let reason): "cannot write the rule: \(reason)"
        case .didNotLoad(_, let problems):
            "the skeleton did not load or pass its examples, so the file was left as it was: " + problems.joined(separator: "; ")
        }
    }
}
