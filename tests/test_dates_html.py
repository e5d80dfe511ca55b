"""The publication date of a scraped page comes from its metadata table (010: 公开日期)."""

from conftest import REAL, findings


def test_metadata_table_date_is_the_publication_date(tmp_path):
    page = (REAL / "010-shuyang-fgj-2023.html").read_text(encoding="utf-8")
    assert [d for d in findings(REAL / "010-shuyang-fgj-2023.html") if d["code"].startswith("D")] == []  # 2024-01-17: on time
    late = tmp_path / "010-late.html"
    late.write_text(page.replace("2024-01-17", "2024-02-15"), encoding="utf-8")
    items = [d for d in findings(late) if d["code"].startswith("D")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("D302", 198, 54, "error")]
    assert items[0]["message"] == "发布日期2024年2月15日晚于法定期限2024年1月31日（按县级以上人民政府部门，《条例》第四十九条）"
