import Foundation
import Testing
@testable import FactCheck

/// An article of our own in the seeds' style, with its expected facts: one of each kind the
/// shipped pack extracts, plus a caption, a trailer and a repeated paragraph.
let sampleArticle = """
    Hai nước thúc đẩy kết nối hạ tầng

    Sáng 19/10, Tổng Bí thư Tô Lâm tiếp Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith tại Hà Nội.

    Hai bên thống nhất phấn đấu đạt kim ngạch thương mại 10 tỷ USD, đẩy nhanh cao tốc Hà Nội - Viêng Chăn.

    Hai bên thống nhất phấn đấu đạt kim ngạch thương mại 10 tỷ USD, đẩy nhanh cao tốc Hà Nội - Viêng Chăn.

    Kim ngạch 10 tháng đầu năm 2025 đạt gần 2,5 tỷ USD, tăng 50,4% so với cùng kỳ năm 2024. Việt Nam có 274 dự án đầu tư tại Lào với tổng vốn đăng ký hơn 5,8 tỷ USD.

    Hai nhà lãnh đạo tại lễ ký thỏa thuận giai đoạn 2026-2030 (Ảnh: TTXVN).

    Tin liên quan

    Thủ tướng Phạm Minh Chính dự hội nghị ngày 23/2.

    """

let sampleFacts = [
    "context.partner = Lào",
    "date.day = 19/10",
    "meeting.date = Sáng 19/10",
    "official/Tô Lâm = Tổng Bí thư",
    "official/Thongloun Sisoulith = Tổng Bí thư, Chủ tịch nước Lào",
    "meeting/Tô Lâm/Thongloun Sisoulith = tiếp",
    "event.reception/Thongloun Sisoulith + Tô Lâm = Sáng 19/10",
    "trade.turnover.target/Lào = 10 tỷ USD",
    "project.name = cao tốc Hà Nội - Viêng Chăn",
    "trade.turnover/Lào = gần 2,5 tỷ USD",
    "trade.turnover.growth/Lào = tăng 50,4%",
    "investment.projects/Lào = 274 dự án",
    "investment.capital.registered/Lào = hơn 5,8 tỷ USD",
    "date.period = 2026-2030",
].sorted()

/// Facts with their locations, for comparing two forms of one article. Columns count Unicode
/// scalars of the line as written, so an NFD copy has other columns; lines never change.
private func locatedFacts(_ document: Document, columns: Bool) -> [String] {
    Extractor(pack: shippedPack).extract(document, matcher: .init()).facts
        .map { fact in
            let column = columns ? ":\(fact.location.column)" : ""
            return "\(fact.rule) \(fact.key) = \(fact.value) @\(fact.location.line)\(column) \(Canonicalizer.canonicalize(fact.location.text))"
        }
        .sorted()
}

@Suite struct ExtractionTests {
    @Test func theShippedPackFindsEveryKindOfFactOnceOutsideTrailers() {
        #expect(facts(in: sampleArticle, pack: shippedPack).sorted() == sampleFacts)
    }

    @Test func factsCarryZoneAndOriginalLocation() throws {
        let result = Extractor(pack: shippedPack).extract(Document(text: sampleArticle, path: "a.txt"), matcher: .init())
        let turnover = try #require(result.facts.first { $0.key == "trade.turnover/Lào" })
        #expect((turnover.modality, turnover.period) == (.actual, "10 tháng đầu năm 2025"))
        #expect(turnover.normalized == .money(Money(amount: 2_500_000_000, currency: "USD", qualifier: .justUnder)))
        let period = try #require(result.facts.first { $0.key == "date.period" })
        #expect(period.zone == .caption)
        #expect((period.location.line, period.location.column, period.location.text) == (11, 39, "giai đoạn 2026-2030"))
        #expect((period.location.endLine, period.location.endColumn) == (11, 58))
        let official = try #require(result.facts.first { $0.key == "official/Tô Lâm" })
        #expect(official.captures == ["title": "Tổng Bí thư", "name": "Tô Lâm"])
        #expect(official.document == "a.txt")
    }

