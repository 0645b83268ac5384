import Foundation
import Testing
@testable import FactCheck

private func money(_ text: String) -> Money? { try? Money(parsing: text) }
private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

@Suite struct MoneyTests {
    @Test(arguments: [
        ("10 tỷ USD", "10000000000", "USD", Qualifier.exact),
        ("10.000 triệu USD", "10000000000", "USD", .exact),       // dot thousands
        ("5,8 tỷ USD", "5800000000", "USD", .exact),              // decimal comma
        ("gần 2,5 tỷ USD", "2500000000", "USD", .justUnder),
        ("hơn 5,8 tỷ USD", "5800000000", "USD", .over),
        ("trên 100 triệu đồng", "100000000", "VND", .over),
        ("dưới 1 tỷ VNĐ", "1000000000", "VND", .under),
        ("khoảng 1.700 triệu USD", "1700000000", "USD", .about),
        ("xấp xỉ 3 tỷ đô la Mỹ", "3000000000", "USD", .about),
        ("1.000 tỷ đồng", "1000000000000", "VND", .exact),
        ("1 nghìn tỷ đồng", "1000000000000", "VND", .exact),
        ("2 ngàn tỉ ₫", "2000000000000", "VND", .exact),
        ("500 nghìn kíp", "500000", "LAK", .exact),
        ("12,5 triệu LAK", "12500000", "LAK", .exact),
        ("300 ₭", "300", "LAK", .exact),
    ])
    func parses(text: String, amount: String, currency: String, qualifier: Qualifier) throws {
        let value = try #require(money(text))
        #expect(value.amount == decimal(amount))
        #expect(value.currency == currency)
        #expect(value.qualifier == qualifier)
    }

