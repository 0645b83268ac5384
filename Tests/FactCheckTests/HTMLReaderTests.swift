import Foundation
import Testing
@testable import FactCheck

/// Line and column (counting Unicode scalars) where `needle` first occurs in `file` after
/// `after`: what an editor shows for the place a fact should be reported at.
func position(of needle: String, in file: String, after: String? = nil) -> (line: Int, column: Int) {
    let bytes = Array(file.utf8)
    var from = 0
    if let after, let anchor = find(Array(after.utf8), in: bytes, from: 0) { from = anchor + after.utf8.count }
    let offset = find(Array(needle.utf8), in: bytes, from: from)!
    let before = bytes[..<offset]
    let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
    return (before.filter { $0 == 0x0A }.count + 1, bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1)
}

private func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard needle.count <= bytes.count else { return nil }
    return (from...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }
}

/// A newsroom CMS export: site chrome around an article, a script and a style that mention
/// figures, references, a figure with its caption, a comment.
let cmsExport = """
<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Thương mại Việt Nam &ndash; Lào: năm 2024 khởi sắc | Báo Mẫu</title>
  <meta name="date" content="2025-03-12">
  <meta name="id" content="cms-2025-03-12-thuong-mai">
  <meta property="article:published_time" content="2020-01-01T00:00:00+07:00">
  <link rel="canonical" href="https://example.org/kinh-te/thuong-mai-viet-lao">
  <script>window.tin = "<p>kim ngạch thương mại đạt 9 tỷ USD</p>"; if (a < b && c) {}</script>
  <style>p > .so { content: "đạt 8 tỷ USD"; }</style>
</head>
<body>
<header class="site"><nav><a href="/">Trang chủ</a> · <a href="/kt">Kim ngạch thương mại đạt 7 tỷ USD</a></nav></header>
<article class="detail">
  <h1>Kim ngạch Việt&nbsp;Nam &amp; Lào lập kỷ lục</h1>
  <p class="sapo">Viêng Chăn &ndash; Theo số liệu vừa công bố, kim ngạch thương mại đạt 2,5 tỷ USD năm 2024,
     tăng 12% so với năm trước.</p>
  <p>Trong 10 th&#225;ng đầu năm 2025, kim ngạch thương mại song phương đạt
     gần 2,3 t&#7927; USD.</p>
  <figure>
    <img src="/anh/hoi-dam.jpg" alt="Hai bên phấn đấu đạt kim ngạch thương mại 10 tỷ USD">
    <figcaption>Hai bên phấn đấu đạt kim ngạch thương mại 10 tỷ USD</figcaption>
  </figure>
  <!-- <p>Bản nháp: kim ngạch thương mại đạt 99 tỷ USD</p> -->
  <ul><li>Việt Nam có 274 dự án đầu tư tại Lào</li></ul>
  <p>Hai bên nhắc lại chỉ đạo của Tổng Bí thư Nguyễn Phú Trọng.</p>
</article>
<aside><h3>Tin liên quan</h3><p>Kim ngạch thương mại đạt 6 tỷ USD</p></aside>
<footer class="site">© 2025 Báo Mẫu · Kim ngạch thương mại đạt 5 tỷ USD</footer>
</body>
</html>

"""

/// The report of `check` over `paths` with every fact, through the command line.
private func checkReport(_ directory: TemporaryDirectory, _ paths: [String], formats: String = "json,sarif") throws -> (ProcessResult, [String: Any], [String: Any]) {
    try FileManager.default.copyItem(atPath: packageRoot + "/rules", toPath: directory.path + "/rules")
    let result = try run(factcheckBinary, ["check"] + paths + ["--report-facts", "--format", formats, "--fail-on", "none"], in: directory.path)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path + "/reports/report.json"))) as! [String: Any]
    let sarifPath = directory.path + "/reports/report.sarif"
    let sarif = formats.contains("sarif") ? try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarifPath))) as! [String: Any] : [:]
    return (result, json, sarif)
}

private func facts(_ report: [String: Any]) -> [[String: Any]] {
    report["facts"] as? [[String: Any]] ?? []
}

private func location(_ fact: [String: Any]) -> (line: Int, column: Int, text: String) {
    let location = fact["location"] as! [String: Any]
    return (location["line"] as! Int, location["column"] as! Int, location["text"] as! String)
}

/// The document read from `html` (as `name`) and the facts the shipped pack finds in it.
private func read(_ html: String, name: String = "tin.html") -> (documents: [Document], errors: [CorpusError], facts: [Fact]) {
    var corpus = Corpus()
    CorpusLoader.decode(Array(html.utf8), path: name, into: &corpus)
    let extractor = Extractor(pack: shippedPack)
    let facts = corpus.documents.flatMap { extractor.extract($0, matcher: .init()).facts }
    return (corpus.documents, corpus.errors, facts)
}