    /// Facts of one sentence share its number; a dot inside "10.000" or "TP.HCM" ends none.
    @Test func factsCarryTheNumberOfTheirSentence() throws {
        let result = Extractor(pack: shippedPack).extract(Document(text: sampleArticle, path: "a.txt"), matcher: .init())
        func sentence(_ key: String) throws -> Int { try #require(result.facts.first { $0.key == key }).sentence }
        #expect(try sentence("official/Tô Lâm") == sentence("official/Thongloun Sisoulith"))
        #expect(try sentence("meeting.date") == sentence("official/Tô Lâm"))
        #expect(try sentence("trade.turnover/Lào") == sentence("trade.turnover.growth/Lào"))
        #expect(try sentence("investment.projects/Lào") == sentence("trade.turnover/Lào") + 1)
        let dots = Extractor(pack: shippedPack).extract(
            Document(text: "Tại TP.HCM, kim ngạch thương mại với Lào năm 2024 đạt 10.000 triệu USD, tăng 5%.", path: "b.txt"), matcher: .init())
        #expect(Set(dots.facts.map(\.sentence)) == [0])
        // A blank line between paragraphs is no sentence: the next paragraph's first sentence is the next number.
        let paragraphs = Extractor(pack: shippedPack).extract(
            Document(text: "Thủ tướng Phạm Minh Chính phát biểu.\n\n  \nThủ tướng Lào Sonexay Siphandone cảm ơn.", path: "c.txt"), matcher: .init())
        #expect(paragraphs.facts.filter { $0.key.hasPrefix("official/") }.map(\.sentence) == [0, 1])
    }

    // MARK: events

    /// The events of an article, as "key = value [participants @ place]".
    private func events(_ text: String, date: String? = nil) -> [String] {
        var corpus = Corpus()
        CorpusLoader.decode(Array(("---\nid: a\n" + (date.map { "date: \($0)\n" } ?? "") + "---\n" + text + "\n").utf8), path: "a.md", into: &corpus)
        return corpus.documents.flatMap { Extractor(pack: shippedPack).extract($0, matcher: .init()).facts }
            .filter { $0.captures["participants"] != nil }
            .map { "\($0.key) = \($0.value)" + ($0.captures["place"].map { " @ \($0)" } ?? "") }
    }

    @Test func anEventJoinsItsDateWithThePeopleItsSentenceNames() throws {
        #expect(events("Sáng 8/1, tại Phủ Chủ tịch, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay Siphandone.")
                == ["event.talks/Phạm Minh Chính + Sonexay Siphandone = Sáng 8/1 @ Phủ Chủ tịch"])
        // The people of another sentence did not meet on this date.
        #expect(events("Thủ tướng Phạm Minh Chính đón Thủ tướng Lào Sonexay Siphandone. Sáng 8/1, hai bên đã hội đàm.").isEmpty)
        // The fact is as of the event's day, with its year from the article's date.
        var corpus = Corpus()
        CorpusLoader.decode(Array("---\nid: a\ndate: 2026-01-27\n---\nChiều qua (26/1), Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith.\n".utf8),
                            path: "a.md", into: &corpus)
        let document = try #require(corpus.documents.first)
        let talks = try #require(Extractor(pack: shippedPack).extract(document, matcher: .init()).facts.first { $0.rule == "event.talks" })
        #expect(talks.asOf == CalendarDate(year: 2026, month: 1, day: 26))
        #expect(talks.captures["participants"] == "Thongloun Sisoulith + Tô Lâm")
        #expect(talks.location.text == "Chiều qua (26/1)")
    }

    @Test func participantsInAnotherOrderOrSpellingMakeTheSameEvent() {
        let key = "event.talks/Thongloun Sisoulith + Tô Lâm = Chiều 26/1"
        #expect(events("Chiều 26/1, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith.") == [key])
        #expect(events("Chiều 26/1, Tổng Bí thư, Chủ tịch nước Lào Thonglun Sisulith hội đàm với Tổng Bí thư Tô Lâm.") == [key])
        #expect(events("Chiều 26/1, Tổng bí thư - Chủ tịch nước Lào Thoongloun Sisulith và Tổng bí thư Tô Lâm hội đàm.") == [key])
    }

