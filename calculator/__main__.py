"""``python -m calculator assess FILE|- [--format json|text] [--standards BUNDLE.json]``.

Exit 0 with the result for any valid application (eligible or not); exit 2 with
``{"error": {"field": ..., "message": "中文说明"}}`` for invalid input — never a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

from calculator.application import InputError, read_application_json
from calculator.assess import assess
from calculator.explain import result_text
from calculator.standards import Bundle, BundleError

REPO = Path(__file__).resolve().parent.parent
CHECKOUT_BUNDLE = REPO / "build" / "standards.json"


class BundleUnavailable(Exception):
    """No standards bundle could be had; ``message`` says why in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _fail(field: str, message: str) -> int:
    print(json.dumps({"error": {"field": field, "message": message}}, ensure_ascii=False))
    return 2


def _standards_failed(why: str) -> int:
    print(json.dumps({"error": {"field": "standards", "message": f"标准数据无法读取：{why}"}}, ensure_ascii=False))
    return 3


def bundle_sources(root: Path) -> list[Path]:
    """The files a bundle is built from in the checkout at ``root``: every ``standards/*.yaml``, then the policy
    files (``policy/*.yaml``: the policy updates and the interpretation register), each sorted."""
    return sorted((root / "standards").glob("*.yaml")) + sorted((root / "policy").glob("*.yaml"))


def standards_digest(root: Path) -> str:
    """SHA-256 (hex) over the names and bytes of :func:`bundle_sources` of the checkout at ``root``."""
    digest = hashlib.sha256()
    for path in bundle_sources(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0"
                      + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _checkout_bundle() -> dict:
    """The bundle of this checkout's ``standards/``: ``build/standards.json``, rebuilt first by
    ``scripts/build-standards`` (a separate process: the engine never imports build code) whenever the files it is
    built from (:func:`bundle_sources`) differ from those it was built from (their digest is kept beside it,
    ``*.sources``).

    Raises :class:`BundleUnavailable` outside a checkout, or with the validator's lines when the files do not
    validate.
    """
    standards_dir = REPO / "standards"
    builder = REPO / "scripts" / "build-standards"
    if not standards_dir.is_dir() or not builder.is_file():
        raise BundleUnavailable("不在项目仓库中，找不到 standards/：请用 --standards 给出标准数据包 JSON")
    digest = standards_digest(REPO)
    stamp = CHECKOUT_BUNDLE.with_name(CHECKOUT_BUNDLE.name + ".sources")
    try:
        if stamp.read_text(encoding="utf-8") == digest:
            return json.loads(CHECKOUT_BUNDLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # not built yet, or unreadable: build it
    proc = subprocess.run([sys.executable, str(builder), str(CHECKOUT_BUNDLE)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BundleUnavailable((proc.stderr or proc.stdout).strip())
    if standards_digest(REPO) == digest:  # not edited while it was being built
        stamp.write_text(digest, encoding="utf-8")
    return json.loads(CHECKOUT_BUNDLE.read_text(encoding="utf-8"))


def _given_bundle(path: str) -> dict:
    """The bundle JSON at ``path``. In a checkout whose ``standards/`` has a file newer than the bundle, it is
    still used (it is what was asked for), but a warning on standard error says so: an old bundle is never used
    silently."""
    bundle_path = Path(path)
    data = json.loads(bundle_path.read_text(encoding="utf-8"))
    standards_dir = REPO / "standards"
    if standards_dir.is_dir():
        built = bundle_path.stat().st_mtime
        newer = [p.relative_to(REPO).as_posix() for p in bundle_sources(REPO) if p.stat().st_mtime > built]
        if newer:
            print(f"注意：标准数据包 {path} 早于仓库中的 {'、'.join(newer)}，可能已过时；"
                  "不加 --standards 即按 standards/ 现有文件测算。", file=sys.stderr)
    return data


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
        bundle = Bundle.from_dict(_given_bundle(args.standards) if args.standards else _checkout_bundle())
    except BundleUnavailable as exc:
        return _standards_failed(exc.message)
    except (OSError, ValueError, BundleError) as exc:
        return _standards_failed(str(exc))
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