@Suite struct HTMLReaderTests {
    @Test func aCMSExportGivesTheArticlesFactsAtTheirPlaceInTheHTMLFile() throws {
        let directory = TemporaryDirectory()
        directory.write("tin/thuong-mai.html", cmsExport)
        let (result, report, sarif) = try checkReport(directory, ["tin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((report["errors"] as? [Any])?.isEmpty == true, "\(report["errors"] ?? "")")
        let all = facts(report)
        let trade = all.filter { ($0["key"] as? String)?.hasPrefix("trade.turnover") == true }
            .sorted { (location($0).line, location($0).column) < (location($1).line, location($1).column) }
        // The article's three figures, and nothing from the script, style, menu, comment, sidebar or footer.
        #expect(trade.map { $0["value"] as! String } == ["2,5 tỷ USD", "gần 2,3 tỷ USD", "10 tỷ USD"])
        let first = location(trade[0])
        #expect(first.text == "kim ngạch thương mại đạt 2,5 tỷ USD")
        #expect((first.line, first.column) == position(of: "kim ngạch thương mại đạt 2,5", in: cmsExport))
        // A fact across a line break and two character references: from where it starts in the
        // file to where it ends, quoted decoded.
        let second = trade[1]["location"] as! [String: Any]
        let start = position(of: "Trong 10 th&#225;ng", in: cmsExport)
        #expect((second["line"] as! Int, second["column"] as! Int) == start)
        #expect(second["end_line"] as? Int == start.line + 1)
        #expect(second["end_column"] as? Int == position(of: " USD.</p>", in: cmsExport).column + 4)
        #expect(second["text"] as? String == "Trong 10 tháng đầu năm 2025, kim ngạch thương mại song phương đạt gần 2,3 tỷ USD")
        #expect(all.contains { ($0["key"] as? String)?.hasPrefix("investment.projects") == true && $0["value"] as? String == "274 dự án" })
        // The caption's target is read in the caption zone, not from the image's alt text.
        let caption = trade[2]
        #expect(caption["zone"] as? String == "caption")
        #expect((location(caption).line, location(caption).column) == position(of: "phấn đấu", in: cmsExport, after: "<figcaption>"))
        // The head's metadata, as front matter would give it; the <meta name="date"> wins.
        let document = try #require((report["documents"] as? [[String: Any]])?.first)
        #expect(document["id"] as? String == "cms-2025-03-12-thuong-mai")
        #expect(document["title"] as? String == "Thương mại Việt Nam – Lào: năm 2024 khởi sắc | Báo Mẫu")
        #expect(document["date"] as? String == "2025-03-12")
        #expect(document["url"] as? String == "https://example.org/kinh-te/thuong-mai-viet-lao")
        // A finding (an outdated title): report.json and SARIF point at its line and column in the .html.
        let official = try #require((report["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "reference.officials" })
        let expected = position(of: "Tổng Bí thư Nguyễn Phú Trọng", in: cmsExport)
        let reported = (official["locations"] as! [[String: Any]])[0]
        #expect((reported["line"] as? Int, reported["column"] as? Int) == (expected.line, expected.column))
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let physical = (results[0]["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
        let region = physical["region"] as! [String: Any]
        #expect((physical["artifactLocation"] as! [String: Any])["uri"] as? String == "tin/thuong-mai.html")
        #expect((region["startLine"] as? Int, region["startColumn"] as? Int) == (expected.line, expected.column))
    }

    @Test func theTitleIsTheFirstHeadingWithoutATitleElementAndNoArticleMeansTheBodyWithoutChrome() {
        let page = """
        <html><body>
        <header><p>Kim ngạch thương mại đạt 7 tỷ USD</p></header>
        <div class="content"><h1>Lào và Việt Nam</h1>
        <p>Kim ngạch thương mại đạt 3 tỷ USD.</p></div>
        <footer><p>Kim ngạch thương mại đạt 5 tỷ USD</p></footer>
        </body></html>
        """
        let (documents, errors, facts) = read(page)
        #expect(errors.isEmpty)
        #expect(documents.first?.metadata.title == "Lào và Việt Nam")
        #expect(documents.first?.metadata.date == nil)
        #expect(facts.filter { $0.key.hasPrefix("trade.") }.map(\.value) == ["3 tỷ USD"])
        let main = read("<nav>Kim ngạch thương mại đạt 7 tỷ USD</nav><main><header><h2>Kinh tế</h2></header><p>Kim ngạch thương mại đạt 4 tỷ USD</p></main><p>Kim ngạch thương mại đạt 1 tỷ USD</p>")
        #expect(main.facts.filter { $0.key.hasPrefix("trade.") }.map(\.value) == ["4 tỷ USD"])
        #expect(String(decoding: main.documents[0].original, as: UTF8.self) == "Kinh tế\n\nKim ngạch thương mại đạt 4 tỷ USD")
    }

    @Test func blocksBecomeParagraphsAndInlineWhiteSpaceCollapses() {
        let (documents, _, _) = read("""
        <article><h2>Hai   nước</h2><p>Kim   ngạch <b>thương mại</b>
            đạt<br>2,5 tỷ USD</p><table><tr><td>Năm</td> <td>2024</td></tr></table><pre>a  b
        c</pre><blockquote>Trích dẫn</blockquote></article>
        """)
        #expect(String(decoding: documents[0].original, as: UTF8.self)
            == "Hai nước\n\nKim ngạch thương mại đạt\n2,5 tỷ USD\n\nNăm\t2024\n\na  b\nc\n\nTrích dẫn")
    }

    /// CRLF line ends, references of every kind, a stray end tag, a dropped control character,
    /// comments and markup in attributes: each span still maps to its place in the file.
    @Test(arguments: ["\n", "\r\n"])
    func everySpanMapsBackThroughReferencesMarkupAndLineEnds(lineEnd: String) throws {
        let lines = [
            "<html><head><title>t</title></head><body><article>",
            "<p title=\"đạt 2,5 tỷ USD > 1\">Kim ngạch thương mại đạt 1,5 t&#7927; USD&#x2c; tăng 5&#37;.</p>",
            "<p>Kim ngạch &amp; đầu tư: kim ngạch thương mại đạt</b>",
            "  2,6 t&#x1EF7; USD &copy &foo; &#0;x.</p><!-- kim ngạch thương mại đạt 9 tỷ USD -->",
            "<p>Kim ngạch\u{1} thương mại đạt 2,7 tỷ USD</p>",
            "</article></body></html>",
        ]
        let html = lines.joined(separator: lineEnd)
        let (documents, errors, facts) = read(html)
        #expect(errors.isEmpty)
        let trade = facts.filter { $0.value.hasSuffix("USD") }.sorted { $0.location.line < $1.location.line }
        #expect(trade.map(\.value) == ["1,5 tỷ USD", "2,6 tỷ USD", "2,7 tỷ USD"])
        #expect(trade.map(\.location.line) == [2, 3, 5])
        #expect(trade.map(\.location.column) == [
            position(of: "Kim ngạch thương mại đạt 1,5", in: lines[1]).column, position(of: "kim ngạch thương mại", in: lines[2]).column, 4,
        ])
        #expect(trade.map(\.location.endLine) == [2, 4, 5])
        // The rule reads on to the growth ("…, tăng 5&#37;"): the span ends after the reference.
        #expect(trade[0].location.text == "Kim ngạch thương mại đạt 1,5 tỷ USD, tăng 5%")
        #expect(trade[0].location.endColumn == position(of: ".</p>", in: lines[1]).column)
        #expect(trade[1].location.endColumn == position(of: " USD &copy", in: lines[3]).column + 4)
        #expect(trade[1].location.text == "kim ngạch thương mại đạt 2,6 tỷ USD")
        let text = String(decoding: documents[0].original, as: UTF8.self)
        #expect(text.contains("tăng 5%."))
        #expect(text.contains("USD &copy &foo; x."))
        #expect(!text.contains("9 tỷ"))
    }

    /// Random pages of paragraphs with markers, references, comments, stray tags, attributes
    /// holding the markers' text, CRLF and white space: every marker is reported at its place.
    @Test func randomPagesMapEveryMarkerToItsPlace() {
        var random = SplitMix64(seed: 15)
        let noise = ["&amp;", "&#7883;", "&#x1EC7;", "&nbsp;", " ", "\n", "\r\n", "<b>", "</b>", "</i>", "<!-- M0 -->", "&foo;",
                     "<span title=\"M0 > M1\">", "</span>", "&lt;", "<br>", "ạ", "\t", "&", "<", "a < b", "<img alt=\"M1\">"]
        for _ in 0..<60 {
            var html = "<html><body><article>"
            var markers: [String] = []
            for paragraph in 0..<Int.random(in: 1...6, using: &random) {
                html += ["<p>", "<div>", "<li>", "<h2>", "<p class=\"x\">\n  "].randomElement(using: &random)!
                for word in 0..<Int.random(in: 1...8, using: &random) {
                    if Bool.random(using: &random) { html += noise.randomElement(using: &random)! }
                    let marker = "MK\(paragraph)X\(word)Q\(markers.count)"
                    markers.append(marker)
                    html += " " + marker + " "
                }
                html += ["</p>", "</div>", "</li>", "</h2>", ""].randomElement(using: &random)!
            }
            html += "</article></body></html>"
            let (documents, errors, _) = read(html)
            #expect(errors.isEmpty)
            let document = documents[0]
            let canonical = String(decoding: document.canonical.bytes, as: UTF8.self)
            for marker in markers {
                guard let range = canonical.range(of: marker) else {
                    Issue.record("\(marker) missing from \(canonical)")
                    continue
                }
                let start = canonical.utf8.distance(from: canonical.startIndex, to: range.lowerBound)
                let location = document.location(of: start..<(start + marker.utf8.count))
                let expected = position(of: " " + marker + " ", in: html)
                #expect(location.text == marker)
                #expect((location.line, location.column) == (expected.line, expected.column + 1), "\(marker) in \(html)")
            }
        }
    }

    @Test func aMetaCharsetIsIgnoredAndLegacyBytesAreTheUTF8Error() {
        let page = "<html><head><meta charset=\"windows-1258\"></head><body><p>Kim ngạch thương mại đạt 2,5 tỷ USD</p></body></html>"
        let utf8 = read(page)
        #expect(utf8.errors.isEmpty)
        #expect(utf8.facts.contains { $0.value == "2,5 tỷ USD" })
        // The same page saved in Windows-1258 (composed letters where it has them): the encoding
        // error names it, as for a .txt file.
        var legacy = Array("<html><head><meta charset=\"windows-1258\"></head><body><p>Vi".utf8) + [0xEA, 0xF2, 0x74]
        legacy += Array(" Nam v".utf8) + [0xE0] + Array(" L".utf8) + [0xE0] + Array("o k".utf8) + [0xFD, 0x20, 0x68, 0x69, 0xEA, 0xF2, 0x70]
        legacy += Array(" ".utf8) + [0xF0, 0x69, 0xF2, 0x6E, 0x68] + Array(" th".utf8) + [0xFD, 0xF5] + Array("ng m".utf8) + [0x61, 0xF2, 0x69]
        legacy += Array(", ph".utf8) + [0xE2, 0xEC] + Array("n ".utf8) + [0xF0, 0xE2, 0xEC, 0x75] + Array(" ".utf8) + [0xF0, 0x61, 0xF2, 0x74] + Array("</p></body></html>".utf8)
        var corpus = Corpus()
        CorpusLoader.decode(legacy, path: "cu.html", into: &corpus)
        #expect(corpus.documents.isEmpty)
        #expect(corpus.errors.first?.message.hasPrefix("not valid UTF-8 at byte offset") == true)
    }

    @Test func anEmptyPageIsAnArticleWithoutFacts() {
        for page in ["", "   \n", "<html></html>", "<!-- chỉ có chú thích -->"] {
            let (documents, errors, facts) = read(page)
            #expect(errors.isEmpty)
            #expect(documents.count == 1)
            #expect(facts.isEmpty)
        }
    }

    @Test func nestingPastLibxml2sLimitIsAnErrorNamingTheFileAndLine() {
        for depth in [300, 100_000] {
            let page = "<html><body>\n<p>Kim ngạch thương mại đạt 2,5 tỷ USD</p>\n" + String(repeating: "<div>", count: depth) + "sâu" + "</body></html>"
            let (documents, errors, _) = read(page, name: "sau.html")
            #expect(documents.isEmpty)
            #expect(errors.map(\.path) == ["sau.html"])
            #expect(errors.first?.line == 3)
            #expect(errors.first?.message == "elements nested more than 256 deep, past libxml2's limit; the file was skipped")
        }
        // 250 levels are read, and the stack of the walk does not grow with them.
        let deep = String(repeating: "<div>", count: 250) + "Kim ngạch thương mại đạt 2,5 tỷ USD"
        #expect(read(deep).facts.contains { $0.value == "2,5 tỷ USD" })
    }

    @Test func entityDeclarationsExpandNothingAndAHugeAttributeKeepsColumns() {
        let laughs = """
        <!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <html><body><p>&lol3; kim ngạch thương mại đạt 2,5 tỷ USD</p></body></html>
        """
        let (documents, errors, facts) = read(laughs)
        #expect(errors.isEmpty)
        // libxml2's HTML parser reads no internal subset: the declarations are text, and the
        // reference stays as written.
        let text = String(decoding: documents.first?.original ?? [], as: UTF8.self)
        #expect(text.contains("&lol3; kim ngạch"))
        #expect(!text.contains("lollol"))
        #expect(facts.first { $0.value == "2,5 tỷ USD" }?.location.line == 3)
        let wide = "<p title=\"" + String(repeating: "a", count: 2_000_000) + "\">Kim ngạch thương mại đạt 2,5 tỷ USD</p>"
        let fact = read(wide).facts.first { $0.value == "2,5 tỷ USD" }
        #expect(fact?.location.column == 2_000_000 + 13)
    }
}