    @Test func aCaptionThatNamesNobodyTakesThePeopleOfTheSentenceBesideIt() {
        let before = "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith nhất trí mở rộng hợp tác."
        let caption = "Quang cảnh cuộc hội đàm chiều 26/1. Ảnh: Phóng viên"
        let after = "Thủ tướng Phạm Minh Chính và Thủ tướng Lào Sonexay Siphandone cũng dự hội đàm."
        #expect(events([before, caption, "Hai bên trao đổi về giáo dục."].joined(separator: "\n\n"))
                == ["event.talks/Thongloun Sisoulith + Tô Lâm = chiều 26/1"])
        // Past its photo credit, the caption's next paragraph when the one before names nobody.
        #expect(events(["Hai bên trao đổi về giáo dục.", caption, after].joined(separator: "\n\n"))
                == ["event.talks/Phạm Minh Chính + Sonexay Siphandone = chiều 26/1"])
        // A body sentence never borrows: it names its own participants or makes no event.
        #expect(events([before, "Quang cảnh cuộc hội đàm chiều 26/1."].joined(separator: "\n\n")).isEmpty)
    }

    @Test func aVisitIsItsDaysToACountryAndADayInItIsNone() {
        #expect(events("Thủ tướng Lào Sonexay Siphandone thăm chính thức Việt Nam từ ngày 6-7/1 theo lời mời của Thủ tướng Phạm Minh Chính.")
                == ["event.visit/Phạm Minh Chính + Sonexay Siphandone → Việt Nam = từ ngày 6-7/1"])
        #expect(events("Sáng 6/1, Thủ tướng Lào Sonexay Siphandone đến Hà Nội, bắt đầu chuyến thăm chính thức Việt Nam.").isEmpty)
        // Delegations of provinces are participants, named as the gazetteer spells them.
        #expect(events("Chiều 2/2, Đoàn công tác tỉnh Houaphanh đã hội đàm với lãnh đạo tỉnh Thanh Hóa.")
                == ["event.talks/Hủa Phăn + Thanh Hóa = Chiều 2/2"])
    }

    @Test func zonesSplitParagraphsCaptionsDuplicatesAndTrailer() {
        let text = "Một.\n\nẢnh: TTXVN\n\nMột.\n\n  \nHai\nba.\nTin liên quan\nCũ."
        let regions = Array(text.utf8).withUnsafeBufferPointer { ZoneMap(text: $0, markers: shippedPack.zones, matcher: .init()).regions }
        #expect(regions.map(\.kind) == [.body, .caption, .duplicate, .body, .trailer])
        #expect(regions.map { String(decoding: Array(text.utf8)[$0.range], as: UTF8.self) }
                == ["Một.", "Ảnh: TTXVN", "Một.", "Hai\nba.", "Tin liên quan\nCũ."])
    }

    /// Scraped articles end body paragraphs with a photo credit, or glue a caption and its credit
    /// into one: those stay body, so that rules reading only the body still see their facts.
    @Test func aPhotoCreditInsideABodyParagraphLeavesItBody() {
        let paragraphs = [
            "Sáng 8/1, hai đoàn hội đàm tại Hà Nội. Hai bên nhất trí mở rộng hợp tác giáo dục (Ảnh: TTXVN)",
            "Quang cảnh cuộc hội đàm. Ảnh: Nhóm phóng viên",
            "Thủ tướng phát biểu khai mạc (Ảnh: VGP/Nhật Bắc) Sau đó, hai bên trao đổi về hợp tác năng lượng và giao thông.",
            "Ảnh: TTXVN",
            "Hai Thủ tướng chứng kiến lễ ký kết tại TP.HCM. (Ảnh: Thống Nhất/TTXVN)",
            "Hai nhà lãnh đạo tại lễ đón (Ảnh: TTXVN).",
        ]
        let text = paragraphs.joined(separator: "\n\n")
        let regions = Array(text.utf8).withUnsafeBufferPointer { ZoneMap(text: $0, markers: shippedPack.zones, matcher: .init()).regions }
        #expect(regions.map(\.kind) == [.body, .caption, .body, .caption, .caption, .caption])
    }

    /// DESIGN §5: every byte form of an article gives the same facts at the same places. In the
    /// fullwidth form every ASCII digit, letter and punctuation mark is its fullwidth twin
    /// ("１０ tỷ ＵＳＤ"): one scalar for one, so the columns hold too.
    @Test(arguments: ["NFD", "CRLF+BOM", "other tone style", "fullwidth"])
    func everyFormOfAnArticleGivesTheSameFacts(form: String) throws {
        var articles = [("sample.txt", sampleArticle)]
        if let seeds = try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory) {
            for name in seeds.sorted() where name.hasSuffix(".txt") {
                articles.append((name, try String(contentsOfFile: seedsDirectory + "/" + name, encoding: .utf8)))
            }
        }
        for (name, text) in articles {
            let variant: [UInt8] = switch form {
            case "NFD": Array(text.decomposedStringWithCanonicalMapping.utf8)
            case "CRLF+BOM": [0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            case "fullwidth": Array(String(String.UnicodeScalarView(text.unicodeScalars.map {
                (0x21...0x7E).contains($0.value) ? Unicode.Scalar($0.value + 0xFEE0)! : $0
            })).utf8)
            default: Array(RuleTester.otherToneStyle(text).utf8)
            }
            let directory = TemporaryDirectory()
            let original = try #require(CorpusLoader.load(paths: [directory.write("a.txt", text)]).documents.first)
            let mutated = try #require(CorpusLoader.load(paths: [directory.write("b.txt", bytes: variant)]).documents.first)
            let expected = locatedFacts(original, columns: form != "NFD")
            #expect(!expected.isEmpty)
            #expect(locatedFacts(mutated, columns: form != "NFD") == expected, "\(name) in \(form)")
        }
    }

    @Test func catastrophicBacktrackingIsBoundedAndTheRunGoesOn() throws {
        let directory = TemporaryDirectory()
        let slow = ruleYAML(id: "slow", pattern: "(?<n>(a+)+$)", key: "slow", example: "aaa", facts: "[{key: slow, value: aaa}]",
                            extra: ["match_limit: 100000"])
        let count = ruleYAML(id: "count", pattern: #"(?<n>\d+) dự án"#, key: "projects", example: "3 dự án", facts: "[{key: projects, value: '3'}]")
        directory.write("rules/slow.yaml", slow + count.replacingOccurrences(of: "rules:\n", with: ""))
        let articles = directory.write("a.txt", String(repeating: "a", count: 40) + "b\n\nCó 274 dự án.")
        let start = Date()
        let report = reportWithFacts([articles], pack: RuleLoader.load(directory: directory.path + "/rules"))
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(report.errors.map(\.kind) == [.matchLimit])
        #expect(report.errors.first?.rule == "slow")
        #expect(report.facts?.map(\.value) == ["274"])
        #expect(report.exitCode(failOn: .error) == 2)
    }

    @Test func aRuleWhoseRequiredLiteralsAreAbsentDoesNotRun() {
        let loaded = pack(ruleYAML(pattern: #"(?<n>\d+) USD"#, extra: ["requires: ['USD', 'đô la']"]))
        #expect(loaded.rules.first?.requires == [Array("USD".utf8), Array("đô la".utf8)])
        #expect(facts(in: "giá 10 USD", pack: loaded) == ["amount = 10"])
        let bytes = Array("giá 10 đô la Mỹ".utf8)
        #expect(bytes.withUnsafeBufferPointer { Extractor.mayMatch(loaded.rules[0], in: $0) })
        #expect(!Array("giá 10 euro".utf8).withUnsafeBufferPointer { Extractor.mayMatch(loaded.rules[0], in: $0) })
        #expect(!Array("US".utf8).withUnsafeBufferPointer { Extractor.mayMatch(loaded.rules[0], in: $0) })
        // Literals are compared in matching form: a new-style tone mark still finds the text.
        let toned = pack(ruleYAML(pattern: "(?<n>hòa) bình", example: "hòa bình", facts: "[{key: amount, value: hòa}]", extra: ["requires: ['hoà']"]))
        #expect(facts(in: "hoà bình", pack: toned) == ["amount = hòa"])
        #expect(pack(ruleYAML(extra: ["requires: ['']"])).errors.first?.message.contains("must not be empty") == true)
    }

    @Test func theReportIsTheSameWhateverTheThreadCount() throws {
        let directory = TemporaryDirectory()
        for index in 0..<24 {
            directory.write("corpus/\(index).txt", sampleArticle.replacingOccurrences(of: "274", with: "\(200 + index)"))
        }
        let one = reportWithFacts([directory.path + "/corpus"], jobs: 1).json()
        let four = reportWithFacts([directory.path + "/corpus"], jobs: 4).json()
        #expect(one == four)
        #expect(one.count > 10_000)
        let examples = [packageRoot + "/examples"]
        #expect(reportWithFacts(examples, jobs: 1).json() == reportWithFacts(examples, jobs: 4).json())
        // A generated corpus of the benchmark's kind: mixed formats, planted inconsistencies.
        let generated = directory.path + "/generated"
        let result = try run("/usr/bin/env", ["python3", packageRoot + "/Benchmarks/generate.py", "--articles", "400", "--out", generated])
        #expect(result.status == 0, "\(result.stderr)")
        let single = reportWithFacts([generated], jobs: 1)
        let parallel = reportWithFacts([generated], jobs: 4)
        #expect(single.summary.documents == 400)
        #expect(single.findings.contains { $0.severity == .error })
        #expect(single.json() == parallel.json())
    }

    // MARK: partners (#12)

    /// The trade and investment facts of one Markdown article, and its partner fact, as "key = value".
    private func partnerFacts(_ article: String) -> [String] {
        var corpus = Corpus()
        CorpusLoader.decode(Array(article.utf8), path: "a.md", into: &corpus)
        return corpus.documents.flatMap { Extractor(pack: shippedPack).extract($0, matcher: .init()).facts }
            .filter { $0.key.hasPrefix("trade.") || $0.key.hasPrefix("investment.") || $0.key == "context.partner" }
            .map { "\($0.key) = \($0.value)" }
    }

    /// An article about Laos that gives Cambodia's figures too: each figure is the partner's its
    /// own match or sentence names, and only a sentence naming none takes the article's country.
    @Test func aFiguresPartnerIsTheCountryItsOwnSentenceNames() {
        let article = """
            ---
            id: a
            date: 2024-03-01
            ---
            Quan hệ Việt Nam - Lào không ngừng phát triển; hợp tác với Lào mở rộng. Lào là đối tác tin cậy.

            Kim ngạch thương mại giữa Việt Nam và Campuchia năm 2023 đạt 10 tỷ USD. Với Campuchia, kim ngạch thương mại năm 2022 đạt 9 tỷ USD.
            Kim ngạch thương mại với Lào năm 2022 đạt 1,2 tỷ USD, thấp hơn Campuchia.

            Năm 2023, kim ngạch thương mại song phương đạt 1,6 tỷ USD.

            """
        #expect(partnerFacts(article) == [
            "trade.turnover/Campuchia = 10 tỷ USD", "trade.turnover/Campuchia = 9 tỷ USD", "trade.turnover/Lào = 1,2 tỷ USD",
            "trade.turnover/Lào = 1,6 tỷ USD", "context.partner = Lào",
        ])
    }

    /// A sentence that names no country takes the title's; a title naming several countries
    /// decides nothing, and front matter's `partner` does.
    @Test func aTitleNamingThePartnerDecidesASentenceWithoutACountry() {
        let body = "Lào và Việt Nam là láng giềng; Lào là đối tác tin cậy.\n\nNăm 2023, kim ngạch thương mại song phương đạt 10 tỷ USD.\n"
        let titled = "---\nid: a\ndate: 2024-03-01\npartner: Lào\ntitle: 'Việt Nam - Campuchia: thương mại tăng mạnh'\n---\n" + body
        // The partner fact is the article's default at its first mention: the body never names Campuchia.
        #expect(partnerFacts(titled) == ["trade.turnover/Campuchia = 10 tỷ USD"])
        let twoCountries = "---\nid: a\ndate: 2024-03-01\npartner: Campuchia\ntitle: 'Việt Nam, Lào và Campuchia'\n---\n" + body
        #expect(partnerFacts(twoCountries) == ["trade.turnover/Campuchia = 10 tỷ USD"])
    }

    /// Front matter's `partner` is the article's default, not an override: it decides a sentence
    /// that names no country (over the country the article names most), and a sentence naming
    /// one keeps it.
    @Test func frontMatterDecidesWhenNeitherTheSentenceNorTheTitleNamesAPartner() {
        let article = """
            ---
            id: a
            date: 2024-03-01
            title: Thương mại hai chiều tăng mạnh
            partner: Campuchia
            ---
            Lào và Việt Nam là láng giềng; Lào là đối tác tin cậy.

            Năm 2023, kim ngạch thương mại song phương đạt 10 tỷ USD. Kim ngạch thương mại với Lào năm 2023 đạt 1,6 tỷ USD.

            """
        #expect(partnerFacts(article) == ["trade.turnover/Campuchia = 10 tỷ USD", "trade.turnover/Lào = 1,6 tỷ USD"])
    }
}

