/// What the outputs that print a finding at a place (the terminal listing, `github`
/// annotations, JUnit test cases, SARIF results) list of its facts. A finding carries every
/// fact involved, and N articles giving N values for one key make one finding of N facts; an
/// output that listed all of them wherever it names the finding — at each suspect's
/// annotation, in each suspect article's test case — grew as N² (4,000 such articles: a
/// 1.5 GB JUnit file). So each lists the facts it is about (a finding's suspects, one
/// article's, the one an annotation sits at), then at most `listedEvidence` of the others,
/// then how many more report.json has: the output grows with the facts and the findings.
/// report.json lists every fact of a finding once (it is the complete record), and the HTML
/// page every suspect and up to `HTMLReporter.evidenceRows` rows in all.
extension Finding {
    /// How many of a finding's facts besides those an output is about it lists, in every
    /// per-finding output: enough to show where the other values are (the message already
    /// gives the values, with how many articles give each), few enough that a hundred
    /// findings still read on one screen.
    public static let listedEvidence = 10

    /// What the outputs list of a finding's facts: built once per finding (one pass over its
    /// facts), then asked once per place the finding is printed at.
    struct Listing {
        /// The indexes into `locations` of the suspects, ascending.
        let suspects: [Int]
        /// The indexes of the first `listedEvidence` facts that are not suspects, ascending.
        private let evidence: [Int]
        private let count: Int

        init(_ finding: Finding) {
            var suspects: [Int] = []
            var evidence: [Int] = []
            for (index, fact) in finding.locations.enumerated() {
                if fact.suspect {
                    suspects.append(index)
                } else if evidence.count < Finding.listedEvidence {
                    evidence.append(index)
                }
            }
            self.suspects = suspects
            self.evidence = evidence
            count = finding.locations.count
        }

        /// The indexes, ascending (the finding's order: suspects first), of the facts an
        /// output about `subject` (indexes of suspects, ascending) lists: those of `subject`,
        /// then `listedEvidence` others — the facts that agree with the rest first, as they
        /// show what a suspect disagrees with, then the other suspects; and how many facts it
        /// leaves out. In time proportional to `subject` and the bound, not to the facts: JUnit
        /// asks once per suspect article.
        func about(_ subject: [Int]) -> (indexes: [Int], omitted: Int) {
            var others = evidence
            var (next, position) = (0, 0)
            while others.count < Finding.listedEvidence && position < suspects.count {
                if next < subject.count && subject[next] == suspects[position] {
                    next += 1
                } else {
                    others.append(suspects[position])
                }
                position += 1
            }
            return ((subject + others).sorted(), count - subject.count - others.count)
        }
    }

    /// The line that ends a listing that left `count` facts out.
    static func omittedNote(_ count: Int) -> String {
        "… và \(count) dữ kiện khác trong report.json · and \(count) more in report.json"
    }
}
