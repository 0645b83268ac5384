import Foundation
import Testing
@testable import FactCheck

/// A Markdown article with front matter, as newsrooms keep them.
private func article(_ id: String, date: String?, _ body: String) -> (name: String, text: String) {
    ("\(id).md", "---\nid: \(id)\n" + (date.map { "date: \($0)\n" } ?? "") + "---\n" + body + "\n")
}

/// The findings of the shipped pack on these articles, minus `info` unless asked.
private func findings(_ articles: (name: String, text: String)..., includeInfo: Bool = false) -> [Finding] {
    let directory = TemporaryDirectory()
    for article in articles { directory.write("corpus/" + article.name, article.text) }
    let report = CheckRun.run(paths: [directory.path + "/corpus"], pack: shippedPack)
    return report.findings.filter { includeInfo || $0.severity != .info }
}

@Suite struct CheckTests {
    // MARK: consistency

    @Test func aDifferentTradeTargetIsAConflictListingEveryArticle() throws {
        let found = findings(
            article("a", date: "2026-01-26", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD."),
            article("b", date: "2025-12-01", "Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 10 tỷ USD."),
            article("c", date: "2025-10-01", "Lào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD."))
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.rule == "consistency.trade-target")
        #expect(finding.severity == .error)
        #expect(finding.message == "Mục tiêu kim ngạch thương mại không thống nhất giữa các bài: 10 tỷ USD (2 bài) / 15 tỷ USD (1 bài).")
        #expect(finding.locations.map(\.document) == ["c", "a", "b"])  // the suspect first
        #expect(finding.locations.map(\.normalized) == ["15.000.000.000 USD", "10.000.000.000 USD", "10.000.000.000 USD"])
        #expect(finding.locations.map(\.suspect) == [true, false, false])
        #expect(finding.locations[0].location.text == "mục tiêu kim ngạch thương mại 15 tỷ USD")
        #expect(finding.locations[0].location.line == 5)  // after four lines of front matter
    }

