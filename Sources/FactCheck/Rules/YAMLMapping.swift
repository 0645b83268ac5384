import Foundation
import Yams

/// A YAML mapping read by key, with errors that name the file, line and what is expected.
/// Unknown keys are rejected up front, with a suggestion when one is close.
struct YAMLMapping {
    let node: Node
    let path: String
    /// What this mapping is, for messages: "rule 'trade.target'", "the file".
    let context: String
    private let entries: [String: (key: Node, value: Node)]

    /// Throws the first key that is not text or not allowed.
    init(_ node: Node, path: String, context: String, allowed: [String]) throws(RuleError) {
        var problems: [RuleError] = []
        try self.init(node, path: path, context: context, allowed: allowed, problems: &problems)
        if let first = problems.first { throw first }
    }

    /// Adds every key that is not text or not allowed to `problems` and reads the others, so
    /// that `rules lint` can report each mistake of a rule in one pass; throws only when the
    /// node is no mapping at all.
    init(_ node: Node, path: String, context: String, allowed: [String], problems: inout [RuleError]) throws(RuleError) {
        guard let mapping = node.mapping else {
            throw .invalidValue(path: path, line: node.line, context: context, message: "expected a mapping of keys to values")
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalarText else {
                problems.append(.invalidValue(path: path, line: key.line, context: context, message: "keys must be plain text"))
                continue
            }
            guard allowed.contains(name) else {
                problems.append(.unknownKey(path: path, line: key.line, key: name, context: context, allowed: allowed,
                                            suggestion: EditDistance.closest(to: name, in: allowed)))
                continue
            }
            entries[name] = (key, value)
        }
        self.node = node
        self.path = path
        self.context = context
        self.entries = entries
    }

    var line: Int { node.line }

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// The line of a key's value (the mapping's line when absent).
    func line(of key: String) -> Int { entries[key]?.value.line ?? line }

    func value(_ key: String) -> Node? { entries[key]?.value }

    func required(_ key: String) throws(RuleError) -> Node {
        guard let value = entries[key]?.value else { throw .missingKey(path: path, line: line, key: key, context: context) }
        return value
    }

    func string(_ key: String) throws(RuleError) -> String? {
        guard let node = value(key) else { return nil }
        guard let text = node.scalarText else { throw invalid(key, "expected text") }
        return text
    }

    func requiredString(_ key: String) throws(RuleError) -> String {
        guard let text = try string(key) else { throw .missingKey(path: path, line: line, key: key, context: context) }
        guard !text.isEmpty else { throw invalid(key, "must not be empty") }
        return text
    }

    /// A list of texts; a single text is accepted as a list of one.
    func strings(_ key: String) throws(RuleError) -> [String]? {
        guard let node = value(key) else { return nil }
        if let text = node.scalarText { return [text] }
        guard let sequence = node.sequence else { throw invalid(key, "expected a list of texts") }
        var result: [String] = []
        for item in sequence {
            guard let text = item.scalarText else {
                throw .invalidValue(path: path, line: item.line, context: context, message: "'\(key)' items must be texts")
            }
            result.append(text)
        }
        return result
    }

    func sequence(_ key: String) throws(RuleError) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard let sequence = node.sequence else { throw invalid(key, "expected a list") }
        return Array(sequence)
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(RuleError) -> Int? {
        guard let text = try string(key) else { return nil }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(number) else {
            throw invalid(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func bool(_ key: String) throws(RuleError) -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw invalid(key, "expected true or false")
        }
    }

    func invalid(_ key: String, _ message: String) -> RuleError {
        .invalidValue(path: path, line: line(of: key), context: context, message: "'\(key)' \(message)")
    }
}
