"""The 联系县市民政局 section of a county page: the offices of ``local.contact`` (a list, each with office, phone,
address and a dated source), or, where a county has none yet, “本县联系方式待县民政局补充” with a link to the clerks'
guide published on the site (``standards/contributing.md``, made from CONTRIBUTING.md by
:mod:`sitebuild.clerk_guide`). The 测算 page says the same (``docs/assets/calc/page.js``, ``contactHTML``)."""

from __future__ import annotations

from calculator.standards import County, Source

NO_CONTACT = "本县联系方式待县民政局补充"
GUIDE = "contributing.md"  # relative to standards/<code>.md


def _m(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def contact_section(county: County) -> list[str]:
    """Markdown lines of the section (heading id ``contact``)."""
    lines = ["## 联系县市民政局 {#contact}", ""]
    offices = (county.local or {}).get("contact") or []
    if not offices:
        return lines + [f"{NO_CONTACT}。县市民政局经办人员可按[更新指南]({GUIDE})在 `{county.file}` 的 "
                        "`local.contact` 中补充受理办公室的名称、电话、地址和出处。", ""]
    for office in offices:
        source = Source._from_dict(office["source"], "local.contact")
        lines += [f"- **{_m(office['office'])}**：电话 {_m(office['phone'])}，{_m(office['address'])}", "",
                  f"    出处：{_m(source.document)}（{_m(source.issuer)}，{source.published}）", ""]
    return lines
