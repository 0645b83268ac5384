import Foundation
import Testing
import ZIPFoundation
@testable import FactCheck

private let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/// A .docx of `parts` (name → XML), written by ZIPFoundation with deflate, as Word's are.
func docx(_ parts: [(String, String)]) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
    return [UInt8](archive.data!)
}

/// word/document.xml with `body` inside `w:body`, declared as Word declares it.
func documentXML(_ body: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document xmlns:w="\(w)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14"><w:body>\(body)<w:sectPr/></w:body></w:document>
    """
}

/// A paragraph in `style` (a style id) of runs, each run's text in a `w:t`.
func paragraph(_ runs: String..., style: String? = nil) -> String {
    let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/><w:spacing w:after=\"120\"/></w:pPr>" } ?? ""
    return "<w:p w:rsidR=\"00A1B2C3\">\(properties)" + runs.map { "<w:r><w:rPr><w:lang w:val=\"vi-VN\"/></w:rPr><w:t xml:space=\"preserve\">\($0)</w:t></w:r>" }.joined() + "</w:p>"
}

/// A Vietnamese Word's styles: its own ids, the built-in names.
let vietnameseStyles = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="\(w)">
<w:style w:type="paragraph" w:default="1" w:styleId="Binhthng"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Tiu"><w:name w:val="Title"/><w:basedOn w:val="Binhthng"/></w:style>
<w:style w:type="paragraph" w:styleId="u1"><w:name w:val="heading 1"/><w:basedOn w:val="Binhthng"/></w:style>
<w:style w:type="paragraph" w:styleId="Chuthich"><w:name w:val="caption"/><w:basedOn w:val="Binhthng"/></w:style>
<w:style w:type="paragraph" w:styleId="Chuthichanh"><w:name w:val="Chú thích ảnh"/><w:basedOn w:val="Chuthich"/></w:style>
</w:styles>
"""

let coreProperties = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Mẫu công văn</dc:title><dc:creator>Phóng viên</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">2019-05-01T08:00:00Z</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">2026-02-02T09:00:00Z</dcterms:modified></cp:coreProperties>
"""

func customProperties(_ properties: [(String, String)]) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
    xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
    \(properties.enumerated().map { "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"\($0.offset + 2)\" name=\"\($0.element.0)\"><vt:lpwstr>\($0.element.1)</vt:lpwstr></property>" }.joined())</Properties>
    """
}

/// A reporter's draft as Word saves it: a title, runs split mid-word, a tab and a line break,
/// a table, a tracked deletion and insertion, a field, a text box, an empty paragraph, a caption.
let wordBody = [
    paragraph("Hợp tác kinh tế Việt Nam – Lào", style: "Tiu"),
    paragraph("Viêng Chăn – Theo số liệu vừa công bố, kim ngạch thương mại đạt ", "2,5 t", "ỷ USD năm 2024."),
    "<w:p/>",
    "<w:p><w:r><w:t>Trong 10 tháng đầu năm 2025,</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">kim ngạch thương mại </w:t></w:r>"
        + "<w:del w:id=\"1\" w:author=\"Biên tập\"><w:r><w:delText>đạt 9 tỷ USD</w:delText></w:r></w:del>"
        + "<w:ins w:id=\"2\" w:author=\"Biên tập\"><w:r><w:t>đạt</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\"> gần 2,3 tỷ USD.</w:t></w:r>"
        + "<w:r><w:br/><w:t>Con số này cao nhất từ trước tới nay.</w:t></w:r></w:p>",
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Dự án</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Việt Nam có 274 dự án đầu tư tại Lào</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> kim ngạch thương mại đạt 8 tỷ USD </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Xem bảng 1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>kim ngạch thương mại đạt 7 tỷ USD</w:t></w:r></w:p>"
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>kim ngạch thương mại đạt 7 tỷ USD</w:t></w:r></w:p>"
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    paragraph("Hai bên phấn đấu đạt kim ngạch thương mại 10 tỷ USD", style: "Chuthichanh"),
    paragraph("Phát biểu tại buổi làm việc, đại diện tỉnh nhắc lại chỉ đạo của Tổng Bí thư Nguyễn Phú Trọng."),
].joined()

