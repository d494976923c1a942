"""The 联系县市民政局 section of a county page: the offices of ``local.contact`` (a list, each with office, phone,
address and a dated source), or, where a county has none yet, “本县联系方式待县民政局补充” with a link to the clerks'
guide published on the site (``standards/contributing.md``, made from CONTRIBUTING.md by
:mod:`sitebuild.clerk_guide`). The 测算 page says the same (``docs/assets/calc/page.js``, ``contactHTML``)."""

from __future__ import annotations

from calculator.standards import County, Source
from sitebuild.markdown_text import markdown_escape

NO_CONTACT = "本县联系方式待县民政局补充"
GUIDE = "contributing.md"  # relative to standards/<code>.md


def contact_section(county: County) -> list[str]:
    """Markdown lines of the section (heading id ``contact``)."""
    lines = ["## 联系县市民政局 {#contact}", ""]
    offices = county.local.contact or []
    if not offices:
        return lines + [f"{NO_CONTACT}。县市民政局经办人员可按[更新指南]({GUIDE})在 `{county.file}` 的 "
                        "`local.contact` 中补充受理办公室的名称、电话、地址和出处。", ""]
    for office in offices:
        source = Source.from_dict(office["source"], "local.contact")
        lines += [f"- **{markdown_escape(office['office'])}**：电话 {markdown_escape(office['phone'])}，"
                  f"{markdown_escape(office['address'])}", "",
                  f"    出处：{markdown_escape(source.document)}（{markdown_escape(source.issuer)}，"
                  f"{source.published}）", ""]
    return lines
