#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus of Vietnam–Laos news articles for benchmarks.

Usage: Benchmarks/generate.py --articles N --out DIR [--seed S]

The sentences are our own, in the style of the examples; the facts are those of the seed
articles (targets, trade figures, projects, officials, provinces, dates). Formats are mixed:
about 60% Markdown with front matter, 25% plain text, 15% JSON Lines (50 records a file),
in folders of 1,000 files. About 1% of articles carry a planted inconsistency (a 15 tỷ USD
target, "Vũng Ang", a past office holder's title, a different project count). The same
arguments always write the same bytes.
"""
import argparse
import json
import pathlib
import random

LEADERS_VN = [  # (title, name, from, to) — who held the title when
    ("Tổng Bí thư", "Nguyễn Phú Trọng", "2011-01-19", "2024-07-19"),
    ("Tổng Bí thư", "Tô Lâm", "2024-08-03", "2026-12-31"),
    ("Thủ tướng", "Phạm Minh Chính", "2021-04-05", "2025-12-31"),
    ("Chủ tịch Quốc hội", "Trần Thanh Mẫn", "2024-05-20", "2025-12-31"),
    ("Chủ tịch Quốc hội", "Vương Đình Huệ", "2021-03-31", "2024-05-02"),
]
LEADERS_LA = [
    ("Tổng Bí thư, Chủ tịch nước Lào", "Thongloun Sisoulith"),
    ("Thủ tướng Lào", "Sonexay Siphandone"),
]
PROVINCES = ["Hủa Phăn", "Sê Kông", "Xiêng Khoảng", "Luông Pha Bang", "Chăm Pa Xắc", "Houaphanh", "Savannakhet", "Khăm Muồn"]
VN_PROVINCES = ["Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Đà Nẵng", "Sơn La", "Điện Biên"]
CITIES = ["Hà Nội", "Viêng Chăn", "Luông Pha Bang", "Đà Nẵng"]
CREDITS = ["TTXVN", "Nhóm phóng viên", "Thống Nhất", "Giang Huy"]
PARTS = ["Sáng", "Trưa", "Chiều", "Tối", "Ngày"]
FILLER = [
    "Hai bên nhất trí tăng cường trao đổi đoàn các cấp, nhất là giữa các bộ, ngành và địa phương có chung đường biên giới.",
    "Các lĩnh vực giáo dục, đào tạo nguồn nhân lực, văn hóa và du lịch tiếp tục được quan tâm thúc đẩy, đạt nhiều kết quả khích lệ.",
    "Phía Lào đánh giá cao sự hỗ trợ thiết thực và hiệu quả của Việt Nam trong thời gian qua, nhất là trong đào tạo cán bộ.",
    "Các doanh nghiệp được khuyến khích mở rộng đầu tư vào nông nghiệp công nghệ cao, năng lượng tái tạo và logistics.",
    "Hai nước cam kết phối hợp chặt chẽ tại các diễn đàn đa phương, ủng hộ lẫn nhau vì hòa bình, ổn định và phát triển trong khu vực.",
    "Công tác quản lý biên giới, phòng chống tội phạm xuyên quốc gia và buôn lậu qua biên giới được hai bên đặc biệt chú trọng.",
    "Giao lưu nhân dân, nhất là giữa thế hệ trẻ hai nước, ngày càng sôi động với nhiều chương trình học bổng và trao đổi sinh viên.",
    "Đại diện các địa phương cho biết sẽ sớm ban hành kế hoạch chi tiết để triển khai các nội dung đã ký kết.",
    "Nhiều ý kiến cho rằng cần tiếp tục tháo gỡ vướng mắc về thủ tục để các dự án hợp tác sớm phát huy hiệu quả.",
    "Lãnh đạo hai bên bày tỏ tin tưởng quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt sẽ tiếp tục phát triển sâu rộng.",
]


def leader_at(date, rng, planted):
    """A Vietnamese leader with the title they held on `date` — or, planted, one they no longer held."""
    if planted:
        return "Tổng Bí thư", "Nguyễn Phú Trọng"
    valid = [(t, n) for t, n, start, end in LEADERS_VN if start <= date <= end]
    return rng.choice(valid)


def article(index, rng):
    year = rng.choice([2024, 2025, 2025, 2026]) if index % 7 else 2025
    month = rng.randint(1, 12) if year != 2026 else 1
    day = rng.randint(1, 28)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    plant = rng.random() < 0.01 and index > 0
    kind = rng.choice(["target", "name", "official", "count"]) if plant else None
    title_vn, leader_vn = leader_at(date, rng, kind == "official" and date >= "2024-08-03")
    title_la, leader_la = rng.choice(LEADERS_LA)
    target = "15 tỷ USD" if kind == "target" else rng.choice(["10 tỷ USD", "10 tỷ USD", "10.000 triệu USD"])
    port = "Vũng Ang" if kind == "name" else "Vũng Áng"
    projects = 280 if kind == "count" else 274
    paragraphs = [
        f"{rng.choice(PARTS)} {day}/{month}, {title_vn} {leader_vn} đã tiếp {title_la} {leader_la} tại {rng.choice(CITIES)}.",
        f"Hai bên thống nhất phấn đấu đạt kim ngạch thương mại {target} trong những năm tới, coi đây là động lực của quan hệ Việt Nam - Lào.",
        f"Theo số liệu được công bố, kim ngạch 10 tháng đầu năm 2025 đạt gần 2,5 tỷ USD, tăng 50,4% so với năm 2024.",
        f"Việt Nam hiện có {projects} dự án đầu tư tại Lào với tổng vốn đăng ký hơn 5,8 tỷ USD.",
        f"Các bên thúc đẩy cao tốc Hà Nội - Viêng Chăn và đường sắt Viêng Chăn - {port}, hai dự án kết nối mang tính biểu tượng.",
        f"Đoàn công tác tỉnh {rng.choice(PROVINCES)} đã làm việc với lãnh đạo tỉnh {rng.choice(VN_PROVINCES)} về hợp tác giai đoạn 2026 - 2030.",
    ]
    rng.shuffle(paragraphs)
    body = paragraphs[:4] + rng.sample(FILLER, 5) + paragraphs[4:] + rng.sample(FILLER, 4)
    body.insert(rng.randint(1, len(body) - 1), f"Các đại biểu chụp ảnh lưu niệm sau buổi làm việc. Ảnh: {rng.choice(CREDITS)}")
    if rng.random() < 0.3:
        body += ["Tin liên quan", "Hai nước đặt mục tiêu kim ngạch thương mại 2 tỷ USD"]
    title = f"Hợp tác Việt Nam - Lào: bản tin số {index}"
    return {"id": f"bench-{index:06d}", "title": title, "date": date, "text": "\n\n".join(body) + "\n"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pending_jsonl, files, written_bytes = [], 0, 0

    def target_dir():
        folder = out / f"batch-{files // 1000:04d}"
        folder.mkdir(exist_ok=True)
        return folder

    def flush_jsonl():
        nonlocal files, written_bytes
        if pending_jsonl:
            data = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in pending_jsonl)
            (target_dir() / f"export-{files:06d}.jsonl").write_text(data, encoding="utf-8")
            written_bytes += len(data.encode())
            files += 1
            pending_jsonl.clear()

    for index in range(args.articles):
        record = article(index, rng)
        form = rng.random()
        if form < 0.15:
            pending_jsonl.append(record)
            if len(pending_jsonl) == 50:
                flush_jsonl()
            continue
        if form < 0.40:
            data = record["title"] + "\n\n" + record["text"]
            name = f"{record['id']}.txt"
        else:
            data = (f"---\nid: {record['id']}\ntitle: \"{record['title']}\"\ndate: {record['date']}\n"
                    f"url: https://example.org/bench/{record['id']}\n---\n" + record["text"])
            name = f"{record['id']}.md"
        (target_dir() / name).write_text(data, encoding="utf-8")
        written_bytes += len(data.encode())
        files += 1
    flush_jsonl()
    print(f"{args.articles} articles in {files} files, {written_bytes / 1e6:.1f} MB under {out}")


if __name__ == "__main__":
    main()
