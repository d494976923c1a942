"""Reading a ledger file: CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX (openpyxl, read-only), row by row.

Row numbers are the spreadsheet's own: the header is row 1, the first data row row 2, whatever the 序号 column
says; a CSV record spanning several lines (a quoted line break) is one row, as a spreadsheet shows it. Rows with
every cell empty (but perhaps the 序号) are not data and are passed over; every other row is returned, readable
or not.

Only the header and the current row are held: the file is streamed (CSV through an incremental decoder, XLSX
through openpyxl's read-only mode), so a year of 100,000 rows needs no more memory than a few rows.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ledger_audit.columns import ColumnError, map_header

_CHUNK = 1 << 20


class LedgerError(ValueError):
    """The file cannot be read at all (not a CSV or XLSX, undecodable, no usable header); ``message`` is
    Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _decodes(f, encoding: str) -> bool:
    """Whether the whole of the open binary file ``f`` decodes as ``encoding`` (read from the start, in chunks)."""
    f.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """``"utf-8-sig"`` (BOM), ``"utf-8"`` (all bytes decode) or ``"gb18030"`` (what Chinese Excel saves as
    “CSV”). Reads the file in chunks. Raises :class:`LedgerError` when it is neither."""
    with open(path, "rb") as f:
        if f.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        for encoding in ("utf-8", "gb18030"):
            if _decodes(f, encoding):
                return encoding
    raise LedgerError("文件既不是 UTF-8 也不是 GB18030（GBK）编码的 CSV，无法读取。请在表格软件中"
                      "另存为“CSV UTF-8”或 .xlsx 后再核查。")


@dataclass
class Ledger:
    """An opened ledger: its format, encoding (CSV), header and the field → column map.

    ``total`` is the number of data rows expected (for a progress bar): exact for XLSX (the sheet's dimension)
    and for CSV the number of line breaks after the header (a quoted line break makes it an overestimate).
    Iterate :meth:`rows` once.
    """

    path: Path
    kind: str  # "csv" | "xlsx"
    encoding: str | None
    header: list
    columns: dict[str, int]
    total: int
    _rows: Iterator = field(repr=False)

    def column_name(self, key: str) -> str:
        """The header as written in the file for field ``key``."""
        return str(self.header[self.columns[key]]).strip()

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number, cell values) for every data row with something in it besides the 序号 (templates often
        number their empty rows in advance)."""
        seq = self.columns.get("seq")
        for number, cells in self._rows:
            if any(c is not None and (not isinstance(c, str) or c.strip()) for i, c in enumerate(cells) if i != seq):
                yield number, cells


def open_ledger(path: str | os.PathLike, mapping: dict | None = None) -> Ledger:
    """Open the ledger at ``path``: an XLSX workbook (its first sheet) or a CSV file, told apart by their bytes.

    ``mapping``: usual field name → header in the file (:func:`ledger_audit.columns.map_header`). Raises
    :class:`LedgerError` when the file is missing, empty, an old binary .xls, not decodable, or its header row
    lacks a required column.
    """
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise LedgerError(f"找不到文件 {path}。") from None
    except IsADirectoryError:
        raise LedgerError(f"{path} 是文件夹，不是台账文件。") from None
    except OSError as error:
        raise LedgerError(f"无法打开文件 {path.name}（{type(error).__name__}）。") from None
    if not head:
        raise LedgerError(f"文件 {path.name} 是空的。")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise LedgerError("这是旧版 Excel（.xls）文件，无法直接读取。请在 Excel 或 WPS 中另存为 .xlsx 或"
                          "“CSV UTF-8”后再核查。")
    if head.startswith(b"PK\x03\x04"):
        kind, encoding, header, rows, total = "xlsx", None, *_open_xlsx(path)
    else:
        kind, encoding = "csv", detect_encoding(path)
        header, rows, total = _open_csv(path, encoding)
    try:
        columns = map_header(list(header), mapping)
    except ColumnError as error:
        raise LedgerError(error.message) from None
    return Ledger(path, kind, encoding, list(header), columns, total, rows)


def _open_csv(path: Path, encoding: str) -> tuple[list, Iterator, int]:
    with open(path, "rb") as f:
        breaks = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(_CHUNK), b""))
        f.seek(-1, os.SEEK_END)
        breaks += f.read(1) != b"\n"  # a last line without a line break
    text = open(path, encoding=encoding, newline="")  # closed when the rows are exhausted
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as error:
        text.close()
        raise LedgerError(f"CSV 文件的第 1 行无法读取：{error}") from None
    if header is None:
        text.close()
        raise LedgerError(f"文件 {path.name} 没有内容。")

    def rows() -> Iterator[tuple[int, tuple]]:
        number = 1
        try:
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise LedgerError(f"CSV 文件在第 {number + 1} 行附近格式错误（{error}），无法继续读取。"
                                      "请检查引号是否成对。") from None
                number += 1
                yield number, tuple(cells)
        finally:
            text.close()

    return header, rows(), max(0, breaks - 1)


def _open_xlsx(path: Path) -> tuple[list, Iterator, int]:
    import zipfile

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - pinned in requirements.txt and shipped to the page
        raise LedgerError("读取 .xlsx 需要 openpyxl，但没有安装。") from None
    from openpyxl.utils.exceptions import InvalidFileException

    handle = open(path, "rb")  # a file object: openpyxl then does not judge the file by its name's extension
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as error:
        handle.close()
        raise LedgerError(f"文件不是有效的 .xlsx 工作簿（{type(error).__name__}），无法读取。") from None
    sheet = book.worksheets[0]
    total = max(0, (sheet.max_row or 1) - 1)
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)
    if header is None:
        book.close()
        handle.close()
        raise LedgerError(f"工作簿 {path.name} 的第一张工作表是空的。")

    def rows() -> Iterator[tuple[int, tuple]]:
        number = 1
        try:
            for number, cells in enumerate(values, start=2):
                yield number, cells
        except Exception as error:  # a damaged sheet: openpyxl and its XML parser raise many kinds
            raise LedgerError(f"工作表在第 {number + 1} 行附近已损坏（{type(error).__name__}），"
                              "无法继续读取。") from None
        finally:
            book.close()
            handle.close()

    return list(header), rows(), total

