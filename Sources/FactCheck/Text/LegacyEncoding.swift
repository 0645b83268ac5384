/// The pre-Unicode Vietnamese encodings newsroom archives still hold. A file that is not
/// UTF-8 is checked for the byte forms of common words in each; the encoding with the most
/// occurrences is named in the error, with how to convert the file.
public enum LegacyEncoding: String, Sendable, CaseIterable {
    /// TCVN 5712:1993 "ABC": one byte per letter, e.g. "Lµo" for Lào.
    case tcvn3 = "TCVN3 (ABC)"
    /// VNI Windows: a letter followed by a byte for its marks, e.g. "Laøo" for Lào.
    case vni = "VNI Windows"
    /// Windows-1258: precomposed base letters followed by combining tone marks.
    case cp1258 = "Windows-1258"

    /// How to convert a file from this encoding.
    public var conversion: String {
        switch self {
        case .tcvn3: "iconv -f TCVN5712-1 -t UTF-8"
        case .vni: "a VNI-to-Unicode converter (UniKey's, for instance)"
        case .cp1258: "iconv -f CP1258 -t UTF-8, then NFC normalization"
        }
    }

    /// "Việt", "và", "Lào", "đã", "những", "năm", "với", "được", "của", "thương" in each encoding.
    private var words: [[UInt8]] {
        switch self {
        case .tcvn3:
            [[0x56, 0x69, 0xD6, 0x74], [0x20, 0x76, 0xB5, 0x20], [0x4C, 0xB5, 0x6F], [0xAE, 0xB7], [0x6E, 0x68, 0xF7, 0x6E, 0x67],
             [0x6E, 0xA8, 0x6D], [0x76, 0xED, 0x69], [0xAE, 0xAD, 0xEE, 0x63], [0x63, 0xF1, 0x61], [0x74, 0x68, 0xAD, 0xAC, 0x6E, 0x67]]
        case .vni:
            [[0x56, 0x69, 0x65, 0xE4, 0x74], [0x20, 0x76, 0x61, 0xF8, 0x20], [0x4C, 0x61, 0xF8, 0x6F], [0xF1, 0x61, 0xF5],
             [0x6E, 0x68, 0xF6, 0xF5, 0x6E, 0x67], [0x6E, 0x61, 0xEA, 0x6D], [0x76, 0xF4, 0xF9, 0x69], [0xF1, 0xF6, 0xF4, 0xEF, 0x63],
             [0x63, 0x75, 0xFB, 0x61], [0x74, 0x68, 0xF6, 0xF4, 0x6E, 0x67]]
        case .cp1258:
            [[0x56, 0x69, 0xEA, 0xF2, 0x74], [0x20, 0x76, 0xE0, 0x20], [0x4C, 0xE0, 0x6F], [0xF0, 0x61, 0xDE],
             [0x6E, 0x68, 0xFD, 0xDE, 0x6E, 0x67], [0x6E, 0xE3, 0x6D], [0x76, 0xF5, 0xEC, 0x69], [0xF0, 0xFD, 0xF5, 0xF2, 0x63],
             [0x63, 0x75, 0xD2, 0x61], [0x74, 0x68, 0xFD, 0xF5, 0x6E, 0x67]]
        }
    }

    /// The likely encoding of Vietnamese text that is not UTF-8: the one whose forms of
    /// common words occur most, at least twice; nil when none does.
    public static func guess(_ bytes: [UInt8]) -> LegacyEncoding? {
        let sample = Array(bytes.prefix(1 << 20))
        let scores = allCases.map { encoding in
            (encoding, encoding.words.reduce(0) { $0 + sample.occurrences(of: $1) })
        }
        guard let best = scores.max(by: { $0.1 < $1.1 }), best.1 >= 2 else { return nil }
        return best.0
    }
}
