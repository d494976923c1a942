"""``python -m calculator assess FILE|- [--format json|text] [--standards BUNDLE.json]``.

Exit 0 with the result for any valid application (eligible or not); exit 2 with
``{"error": {"field": ..., "message": "中文说明"}}`` for invalid input — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from calculator.application import InputError, read_application_json
from calculator.assess import assess
from calculator.explain import result_text
from calculator.standards import Bundle, BundleError

REPO = Path(__file__).resolve().parent.parent


def _fail(field: str, message: str) -> int:
    print(json.dumps({"error": {"field": field, "message": message}}, ensure_ascii=False))
    return 2


def _load_bundle(path: str | None) -> dict:
    """The bundle JSON at ``path``; without a path, built fresh from the repository's ``standards/``."""
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from sitebuild.bundle import load_bundle  # build-time code: needs PyYAML, only in a repository checkout

    return load_bundle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculator", description="红河州临时救助测算")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("assess", help="测算一份申请（JSON 文件，- 表示标准输入）")
    p.add_argument("file")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("--standards", help="标准数据包 JSON（scripts/build-standards 生成）；缺省时从 standards/ 现场生成")
    args = parser.parse_args(argv)

    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        raw = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _fail("$", "输入文件不是 UTF-8 编码，请用 UTF-8 保存后再试")
    except IsADirectoryError:
        return _fail("$", f"{args.file} 是一个目录，请给出申请 JSON 文件")
    except FileNotFoundError:
        return _fail("$", f"找不到输入文件 {args.file}")
    except OSError as exc:
        return _fail("$", f"无法读取输入文件 {args.file}（{exc.strerror}）")
    try:
        data = read_application_json(raw)
    except InputError as exc:
        return _fail(exc.field, exc.message)
    try:
        bundle = Bundle.from_dict(_load_bundle(args.standards))
    except (OSError, ValueError, BundleError) as exc:
        print(json.dumps({"error": {"field": "standards", "message": f"标准数据无法读取：{exc}"}},
                         ensure_ascii=False))
        return 3
    try:
        result = assess(data, bundle)
    except InputError as exc:
        print(json.dumps(exc.as_dict(), ensure_ascii=False))
        return 2
    if args.format == "text":
        sys.stdout.write(result_text(result))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        sys.exit(0)