    /// The forms that used to give a confident wrong value.
    @Test func formsThatUsedToBeReadWrong() throws {
        func reads(_ text: String) throws -> String { FactValue.money(try #require(money(text))).display }
        #expect(try reads("1 tỷ 200 triệu đồng") == "1.200.000.000 VND")
        #expect(try reads("2-3 tỷ USD") == "2.000.000.000–3.000.000.000 USD")
        #expect(try reads("từ 2 đến 3 tỷ USD") == "2.000.000.000–3.000.000.000 USD")
        #expect(try reads("giữa 1.000 và 2.000 đồng") == "1.000–2.000 VND")
        #expect(try reads("không dưới 1 tỷ USD") == "ít nhất 1.000.000.000 USD")
        #expect(try reads("không hơn 7.000 đồng") == "tối đa 7.000 VND")
        #expect(try reads("không cao hơn 7.000 đồng") == "tối đa 7.000 VND")
        #expect(try reads("không quá 7.000 đồng") == "tối đa 7.000 VND")
        #expect(try reads("hai tỷ rưỡi đồng") == "2.500.000.000 VND")
        let people = try #require(try Count(parsing: "1,2 triệu người"))
        #expect((people.value, people.noun) == (1_200_000, "người"))
        #expect(try #require(DateValue(parsing: "ngày 3 tháng 3 năm 2017", articleDate: nil)).display == "2017-03-03")
        #expect(try #require(DateValue(parsing: "tháng 10 năm 2025", articleDate: nil)).display == "2025-10")
    }

    @Test func numbersOutsideTheRangeAndAmbiguousNumbersAreProblemsNotValues() {
        #expect(throws: ValueProblem.outOfRange(String(repeating: "9", count: 25))) {
            try Money(parsing: String(repeating: "9", count: 25) + " USD")
        }
        #expect(throws: ValueProblem.self) { try Money(parsing: "gần 9.999.999.999 nghìn tỷ USD") }  // 10^22
        #expect(throws: ValueProblem.ambiguous("150,000")) { try Money(parsing: "150,000 USD") }
        #expect((try? Money(parsing: "1,687 tỷ USD"))??.amount == 1_687_000_000)  // a decimal comma before a scale word
        #expect((try? Money(parsing: "999 nghìn tỷ USD")) != nil)
    }

    @Test(arguments: ["10 tỷ", "USD", "1.00 USD", "1,2,3 USD", "10 tỷ USD nữa", "tỷ USD", "1..000 USD"])
    func rejects(text: String) {
        #expect(money(text) == nil)
    }

    @Test func amountsAreExactDecimals() throws {
        // 0.1 + 0.2 style errors would show here with binary floating point.
        let a = try #require(money("0,1 tỷ USD")), b = try #require(money("0,2 tỷ USD")), c = try #require(money("0,3 tỷ USD"))
        #expect(a.amount + b.amount == c.amount)
        let value = FactValue.money(try #require(money("5,8 tỷ USD")))
        var sink = ByteSink()
        JSONWriter.write(into: &sink) { value.write(to: &$0) }
        #expect(String(decoding: sink.buffer, as: UTF8.self).contains(#""amount": "5800000000""#))
        #expect(try JSONDecoder().decode(FactValue.self, from: Data(sink.buffer)) == value)
    }

    @Test func qualifiersAreBounds() throws {
        let compatible: [(String, String)] = [
            ("10 tỷ USD", "10.000 triệu USD"), ("gần 2,5 tỷ USD", "2,48 tỷ USD"), ("hơn 5,8 tỷ USD", "5,9 tỷ USD"),
            ("khoảng 2 tỷ USD", "2,1 tỷ USD"), ("dưới 1 tỷ USD", "900 triệu USD"),
        ]
        for (a, b) in compatible {
            #expect(try #require(money(a)).isCompatible(with: try #require(money(b)), tolerance: 0), "\(a) ~ \(b)")
        }
        let conflicting: [(String, String)] = [
            ("10 tỷ USD", "15 tỷ USD"), ("gần 2,5 tỷ USD", "2,6 tỷ USD"), ("hơn 5,8 tỷ USD", "5 tỷ USD"), ("10 tỷ USD", "10 tỷ đồng"),
        ]
        for (a, b) in conflicting {
            #expect(!(try #require(money(a)).isCompatible(with: try #require(money(b)), tolerance: 0)), "\(a) ≁ \(b)")
        }
        #expect(try #require(money("10 tỷ USD")).isCompatible(with: try #require(money("10,1 tỷ USD")), tolerance: decimal("0.02")))
    }

    /// Readers see numbers as Vietnamese editors write them; fingerprints keep the form
    /// baselines were recorded with, so a baseline written before still hides its findings.
    @Test func readersSeeVietnameseNumbersAndFingerprintsKeepTheirForm() throws {
        let cases: [(FactValue, reader: String, fingerprint: String)] = [
            (.money(try #require(money("10 tỷ USD"))), "10.000.000.000 USD", "10,000,000,000 USD"),
            (.money(try #require(money("gần 2,5 tỷ USD"))), "gần 2.500.000.000 USD", "just under 2,500,000,000 USD"),
            (.money(try #require(money("khoảng 1,25 triệu đồng"))), "khoảng 1.250.000 VND", "about 1,250,000 VND"),
            (.count(try #require(try Count(parsing: "hơn 1.500 doanh nghiệp"))), "ít nhất 1.500 doanh nghiệp", "over 1500 doanh nghiệp"),
            (.count(try #require(try Count(parsing: "1,2 triệu người"))), "1.200.000 người", "1200000 người"),
            (.percent(try #require(try Percent(parsing: "4,5%"))), "4,5%", "4.5%"),
            (.percent(try #require(try Percent(parsing: "giảm 6,25%"))), "-6,25%", "-6.25%"),
            (.percent(try #require(try Percent(parsing: "1,5 điểm phần trăm"))), "1,5 điểm %", "1.5 pp"),
            (.percent(try #require(try Percent(parsing: "dưới 10-15%"))), "tối đa 10–15%", "under 10–15%"),
        ]
        for (value, reader, fingerprint) in cases {
            #expect(value.display == reader)
            #expect(value.fingerprint == fingerprint)
        }
    }
}

@Suite struct QuantityTests {
    @Test func countsAndPercentages() throws {
        let count = try #require(try Count(parsing: "274 dự án"))
        #expect((count.value, count.noun) == (274, "dự án"))
        #expect(try #require(try Count(parsing: "hơn 1.000 doanh nghiệp")).value == 1000)
        #expect(!count.isCompatible(with: try #require(try Count(parsing: "280 dự án")), tolerance: 0))
        #expect(!count.isCompatible(with: try #require(try Count(parsing: "274 doanh nghiệp")), tolerance: 0))
        #expect(try #require(try Percent(parsing: "50,4%")).value == decimal("50.4"))
        #expect(try #require(try Percent(parsing: "12 %")).value == 12)
        #expect(try Percent(parsing: "50,4") == nil)
    }
}

@Suite struct DateValueTests {
    private let published = CalendarDate(year: 2025, month: 12, day: 1)

    private func date(_ text: String, published: CalendarDate? = nil, sentence: String = "") -> DateValue? {
        DateValue(parsing: text, articleDate: published, sentence: sentence)
    }

    @Test func shapes() throws {
        #expect(try #require(date("26/02/2024")).display == "2024-02-26")
        #expect(try #require(date("25.10.2025")).display == "2025-10-25")
        #expect(try #require(date("25-10-2025")).display == "2025-10-25")
        #expect(try #require(date("9/2023")).display == "2023-09")
        #expect(try #require(date("năm 2025")).display == "2025")
        #expect(try #require(date("2026-2030")).display == "2026–2030")
        #expect(try #require(date("10 tháng đầu năm 2025")).display == "2025-01…2025-10")
        #expect(try #require(date("quý I/2025")).display == "2025-01…2025-03")
        #expect(date("59/2020") == nil)
        #expect(try #require(date("6.12")).display == "????-12-06")  // the rule decides it is a date
        #expect(date("32/1") == nil)
    }

    @Test func aMissingYearComesFromTheArticleDate() throws {
        let plain = try #require(date("19/10", published: published))
        #expect((plain.year, plain.yearSource) == (2025, .article))
        // Tense cues move the year only when the date would otherwise be on the wrong side.
        #expect(try #require(date("20/12", published: published, sentence: "Ngày 20/12, đoàn đã sang thăm.")).year == 2024)
        #expect(try #require(date("20/1", published: published, sentence: "Ngày 20/1 đoàn sẽ sang thăm.")).year == 2026)
        #expect(try #require(date("20/11", published: published, sentence: "Ngày 20/11 đoàn sẽ sang thăm.")).year == 2026)
        #expect(try #require(date("20/11", published: published, sentence: "Ngày 20/11 đoàn đã sang thăm.")).year == 2025)
        // No article date: the year is unknown, not guessed.
        let unknown = try #require(date("19/10"))
        #expect((unknown.year, unknown.yearSource) == (nil, .unknown))
        #expect(unknown.display == "????-10-19")
    }

    @Test func relativeDays() throws {
        #expect(try #require(date("hôm nay", published: published)).calendarDate == published)
        #expect(try #require(date("hôm qua", published: published)).calendarDate == CalendarDate(year: 2025, month: 11, day: 30))
        #expect(try #require(date("hôm qua")).yearSource == .unknown)  // a day, but not which one
    }

    @Test func compatibilityAndValidity() throws {
        let full = try #require(date("25/10/2025")), bare = try #require(date("25/10", published: CalendarDate(year: 2025, month: 10, day: 26)))
        #expect(full.isCompatible(with: bare))
        #expect(full.isCompatible(with: try #require(date("25/10"))))  // unknown year matches any
        #expect(!full.isCompatible(with: try #require(date("26/10/2025"))))
        #expect(!(try #require(date("31/2"))).isValid)
        #expect(!(try #require(date("29/2/2025"))).isValid)
        #expect(try #require(date("29/2/2024")).isValid)
        #expect(CalendarDate(year: 2026, month: 1, day: 26)!.weekday == 1)  // a Monday
    }

    @Test func dateRulesSkipLawNumbersAndReadRangesWhole() {
        #expect(facts(in: "Theo Luật số 59/2020/QH14, ngày 1/7 luật có hiệu lực.", pack: shippedPack) == ["date.day = 1/7"])
        #expect(facts(in: "Thỏa thuận giai đoạn 2026 -2030.", pack: shippedPack) == ["date.period = 2026-2030"])
    }
}