@Suite struct RuleTesterTests {
    @Test func theShippedPackPassesItsOwnExamples() {
        let failures = RuleTester.test(shippedPack).flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func aWrongExampleFailsWithADiff() throws {
        let loaded = pack(ruleYAML(id: "t.wrong", pattern: #"(?<n>\d+) dự án"#, key: "projects", example: "Có 274 dự án",
                                   facts: "[{key: projects, value: '275'}]", counterexample: "Có 3 dự án"))
        let result = try #require(RuleTester.test(loaded).first)
        #expect(!result.passed)
        #expect(result.failures.count == 2)
        #expect(result.failures[0].contains("- expected: projects = 275"))
        #expect(result.failures[0].contains("+ found:    projects = 274"))
        #expect(result.failures[1].hasPrefix("counterexample at rules/test.yaml:9"))
    }

    @Test func aPatternThatOnlyWorksOnOneByteFormFailsItsMutations() throws {
        // Written against NFD text: matches the example as written only if the example is NFD,
        // so the as-written run passes and the composed forms do not.
        let loaded = pack(ruleYAML(id: "t.fragile", pattern: "(?<n>thoả) thuận", key: "w", example: "ký thoả thuận",
                                   facts: "[{key: w, value: 'thoả'}]"))
        let result = try #require(RuleTester.test(loaded).first)
        #expect(result.failures.first?.contains("(as written)") == true)
    }
}