    @Test func theSameTargetWrittenInMillionsIsNoConflict() {
        #expect(findings(
            article("a", date: "2026-01-26", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD."),
            article("b", date: "2025-12-01", "Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 10.000 triệu USD.")).isEmpty)
    }

    @Test func anInterimTargetIsNeverComparedWithTheTarget() {
        #expect(findings(article("a", date: "2025-12-01", "Thương mại với Lào hướng tới mục tiêu 5 tỷ USD và phấn đấu đạt 10 tỷ USD.")).isEmpty)
    }

    @Test func targetsGivenSideBySideAreTiersNotAConflict() throws {
        let ladder = article("a", date: "2025-12-01", "Thương mại với Lào hướng tới mục tiêu 5 tỷ USD, rồi phấn đấu đạt 10 tỷ USD.")
        let near = article("b", date: "2025-12-02", "Việt Nam và Lào sớm đạt mục tiêu 5 tỷ USD.")
        let far = article("c", date: "2025-12-03", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.")
        #expect(findings(ladder, near, far).isEmpty)
        // A value no article gives beside another, and that no tier matches, is still a conflict.
        let odd = article("d", date: "2025-12-04", "Lào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD.")
        let found = findings(ladder, near, far, odd)
        #expect(found.map(\.rule) == ["consistency.trade-target"])
        // It is the suspect, though the 5 tỷ USD tier is given by as few articles: a tier is agreed.
        #expect(found.first?.suspects.map(\.document) == ["d"])
    }

    @Test func targetsOfDifferentHorizonsAreNeverCompared() {
        #expect(findings(
            article("a", date: "2025-12-01", "Giai đoạn trước, Việt Nam và Lào đã đạt mục tiêu trên 1 tỷ USD/năm."),
            article("b", date: "2025-12-02", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD."),
            article("c", date: "2025-12-03", "Việt Nam và Lào phấn đấu đạt 10 tỷ USD vào năm 2030.")).isEmpty)
        #expect(findings(
            article("a", date: "2025-12-01", "Việt Nam và Lào phấn đấu đạt 10 tỷ USD vào năm 2030."),
            article("b", date: "2025-12-02", "Việt Nam và Lào phấn đấu đạt 15 tỷ USD đến năm 2030.")).map(\.rule) == ["consistency.trade-target"])
    }

    /// #12: a Vietnam–Cambodia target in an article mostly about Laos is Cambodia's, so it never
    /// meets the Laos target of another article (it did when the article's partner was its most named country).
    @Test func aCambodiaTargetInAnArticleAboutLaosIsNoConflictWithTheLaosTarget() throws {
        let mixed = article("a", date: "2025-12-01", """
            Quan hệ Việt Nam - Lào ngày càng gắn bó; Lào là đối tác tin cậy và hợp tác với Lào mở rộng.

            Với Campuchia, hai bên phấn đấu đạt kim ngạch thương mại 20 tỷ USD.
            """)
        let laos = article("b", date: "2025-12-02", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.")
        let directory = TemporaryDirectory()
        for article in [mixed, laos] { directory.write("corpus/" + article.name, article.text) }
        let report = reportWithFacts([directory.path + "/corpus"])
        #expect(report.facts?.filter { $0.key.hasPrefix("trade.") }.map { "\($0.document): \($0.key) = \($0.value)" }
                == ["a: trade.turnover.target/Campuchia = 20 tỷ USD", "b: trade.turnover.target/Lào = 10 tỷ USD"])
        #expect(report.findings.isEmpty)
    }

    /// A figure whose partner nothing tells is never compared: the articles below would otherwise
    /// disagree about 2024. Each article with such figures gets one info finding, with them as its locations.
    @Test func aFigureWithNoPartnerAnywhereIsReportedOnceAndNeverCompared() throws {
        let directory = TemporaryDirectory()
        for article in [
            article("a", date: "2025-03-01", "Năm 2024, kim ngạch thương mại song phương đạt 2,2 tỷ USD. Hai bên phấn đấu đạt kim ngạch thương mại 10 tỷ USD."),
            article("b", date: "2025-03-02", "Năm 2024, kim ngạch thương mại song phương đạt 2,9 tỷ USD."),
        ] { directory.write("corpus/" + article.name, article.text) }
        let report = reportWithFacts([directory.path + "/corpus"])
        #expect(report.facts?.map(\.key) == ["trade.turnover.target/?", "trade.turnover/?", "trade.turnover/?"])
        #expect(report.facts?.allSatisfy { $0.unknownContext == ["partner"] } == true)
        #expect(report.findings.map(\.rule) == ["context.unknown-partner", "context.unknown-partner"])
        let first = try #require(report.findings.first)
        #expect(first.severity == .info)
        #expect(first.message == "Không xác định được đối tác của 2 số liệu, nên không so sánh chúng: "
                + "trade.turnover.target/? = 10 tỷ USD; trade.turnover/? = 2,2 tỷ USD.")
        #expect(first.locations.map(\.document) == ["a", "a"])
        #expect(first.locations.map(\.location.text) == ["phấn đấu đạt kim ngạch thương mại 10 tỷ USD",
                                                          "Năm 2024, kim ngạch thương mại song phương đạt 2,2 tỷ USD"])
        #expect(report.findings[1].locations.map(\.document) == ["b"])
        #expect(try schemaProblems(in: report.json()) == nil)
    }

    @Test func figuresWithoutTheirPeriodAreNotCompared() {
        #expect(findings(
            article("a", date: "2025-12-01", "Kim ngạch thương mại hai chiều với Lào đạt 2,2 tỷ USD."),
            article("b", date: "2025-12-02", "Kim ngạch thương mại hai chiều với Lào đạt 2,9 tỷ USD.")).isEmpty)
    }

    @Test func fourSpellingsOfOneQuarterAreOnePeriod() throws {
        let found = findings(
            article("a", date: "2025-05-02", "Kim ngạch thương mại với Lào quý I/2025 đạt 1 tỷ USD."),
            article("b", date: "2025-05-03", "Kim ngạch thương mại với Lào Quý 1/2025 đạt 1,2 tỷ USD."),
            article("c", date: "2025-05-04", "Kim ngạch thương mại với Lào quý I năm 2025 đạt 1,4 tỷ USD."),
            article("d", date: "2025-05-05", "Kim ngạch thương mại với Lào 3 tháng đầu năm 2025 đạt 1,6 tỷ USD."))
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.rule == "consistency.trade-statistics")
        #expect(finding.locations.map(\.document) == ["a", "b", "c", "d"])
        #expect(finding.message.hasPrefix("Số liệu trade.turnover/Lào cho quý I/2025 không khớp giữa các bài"))
    }

    @Test func aYearWrittenWithACapitalIsTheSameYear() throws {
        let found = findings(
            article("a", date: "2025-03-02", "Kim ngạch thương mại với Lào Năm 2024 đạt 2,2 tỷ USD."),
            article("b", date: "2025-03-03", "Kim ngạch thương mại với Lào năm 2024 đạt 2,9 tỷ USD."))
        #expect(found.map(\.rule) == ["consistency.trade-statistics"])
        #expect(findings(
            article("a", date: "2025-03-02", "Kim ngạch thương mại với Lào Năm 2024 đạt 2,2 tỷ USD."),
            article("b", date: "2025-03-03", "Kim ngạch thương mại với Lào năm 2025 đạt 2,9 tỷ USD.")).isEmpty)
    }

    @Test func rangesAndNegatedBoundsCompareAsTheyRead() {
        // "không dưới 10 tỷ" is at least 10 tỷ: compatible with 10 tỷ, never with 8 tỷ.
        #expect(findings(
            article("a", date: "2026-01-26", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại không dưới 10 tỷ USD."),
            article("b", date: "2025-12-01", "Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 10 tỷ USD.")).isEmpty)
        #expect(findings(
            article("a", date: "2026-01-26", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại không dưới 10 tỷ USD."),
            article("b", date: "2025-12-01", "Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 8 tỷ USD.")).count == 1)
        // A range holds every value in it.
        #expect(findings(
            article("a", date: "2026-01-26", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 8-10 tỷ USD."),
            article("b", date: "2025-12-01", "Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 9 tỷ USD.")).isEmpty)
    }

    @Test func aGrowthFigureAgainstALongerPeriodIsASanityWarning() throws {
        let found = findings(article("a", date: "2025-12-01",
            "Kim ngạch 10 tháng đầu năm 2025 với Lào đạt gần 2,5 tỷ USD, tăng 50,4% so với năm 2024."))
        #expect(found.map(\.rule) == ["sanity.figures"])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message == "Con số \"tăng 50,4%\" của 10 tháng đầu năm 2025 được so với năm 2024: hai kỳ có độ dài khác nhau.")
        #expect(findings(article("a", date: "2025-12-01",
            "Kim ngạch 10 tháng đầu năm 2025 với Lào đạt gần 2,5 tỷ USD, tăng 50,4% so với cùng kỳ năm 2024.")).isEmpty)
        #expect(findings(article("a", date: "2025-12-01",
            "Kim ngạch năm 2025 với Lào đạt 3 tỷ USD, tăng 20% so với năm 2024.")).isEmpty)
        // The period may open the sentence.
        #expect(findings(article("a", date: "2025-12-01",
            "6 tháng đầu năm 2025, kim ngạch thương mại với Lào đạt 1,4 tỷ USD, tăng 30% so với năm 2024.")).map(\.rule) == ["sanity.figures"])
    }

    @Test func periodsWhoseYearCannotBeKnownAreNotCompared() {
        // Two undated articles about "11 tháng đầu năm" may be years apart.
        #expect(findings(
            article("a", date: nil, "Xuất khẩu của Việt Nam sang Lào 11 tháng đầu năm đạt 555 triệu USD."),
            article("b", date: nil, "Xuất khẩu của Việt Nam sang Lào 11 tháng đầu năm đạt 420 triệu USD.")).isEmpty)
    }

    @Test func aNumberTwoConventionsReadDifferentlyIsFlaggedNotGuessed() throws {
        let found = findings(article("a", date: "2025-12-01", "Các dự án tại Lào có tổng vốn đăng ký 150,000 USD."))
        #expect(found.map(\.rule) == ["sanity.figures"])
        #expect(found.first?.message.contains("Số \"150,000\"") == true)
    }

    @Test func differentProjectCountsInOneArticleConflict() throws {
        let found = findings(article("a", date: "2025-12-01", "Việt Nam có 274 dự án đầu tư tại Lào.\n\nHiện có 280 dự án đầu tư tại Lào."))
        #expect(found.map(\.rule) == ["consistency.investment"])
        #expect(found.first?.severity == .warning)
    }

    @Test func projectCountsAYearApartAreNotCompared() {
        #expect(findings(
            article("a", date: "2024-11-20", "Việt Nam có 274 dự án đầu tư tại Lào."),
            article("b", date: "2025-12-01", "Việt Nam có 274 dự án đầu tư tại Lào.")).isEmpty)
        #expect(findings(
            article("a", date: "2024-11-20", "Việt Nam có 260 dự án đầu tư tại Lào."),
            article("b", date: "2025-12-01", "Việt Nam có 274 dự án đầu tư tại Lào.")).isEmpty)
        #expect(findings(
            article("a", date: "2025-10-20", "Việt Nam có 260 dự án đầu tư tại Lào."),
            article("b", date: "2025-12-01", "Việt Nam có 274 dự án đầu tư tại Lào.")).count == 1)
    }

    @Test func aNamedEventWithTwoDatesConflicts() throws {
        let found = findings(
            article("a", date: "2025-10-25", "Ngày 25/10, nhiều đoàn đến dự Lễ mở ký Công ước Hà Nội."),
            article("b", date: "2025-11-02", "Lễ mở ký Công ước Hà Nội diễn ra ngày 26/10/2025 tại Thủ đô."))
        // The articles disagree, and the reference table says which one is wrong.
        #expect(found.map(\.rule) == ["consistency.event-dates", "reference.events"])
        #expect(found.first?.locations.compactMap(\.normalized) == ["2025-10-25", "2025-10-26"])
        #expect(found.last?.locations.map(\.document) == ["b"])
    }

    @Test func oneEventDateWrittenTwoWaysIsNoConflict() {
        #expect(findings(
            article("a", date: "2025-10-25", "Ngày 25/10, nhiều đoàn đến dự Lễ mở ký Công ước Hà Nội."),
            article("b", date: "2025-11-02", "Lễ mở ký Công ước Hà Nội diễn ra ngày 25/10/2025 tại Thủ đô.")).isEmpty)
    }

    // MARK: events

    @Test func twoArticlesGivingOneTalksTwoDatesConflict() throws {
        let found = findings(
            article("a", date: "2026-01-26", "Chiều 26/1, tại Hà Nội, Tổng Bí thư Tô Lâm đã hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            article("b", date: "2026-01-28", "Chiều 27/1, Tổng Bí thư, Chủ tịch nước Lào Thonglun Sisulith hội đàm với Tổng Bí thư Tô Lâm tại Trụ sở Trung ương Đảng."))
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.rule == "consistency.events")
        #expect(finding.severity == .warning)
        #expect(finding.key == "event.talks/Thongloun Sisoulith + Tô Lâm")
        #expect(finding.message == "Ngày của cùng một sự kiện (event.talks/Thongloun Sisoulith + Tô Lâm) không thống nhất: Chiều 26/1 (1 bài) / Chiều 27/1 (1 bài).")
        #expect(finding.locations.compactMap(\.normalized) == ["2026-01-26", "2026-01-27"])
    }

    @Test func theSameLeadersMeetingAgainIsAnotherEvent() {
        // Talks in Vientiane on 1/12, in Hanoi on 26/1, in Vientiane again on 5/2: ten days apart is another event.
        #expect(findings(
            article("a", date: "2025-12-01", "Sáng 1/12, tại Viêng Chăn, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            article("b", date: "2026-01-26", "Chiều 26/1, tại Hà Nội, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            article("c", date: "2026-02-05", "Chiều 5/2, tại Viêng Chăn, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            // A roundup published days later recalls the January talks correctly.
            article("d", date: "2026-02-06", "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith hội đàm ngày 26/1. Ảnh: TTXVN")).isEmpty)
        // Talks and a banquet on one visit are two kinds of event; so are two people meeting the same guest.
        #expect(findings(
            article("a", date: "2026-01-26", "Chiều 26/1, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            article("b", date: "2026-01-27", "Tối 26/1, Tổng Bí thư Tô Lâm chủ trì tiệc chiêu đãi Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            article("c", date: "2026-01-27", "Sáng 27/1, Chủ tịch nước Lương Cường hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith.")).isEmpty)
    }

    @Test func aVisitWithOtherDaysConflictsAndADayWithinItDoesNot() {
        let visit = article("a", date: "2026-01-05", "Thủ tướng Lào Sonexay Siphandone sẽ thăm chính thức Việt Nam từ ngày 6-7/1.")
        #expect(findings(visit, article("b", date: "2026-01-06", "Sáng 6/1, Thủ tướng Lào Sonexay Siphandone bắt đầu chuyến thăm chính thức Việt Nam.")).isEmpty)
        #expect(findings(visit, article("b", date: "2026-01-06", "Thủ tướng Lào Sonexay Siphandone thăm chính thức Việt Nam từ ngày 6-8/1."))
                .map(\.rule) == ["consistency.events"])
    }

    /// An article that recalls earlier talks of the same leaders gives two events, not two
    /// dates of one: the window applies within an article too, events being as of their own day.
    @Test func anArticleRecallingEarlierTalksOfTheSameLeadersIsNoConflict() {
        #expect(findings(article("a", date: "2026-02-05",
            "Chiều 5/2, tại Viêng Chăn, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith.\n\n"
            + "Trước đó, chiều 26/1, tại Hà Nội, Tổng Bí thư Tô Lâm đã hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith.")).isEmpty)
    }

    @Test func eventsOfUndatedArticlesAreComparedOnlyWithinTheArticle() {
        // Without an article date the year is unknown: two undated articles may be years apart.
        #expect(findings(
            article("a", date: nil, "Chiều 26/1, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith."),
            article("b", date: nil, "Chiều 27/1, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith.")).isEmpty)
    }

    @Test func aNamedEventWithAWrongDateIsAReferenceError() throws {
        let found = findings(article("a", date: "2025-12-03", "Lễ kỷ niệm 50 năm Quốc khánh Lào diễn ra trọng thể tại quảng trường That Luang sáng 1/12."))
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.rule == "reference.events")
        #expect(finding.severity == .error)
        #expect(finding.message == "Lễ kỷ niệm 50 năm Quốc khánh Lào diễn ra vào 2025-12-02, không phải sáng 1/12.")
        #expect(finding.suggestion == "2025-12-02")
    }

    @Test func aNamedEventDateThatCoversTheTablesDayAgrees() {
        // A month; one occurrence of a recurring event; a day recalled years later without its year.
        #expect(findings(
            article("a", date: "2023-10-19", "Hai bên đánh giá cao kết quả cuộc gặp cấp cao ba nước Việt Nam, Lào và Campuchia hồi tháng 9/2023."),
            article("b", date: "2025-12-02", "Cuộc gặp cấp cao hai Đảng Việt Nam - Lào diễn ra tại Viêng Chăn sáng 2/12."),
            article("c", date: "2024-02-27", "Ngày 26/2, tại Hà Nội, đã diễn ra Cuộc gặp cấp cao giữa Đảng Cộng sản Việt Nam và Đảng Nhân dân Cách mạng Lào."),
            article("d", date: "2027-05-01", "Ngày 25/10, nhiều đoàn đến dự Lễ mở ký Công ước Hà Nội."),
            article("e", date: nil, "Diễn đàn cấp cao hợp tác quốc tế Vành đai và Con đường lần thứ 3 diễn ra tại Bắc Kinh từ ngày 17-18/10.")).isEmpty)
        // An occurrence the table does not have is wrong, whatever the other occurrences.
        #expect(findings(article("a", date: "2024-02-28", "Ngày 27/2/2024, đã diễn ra Cuộc gặp cấp cao giữa Đảng Cộng sản Việt Nam và Đảng Nhân dân Cách mạng Lào."))
                .map(\.message) == ["Cuộc gặp cấp cao hai Đảng Việt Nam - Lào diễn ra vào 2024-02-26, 2025-12-02, không phải Ngày 27/2/2024."])
    }

    @Test func namedEventsAgreeWithTheirRowsAsDocumented() throws {
        let rows = try #require(shippedPack.eventTables["events"])
        let table = NamedEvents(rows: rows)
        let forum = table.occurrences(of: "Diễn đàn Vành đai và Con đường lần thứ 3")
        #expect(forum.count == 1)
        func agrees(_ text: String, published: CalendarDate? = nil) throws -> Bool {
            NamedEvents.agrees(try #require(DateValue(parsing: text, articleDate: published)), with: forum)
        }
        #expect(try agrees("18/10/2023"))
        #expect(try agrees("từ ngày 16-17/10/2023"))       // overlaps the forum's days
        #expect(try agrees("tháng 10/2023"))
        #expect(try !agrees("19/10/2023"))
        #expect(try !agrees("18/10/2024"))                  // a year written is compared
        #expect(try agrees("18/10", published: CalendarDate(year: 2030, month: 1, day: 1)))  // a year guessed is not
        #expect(try !agrees("19/10", published: CalendarDate(year: 2023, month: 10, day: 20)))
        #expect(table.occurrences(of: "lễ mở ký công ước của liên hợp quốc về chống tội phạm mạng").map(\.name) == ["Lễ mở ký Công ước Hà Nội"])
    }

    // MARK: names

    @Test func aNearMissSpellingIsAWarningWithTheCanonicalName() throws {
        let found = findings(article("a", date: "2026-02-05", "Dự án đường sắt Viêng Chăn - Vũng Ang được kỳ vọng nhiều."))
        let finding = try #require(found.first)
        #expect(finding.rule == "names.projects")
        #expect(finding.severity == .warning)
        #expect(finding.suggestion == "đường sắt Viêng Chăn - Vũng Áng")
        #expect(finding.message.contains("\"đường sắt Viêng Chăn - Vũng Ang\" có thể viết sai"))
    }

    @Test func anAcceptedAliasIsAtMostInfo() {
        let text = "Dự án đường sắt Vientiane – Vũng Áng và cao tốc Hà Nội-Viêng Chăn; đoàn tỉnh Houaphanh."
        #expect(findings(article("a", date: "2026-02-05", text)).isEmpty)
        let info = findings(article("a", date: "2026-02-05", text), includeInfo: true).filter { $0.rule.hasPrefix("names.") }
        #expect(info.map(\.message) == [
            "\"đường sắt Vientiane - Vũng Áng\" là tên gọi khác của \"đường sắt Viêng Chăn - Vũng Áng\".",
            "\"Houaphanh\" là tên gọi khác của \"Hủa Phăn\".",
        ])
    }

    @Test func gazetteerLookupCoversDiacriticsAndOneEdit() {
        let places = shippedPack.gazetteers["places"]!
        #expect(places.lookup("Hủa Phăn") == .canonical)
        #expect(places.lookup("Vientiane") == .alias(of: "Viêng Chăn"))
        #expect(places.lookup("Hua Phăn") == .nearMiss(of: "Hủa Phăn", known: "Hủa Phăn"))
        #expect(places.lookup("Savanakhet") == .nearMiss(of: "Savannakhet", known: "Savannakhet"))
        #expect(places.lookup("Thanh Hóa") == .unknown)
    }

    @Test func standardRomanizationsAndSyllableSplitsAreAcceptedSpellings() {
        let places = shippedPack.gazetteers["places"]!
        #expect(places.lookup("Bôlykhămxay") == .canonical)
        #expect(places.lookup("Bô Ly Khăm Xay") == .canonical)         // the same letters, split into syllables
        #expect(places.lookup("Bô-ly-khăm-xay") == .canonical)
        #expect(places.lookup("Bo Ly Khăm Xay") == .alias(of: "Bôlykhămxay"))
        #expect(places.lookup("Khăm Muộn") == .canonical)
        #expect(places.lookup("Khammuan") == .alias(of: "Khăm Muộn"))
        #expect(places.lookup("Xay Sổm Bun") == .canonical)
        #expect(places.lookup("Xaisomboun") == .alias(of: "Xay Sổm Bun"))
        #expect(places.lookup("Luangprabang") == .alias(of: "Luông Pha Bang"))
    }

    // MARK: reference

    @Test func aPastOfficeHolderWithTheCurrentTitleIsAnError() throws {
        let found = findings(article("a", date: "2025-03-10", "Lãnh đạo tỉnh nhắc lại chỉ đạo của Tổng Bí thư Nguyễn Phú Trọng."))
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.rule == "reference.officials")
        #expect(finding.severity == .error)
        #expect(finding.message == "Vào ngày 2025-03-10, Nguyễn Phú Trọng không giữ chức Tổng Bí thư (nhiệm kỳ: 2011-01-19 – 2024-07-19); người giữ chức khi đó: Tô Lâm.")
    }

    @Test func theSameNameWithinTheTenureIsFine() {
        #expect(findings(article("a", date: "2024-02-26", "Tổng Bí thư Nguyễn Phú Trọng chủ trì cuộc gặp.")).isEmpty)
        #expect(findings(article("a", date: "2025-03-10", "Bài viết của cố Tổng Bí thư Nguyễn Phú Trọng được in lại.")).isEmpty)
    }

    @Test func withoutADateATitleCannotBeVerifiedAndIsOnlyInfo() throws {
        let found = findings(article("a", date: nil, "Sáng 19/10, Chủ tịch nước Võ Văn Thưởng tiếp khách."), includeInfo: true)
        #expect(found.map(\.severity) == [.info])
        #expect(found.first?.message == "Không kiểm chứng được chức danh Chủ tịch nước của Võ Văn Thưởng: bài không có ngày đăng.")
    }

    @Test func aTitleNeverHeldIsAnError() {
        #expect(findings(article("a", date: "2025-06-01", "Thủ tướng Tô Lâm phát biểu.")).map(\.rule) == ["reference.officials"])
    }

    @Test func anotherTransliterationOfALaoNameIsTheSamePerson() {
        let text = "Chủ tịch nước Lào Thonglun Sisulith tiếp đoàn. Tổng bí thư - Chủ tịch nước Thoongloun Sisulith phát biểu."
        #expect(findings(article("a", date: "2025-03-10", text), includeInfo: true).isEmpty)
        // Still the same person when the title is wrong for the date.
        #expect(findings(article("a", date: "2025-03-10", "Thủ tướng Lào Thonglun Sisulith phát biểu.")).map(\.message)
                == ["Vào ngày 2025-03-10, Thonglun Sisulith không giữ chức Thủ tướng (nhiệm kỳ: 2016-04-20 – 2021-03-22); người giữ chức khi đó: Sonexay Siphandone."])
    }

    @Test func aLeadersMisspelledNameIsAWarningWithTheTablesName() throws {
        let found = findings(article("a", date: "2025-03-10", "Thủ tướng Phạm Minh Chín chủ trì phiên họp."))
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.suggestion == "Phạm Minh Chính")
        #expect(finding.message == "Tên \"Phạm Minh Chín\" (Thủ tướng) có thể viết sai; tên trong bảng tra cứu: \"Phạm Minh Chính\".")
        // A Lao name one letter off in each word, after folding its transliteration.
        #expect(findings(article("a", date: nil, "Tổng Bí thư, Chủ tịch nước Lào Thounglun Sisolith đến Hà Nội.")).map(\.suggestion)
                == ["Thongloun Sisoulith"])
    }

    @Test func aNameNotInTheTableIsOnlyInfo() throws {
        #expect(findings(article("a", date: "2025-03-10", "Chủ tịch nước Nguyễn Văn A dự lễ.")).isEmpty)
        let found = findings(article("a", date: "2025-03-10", "Chủ tịch nước Nguyễn Văn A dự lễ."), includeInfo: true)
        #expect(found.map(\.message) == ["\"Nguyễn Văn A\" (Chủ tịch nước) không có trong bảng tra cứu người giữ chức; không kiểm chứng được."])
    }

    @Test func formerLeadersAreKnownAndTheirFormerTitlesAreNotDated() {
        #expect(findings(article("a", date: "2025-03-10", "Đoàn thăm gia đình nguyên Chủ tịch nước Trần Đại Quang."), includeInfo: true).isEmpty)
        #expect(findings(article("a", date: "2016-05-01", "Chủ tịch nước Trần Đại Quang và Chủ tịch nước Lào Bounnhang Volachith hội đàm."),
                         includeInfo: true).isEmpty)
        // Without "nguyên", a past title is dated like any other.
        #expect(findings(article("a", date: "2025-03-10", "Chủ tịch nước Trương Tấn Sang phát biểu.")).map(\.rule) == ["reference.officials"])
    }

    @Test func anArticleOf2026NamingTheHoldersOfTheDayVerifies() {
        let text = """
            Sáng 6/2/2026, Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith tại Viêng Chăn.

            Ở Hà Nội, Chủ tịch nước Lương Cường, Thủ tướng Phạm Minh Chính và Chủ tịch Quốc hội Trần Thanh Mẫn gửi điện chúc mừng \
            Chủ tịch Quốc hội Lào Saysomphone Phomvihane.
            """
        #expect(findings(article("a", date: "2026-02-06", text), includeInfo: true).isEmpty)
        // The day the new National Assembly elected him, Tô Lâm holds both titles.
        #expect(findings(article("b", date: "2026-04-07", "Tổng Bí thư, Chủ tịch nước Tô Lâm tuyên thệ nhậm chức."), includeInfo: true).isEmpty)
    }

    @Test func aWrongTitleIn2026IsAnErrorNamingTheHolder() {
        #expect(findings(article("a", date: "2026-02-06", "Chủ tịch nước Tô Lâm tiếp đoàn đại biểu Lào.")).map(\.message) == [
            "Vào ngày 2026-02-06, Tô Lâm không giữ chức Chủ tịch nước (nhiệm kỳ: 2024-05-22 – 2024-10-21, 2026-04-07 – nay); "
                + "người giữ chức khi đó: Lương Cường.",
        ])
    }

    @Test func anArticleDatedPastTheTablesResearchCannotBeVerifiedAndIsOnlyInfo() {
        let found = findings(article("a", date: "2026-11-20", "Thủ tướng Phạm Minh Chính phát biểu."), includeInfo: true)
        #expect(found.map(\.severity) == [.info])
        #expect(found.map(\.message) == ["Không kiểm chứng được chức danh Thủ tướng của Phạm Minh Chính: bảng tra cứu chỉ được cập nhật đến 2026-04-05."])
    }

    @Test func officeHoldersMatchSpellingsAsDocumented() {
        let holders = OfficeHolders(terms: shippedPack.tables["offices"]!)
        #expect(holders.match("Thongloun Sisoulith") == .known("Thongloun Sisoulith"))
        #expect(holders.match("Thoong-lun Xi-xu-lít") == .known("Thongloun Sisoulith"))    // an alias from the research
        #expect(holders.match("Bun-nhăng Vo-la-chít") == .known("Bounnhang Vorachith"))
        #expect(holders.match("Thongluon Sinsoulith") == .nearMiss("Thongloun Sisoulith"))
        #expect(holders.match("Saysomhone Phomvihane") == .nearMiss("Saysomphone Phomvihane"))
        // Vietnamese names have one spelling: diacritics matter.
        #expect(holders.match("Nguyen Phu Trong") == .nearMiss("Nguyễn Phú Trọng"))
        #expect(holders.match("Lê Minh Hưng") == .unknown)
    }

    // MARK: sanity

    @Test func impossibleDatesWrongWeekdaysAndWrongChangesAreErrors() {
        let found = findings(article("a", date: "2026-02-01", """
            Hội nghị họp ngày 31/2 tại Viêng Chăn.

            Đoàn đến vào thứ Ba, 26/1/2026.

            Kim ngạch với Lào tăng từ 2 tỷ USD lên 3 tỷ USD, tương đương 40%.

            Kim ngạch với Lào tăng từ 2 tỷ USD lên 2,25 tỷ USD, tương đương 20%.
            """))
        #expect(found.map(\.message) == [
            "Ngày 31/2 không tồn tại.",
            "Ngày 26/1/2026 là thứ Hai, không phải thứ Ba.",
            "Thay đổi từ 2 tỷ USD lên 3 tỷ USD là 50%, không phải 40%.",
            "Thay đổi từ 2 tỷ USD lên 2,25 tỷ USD là 12,5%, không phải 20%.",
        ])
    }

    @Test func aWrongEventDateIsReportedOnceThoughTwoRulesReadIt() {
        let found = findings(article("a", date: "2026-02-01", """
            Chiều thứ Hai (27/1/2026), hai Thủ tướng hội đàm tại Hà Nội.

            Ngày 30/2, hai bên ký kết Bản ghi nhớ về hợp tác giáo dục.
            """))
        #expect(found.map(\.message).sorted() == ["Ngày 27/1/2026 là thứ Ba, không phải thứ Hai.", "Ngày 30/2 không tồn tại."])
    }

    @Test func consistentDatesAndChangesPass() {
        #expect(findings(article("a", date: "2026-02-01", """
            Hội nghị họp ngày 28/2 tại Viêng Chăn. Đoàn đến vào thứ Hai, 26/1/2026.

            Kim ngạch với Lào tăng từ 2 tỷ USD lên 3 tỷ USD, tương đương 50%.
            """)).isEmpty)
    }

    // MARK: the corpus as a whole

    @Test func theSeedArticlesAgree() throws {
        guard FileManager.default.fileExists(atPath: seedsDirectory) else { return }
        let report = reportWithFacts([seedsDirectory])
        #expect(report.errors.isEmpty)
        // One real slip in a published article: ten months of 2025 compared with the whole of 2024
        // (.ci/seeds-baseline.json accepts it, so that CI fails on any other).
        #expect(report.findings.filter { $0.severity != .info }.map(\.message)
                == ["Con số \"tăng 50,4%\" của 10 tháng đầu năm 2025 được so với năm 2024: hai kỳ có độ dài khác nhau."])
        // Doc 003's near-term 5 tỷ USD beside its 10 tỷ USD are tiers of one target, not a conflict.
        #expect(Set(try #require(report.facts).filter { $0.key == "trade.turnover.target/Lào" }.map(\.value)) == ["5 tỷ USD", "10 tỷ USD"])
    }

    @Test func theExamplesShowExactlyThePlantedInconsistencies() throws {
        let report = CheckRun.run(paths: [packageRoot + "/examples"], pack: shippedPack)
        let serious = report.findings.filter { $0.severity != .info }
        #expect(serious.map(\.rule).sorted() == ["consistency.trade-target", "names.projects", "reference.officials"])
        #expect(try schemaProblems(in: report.json()) == nil)
    }

    @Test func fingerprintsSurviveMovedLines() throws {
        let text = "Lào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD."
        let before = findings(article("a", date: "2026-01-26", "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD."),
                              article("b", date: "2025-10-01", text))
        let after = findings(article("a", date: "2026-01-26", "Mở đầu.\n\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD."),
                             article("b", date: "2025-10-01", "\n\n\n" + text))
        #expect(before.map(\.fingerprint) == after.map(\.fingerprint))
        #expect(before.first?.locations.first?.location.line != after.first?.locations.first?.location.line)
    }
}

@Suite struct CheckLoaderTests {
    @Test func checkConfigurationErrorsNameTheirLine() {
        let base = """
            checks:
              - id: c
                kind: consistency
                description: test
                facts: [x]
                severity: error

            """
        #expect(pack(base + "    message: 'sai: {value}'").errors.first?.message
                .contains("uses '{value}', which this check does not fill; it fills: {key}, {values}, {period}") == true)
        #expect(pack(base.replacingOccurrences(of: "consistency", with: "similarity") + "    message: x").errors.first?.message
                .contains("'kind' must be one of consistency, names, reference, sanity") == true)
        #expect(pack(base.replacingOccurrences(of: "consistency", with: "names") + "    message: x\n    gazetteer: nope").errors.first?.line == 8)
        #expect(pack(base + "    message: x\n    scope: world").errors.first?.message.contains("must be document or corpus") == true)
    }

    @Test func namedEventRowsNeedOneDayOrAFromAndATo() {
        func error(_ row: String) -> String? {
            pack("references:\n  events:\n    - {name: Lễ A, \(row), source: x}\n").errors.first?.message
        }
        #expect(error("date: 2025-10-25") == nil)
        #expect(error("from: 2023-10-17, to: 2023-10-18") == nil)
        #expect(error("from: 2023-10-17")?.contains("needs 'to'") == true)
        #expect(error("date: 2025-10-25, from: 2025-10-25")?.contains("give 'date' for one day, or 'from' and 'to'") == true)
        #expect(error("from: 2023-10-18, to: 2023-10-17")?.contains("'to' is before 'from'") == true)
    }

    @Test func eventRuleErrorsNameTheirLine() throws {
        let rule = """
            events:
              - id: event.t
                description: test
                dates: [meeting.date]
                participants:
                  - {facts: ['official/*'], table: nope}
                examples:
                  - {text: 'x', facts: [{key: k, value: v}]}
                counterexamples: ['y']

            """
        let loaded = pack(rule)
        #expect(loaded.errors.first?.line == 6)
        #expect(loaded.errors.first?.message.contains("'table' names 'nope', which is not an office table") == true)
        // The unknown key and what its typo left missing, both.
        let typo = pack(rule.replacingOccurrences(of: "dates: [meeting.date]", with: "date: [meeting.date]")).errors.map(\.message)
        #expect(typo.count == 2)
        #expect(typo.first?.contains("needs 'dates'") == true && typo.last?.contains("unknown key 'date'") == true, "\(typo)")
    }

    @Test func officeRowsNeedAnEndOrAKnownUntilDate() {
        let loaded = pack("references:\n  offices:\n    - {name: A, title: Thủ tướng, country: Lào, from: 2021-01-01, source: x}\n")
        #expect(loaded.errors.first?.message.contains("give 'to', or 'known_until' for a term still open") == true)
    }
}

@Suite struct CheckPlanTests {
    /// Articles of our own, several to a JSON Lines file and some alone, that agree and disagree
    /// on figures, misspell a name, date an event wrongly, and carry suppressions.
    private static func corpus() -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        var lines: [String] = []
        for index in 0..<12 {
            // Some of the articles alone carry suppressions, of a check across articles and of one
            // that looks at each alone.
            let directives = index % 2 == 1 && index % 3 == 0
            let text = "Kim ngạch thương mại Việt Nam - Lào năm 2024 đạt \(index % 3 + 2),\(index % 10) tỷ USD, tăng \(index % 40 + 1)% so với năm 2023.\n\n"
                + (directives ? "<!-- factcheck-disable-next-line consistency.trade-target -->\n" : "")
                + "Hai bên phấn đấu đưa kim ngạch thương mại song phương lên \(index % 4 == 0 ? 5 : 10) tỷ USD.\n\n"
                + (directives ? "<!-- factcheck-disable-next-line sanity.figures -->\n" : "")
                + "Kim ngạch thương mại Việt Nam - Lào 10 tháng năm 2025 đạt 2,\(index % 10) tỷ USD, tăng \(index + 10)% so với năm 2024.\n\n"
                + "Đoàn đại biểu tỉnh \(index % 5 == 0 ? "Hủa Phăn" : "Houaphanh") thăm tỉnh Thanh Hóa ngày \(index % 27 + 1)/\(index % 12 + 1)/2025."
            if index % 2 == 0 {
                let escaped = text.replacingOccurrences(of: "\n", with: "\\n")
                lines.append("{\"id\": \"line-\(index)\", \"date\": \"2025-\(index % 12 + 1)-10\", \"text\": \"\(escaped)\"}")
            } else {
                directory.write("alone-\(index).md", "---\nid: alone-\(index)\ndate: 2025-\(index % 12 + 1)-10\n---\n" + text + "\n")
            }
        }
        directory.write("export.jsonl", lines.joined(separator: "\n") + "\n")
        return directory
    }

    /// A check that looks at one document at a time runs on each file as it is read; what it
    /// finds must be what running every check on the whole corpus at once finds.
    @Test func checkingFileByFileFindsWhatCheckingTheCorpusAtOnceFinds() throws {
        let generated = Self.corpus()
        var paths = [packageRoot + "/examples", generated.path]
        if FileManager.default.fileExists(atPath: seedsDirectory) { paths.append(seedsDirectory) }
        let result = CheckRun.run(paths: paths, pack: shippedPack, jobs: 2, triage: TriageOptions(), reportFacts: true)
        let facts = try #require(result.report.facts)
        let suppressions = CorpusLoader.load(paths: paths).documents.flatMap(\.suppressions)
        let scoped = ScopedSuppressions(suppressions)
        let outcomes = shippedPack.checks.map { scoped.findings(of: $0, in: FactIndex(facts)) }
        let atOnce = TriageOptions().apply(to: outcomes.flatMap(\.findings), suppressions: suppressions, outcomes: outcomes)
        #expect(result.allFindings.count > 20)
        #expect(result.allFindings.map(\.fingerprint) == atOnce.findings.map(\.fingerprint))
        let identical = result.allFindings == atOnce.findings
        #expect(identical, "the same findings, but their evidence differs")
        #expect(result.report.triage == atOnce.triage)
        #expect(Set(result.report.triage.suppressedFacts.map(\.check)) == ["consistency.trade-target", "sanity.figures"])
    }

    @Test func keyPatternsMatchAsWrittenInChecks() {
        let target = KeyPattern("trade.turnover.target*")
        #expect(target.matches("trade.turnover.target/Lào") && target.matches("trade.turnover.target"))
        #expect(!target.matches("trade.turnover/Lào"))
        let middle = KeyPattern("trade.*.growth/*")
        #expect(middle.matches("trade.turnover.growth/Lào") && !middle.matches("trade.turnover/Lào"))
        // The pieces may not overlap: "a*a" needs two a's.
        #expect(!KeyPattern("a*a").matches("a") && KeyPattern("a*a").matches("aa"))
        #expect(KeyPattern("*").matches("") && KeyPattern("event.date/*Hà Nội*").matches("event.date/Lễ mở ký Công ước Hà Nội"))
        // Without a star, the key itself, whichever normal form the YAML used.
        #expect(KeyPattern("official/Lào".decomposedStringWithCanonicalMapping).matches("official/Lào"))
        #expect(!KeyPattern("official").matches("official/Lào"))
    }

    /// What lets a check run file by file: each of its findings stays in one document.
    @Test func aCheckThatStaysInOneDocumentPartitionsByDocument() throws {
        let facts = try #require(reportWithFacts([packageRoot + "/examples", Self.corpus().path]).facts)
        for check in shippedPack.checks where !check.crossesDocuments {
            for fact in facts {
                #expect(check.partition(of: fact) == .document(fact.document), "\(check.id): \(fact.key)")
            }
        }
        #expect(shippedPack.checks.contains { $0.crossesDocuments } && shippedPack.checks.contains { !$0.crossesDocuments })
    }
}