/// The column of `needle` in `line`: characters before it, plus one.
func column(of needle: String, in line: String) -> Int {
    line.unicodeScalars.count - line[line.range(of: needle)!.lowerBound...].unicodeScalars.count + 1
}

private func read(_ bytes: [UInt8], name: String = "ban-thao.docx") -> (documents: [Document], errors: [CorpusError], facts: [Fact]) {
    var corpus = Corpus()
    CorpusLoader.decode(bytes, path: name, into: &corpus)
    let extractor = Extractor(pack: shippedPack)
    return (corpus.documents, corpus.errors, corpus.documents.flatMap { extractor.extract($0, matcher: .init()).facts })
}

private func errorMessages(_ bytes: [UInt8]) -> [String] {
    read(bytes).errors.map(\.message)
}

@Suite struct DocxReaderTests {
    @Test func aWordDocumentGivesItsFactsAtParagraphAndCharacter() throws {
        let directory = TemporaryDirectory()
        directory.write("bai/ban-thao.docx", bytes: try docx([
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("word/document.xml", documentXML(wordBody)), ("word/styles.xml", vietnameseStyles), ("docProps/core.xml", coreProperties),
            ("docProps/custom.xml", customProperties([("date", "2025-11-20"), ("id", "docx-2025-11-20")])),
        ]))
        try FileManager.default.copyItem(atPath: packageRoot + "/rules", toPath: directory.path + "/rules")
        let result = try run(factcheckBinary, ["check", "bai", "--report-facts", "--format", "json,sarif,github", "--fail-on", "none"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: directory.path + "/reports/report.json")))
        #expect(report.errors.isEmpty)
        let trade = (report.facts ?? []).filter { $0.key.hasPrefix("trade.turnover") }.sorted { $0.location.line < $1.location.line }
        // Not the deleted text, the field code or the text box (Word keeps it twice).
        #expect(trade.map(\.value) == ["2,5 tỷ USD", "gần 2,3 tỷ USD", "10 tỷ USD"])
        // Line N is the Nth paragraph (the empty third one counted); the column counts characters.
        #expect(trade.map(\.location.line) == [2, 4, 9])
        #expect(trade.map(\.location.column) == [
            column(of: "kim", in: "Viêng Chăn – Theo số liệu vừa công bố, kim ngạch"), column(of: "kim", in: "Trong 10 tháng đầu năm 2025,\tkim"),
            column(of: "phấn", in: "Hai bên phấn đấu"),
        ])
        #expect(trade[1].location.text == "kim ngạch thương mại đạt gần 2,3 tỷ USD")
        #expect(trade[0].location.text == "kim ngạch thương mại đạt 2,5 tỷ USD")
        #expect(trade[2].zone == .caption)
        #expect((report.facts ?? []).contains { $0.key.hasPrefix("investment.projects") && $0.location.line == 6 })
        // The Title paragraph names the article; the custom property dates it, not the file's times.
        let document = try #require(report.documents.first)
        #expect(document.title == "Hợp tác kinh tế Việt Nam – Lào")
        #expect(document.id == "docx-2025-11-20")
        #expect(document.date?.description == "2025-11-20")
        // The outdated title: SARIF's region and GitHub's annotation name the paragraph.
        let official = try #require(report.findings.first { $0.rule == "reference.officials" })
        #expect(official.locations.map(\.location.line) == [10])
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path + "/reports/report.sarif"))) as! [String: Any]
        let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        let physical = (results[0]["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
        #expect((physical["artifactLocation"] as! [String: Any])["uri"] as? String == "bai/ban-thao.docx")
        #expect((physical["region"] as! [String: Any])["startLine"] as? Int == 10)
        #expect(result.stdout.contains("file=bai/ban-thao.docx,line=10,"), "\(result.stdout)")
    }

    @Test func withoutADatePropertyTheArticleHasNoDateWhateverTheFileTimesSay() throws {
        let bytes = try docx([("word/document.xml", documentXML(wordBody)), ("docProps/core.xml", coreProperties)])
        let (documents, errors, _) = read(bytes)
        #expect(errors.isEmpty)
        #expect(documents.first?.metadata.date == nil)
        // Without the Title or Heading 1 style (no styles.xml: ids read as names), dc:title.
        #expect(documents.first?.metadata.title == "Mẫu công văn")
        let bad = try docx([("word/document.xml", documentXML(paragraph("a"))), ("docProps/custom.xml", customProperties([("date", "20/13/2025")]))])
        let badRead = read(bad)
        #expect(badRead.documents.count == 1)
        #expect(badRead.errors.map(\.message) == ["the custom property 'date' ('20/13/2025') is not a valid date (expected YYYY-MM-DD or DD/MM/YYYY); the article is checked without a publication date"])
    }

    @Test func headingOneNamesTheArticleWhenNoParagraphIsATitle() throws {
        let body = paragraph("Tin vắn", style: "Heading1") + paragraph("Kim ngạch thương mại đạt 2,5 tỷ USD.")
        let (documents, _, facts) = read(try docx([("word/document.xml", documentXML(body))]))
        #expect(documents.first?.metadata.title == "Tin vắn")
        #expect(facts.first { $0.value == "2,5 tỷ USD" }?.location.line == 2)
    }

    // MARK: - Hostile archives

    @Test func aZipBombIsRefusedBeforeAndWhileInflating() throws {
        let zeros = String(repeating: "0", count: 3_000_000)
        let archive = try ZipArchive(try docx([("word/document.xml", documentXML(paragraph(zeros)))]))
        let entry = try #require(try archive.entry(named: "word/document.xml"))
        #expect(throws: ZipArchive.Failure.self) { try archive.contents(of: entry, limit: 1_000_000) }
        do {
            _ = try archive.contents(of: entry, limit: 1_000_000)
        } catch {
            #expect(error.message == "word/document.xml holds \(entry.uncompressedSize) bytes, more than the limit of 1000000 (a ZIP bomb?)")
        }
        // The same entry claiming to hold 100 bytes: stopped once it gives more than the limit.
        var lying = entry
        lying.uncompressedSize = 100
        do {
            _ = try archive.contents(of: lying, limit: 1_000_000)
            Issue.record("a lying entry was inflated")
        } catch {
            #expect(error.message == "word/document.xml inflates to more than the limit of 1000000 bytes (a ZIP bomb?)")
        }
    }

    @Test func aDeflateStreamCutShortIsAnErrorNotAHang() throws {
        // A final stored block that promises 60,000 bytes and holds 5; ZIPFoundation 0.9.20 loops
        // forever on it. The directory's sizes agree with what is there.
        let data: [UInt8] = [0x01, 0x60, 0xEA, 0x9F, 0x15] + Array("hello".utf8)
        let bytes = zip([("word/document.xml", data, 60_000, 8, 0)])
        #expect(errorMessages(bytes) == ["a damaged or truncated ZIP archive: the compressed data of word/document.xml ends before its last block; the file was skipped"])
    }

    @Test(arguments: [
        ("cut", "not a ZIP archive (no end of central directory record; a .docx is one), or a truncated one; the file was skipped"),
        ("nodocument", "no word/document.xml in the archive: not a Word document; the file was skipped"),
        ("twice", "a ZIP archive with 2 entries named word/document.xml; the file was skipped"),
        ("crc", "a damaged ZIP archive: the checksum of word/document.xml does not match its data; the file was skipped"),
        ("entries", "a ZIP archive of 20000 entries, more than the 10000 a Word document could hold; the file was skipped"),
        ("ole", "an encrypted (password-protected) Word document, or an old .doc file named .docx: save it as a Word Document (.docx) without a password; the file was skipped"),
        ("empty", "not a ZIP archive (no end of central directory record; a .docx is one), or a truncated one; the file was skipped"),
    ])
    func aDamagedArchiveIsAnErrorNamingWhy(damage: String, message: String) throws {
        let good = Array(documentXML(paragraph("Kim ngạch thương mại đạt 2,5 tỷ USD")).utf8)
        let bytes: [UInt8]
        switch damage {
        case "cut":
            let whole = try docx([("word/document.xml", String(decoding: good, as: UTF8.self))])
            bytes = Array(whole.prefix(whole.count / 2))
        case "nodocument": bytes = try docx([("word/styles.xml", vietnameseStyles)])
        case "twice": bytes = zip([("word/document.xml", good, good.count, 0, nil), ("word/document.xml", good, good.count, 0, nil)])
        case "crc": bytes = zip([("word/document.xml", good, good.count, 0, 0xDEAD_BEEF)])
        case "entries": bytes = zip((0..<20_000).map { ("x\($0)", [], 0, 0, nil) })
        case "ole": bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512)
        default: bytes = []
        }
        let (documents, errors, _) = read(bytes)
        #expect(documents.isEmpty)
        #expect(errors.map(\.message) == [message])
        #expect(errors.map(\.path) == ["ban-thao.docx"])
    }

    @Test(arguments: [
        ("laughs", "word/document.xml has a document type declaration (at byte offset 39), which Word never writes and XML bombs need; the file was skipped"),
        ("deep", "word/document.xml is not well-formed XML (line 2): elements nested more than 256 deep, past libxml2's limit; the file was skipped"),
        ("attribute", "word/document.xml is not well-formed XML (line 2): a text or attribute longer than libxml2's limit (10 MB); the file was skipped"),
        ("broken", "word/document.xml is not well-formed XML (line 2): Opening and ending tag mismatch: t line 2 and r; the file was skipped"),
        ("latin1", "word/document.xml is not UTF-8 (at byte offset 21); the file was skipped"),
    ])
    func aHostileXMLPartIsRefused(kind: String, message: String) throws {
        let xml: [UInt8]
        switch kind {
        case "laughs":
            xml = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <w:document xmlns:w="\(w)"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>
            """.utf8)
        case "deep":
            xml = Array(("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(w)\"><w:body>" + String(repeating: "<w:sdt>", count: 300)).utf8)
        case "attribute":
            xml = Array(("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(w)\"><w:body><w:p w:rsidR=\"" + String(repeating: "A", count: 11_000_000) + "\"/></w:body></w:document>").utf8)
        case "broken":
            xml = Array("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(w)\"><w:body><w:p><w:r><w:t>kim</w:r></w:p></w:body></w:document>".utf8)
        default:
            xml = Array("<?xml version=\"1.0\"?>".utf8) + [0xE0] + Array("<w:document xmlns:w=\"\(w)\"/>".utf8)
        }
        let bytes = zip([("word/document.xml", xml, xml.count, 0, nil)])
        #expect(errorMessages(bytes) == [message])
    }
}

/// A ZIP archive written byte by byte, stored or with the given deflate data: each entry's name,
/// data, declared uncompressed size, method, and CRC (nil: the data's own).
func zip(_ entries: [(name: String, data: [UInt8], size: Int, method: UInt16, crc: UInt32?)]) -> [UInt8] {
    func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
    var local: [UInt8] = []
    var directory: [UInt8] = []
    for entry in entries {
        let name = Array(entry.name.utf8)
        let crc = entry.crc ?? Data(entry.data).crc32(checksum: 0)
        let common = u16(20) + u16(0) + u16(Int(entry.method)) + u16(0) + u16(0) + u32(crc) + u32(UInt32(entry.data.count)) + u32(UInt32(entry.size))
            + u16(name.count)
        directory += u32(0x0201_4B50) + u16(20) + common + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(UInt32(local.count)) + name
        local += u32(0x0403_4B50) + common + u16(0) + name + entry.data
    }
    return local + directory + u32(0x0605_4B50) + u16(0) + u16(0) + u16(entries.count) + u16(entries.count)
        + u32(UInt32(directory.count)) + u32(UInt32(local.count)) + u16(0)
}
