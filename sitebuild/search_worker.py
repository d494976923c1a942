"""Material's search worker, corrected so that a Chinese query that is one word of the index is searched whole.

Material (9.x) splits a Chinese query into words of the index (``segment`` in its search worker: "experimental
Chinese segmentation"), but its loop never tries the whole query (``j < query.length``): 一事一议, a word of the
index (jieba with docs/assets/jieba-user-dict.txt, the same dictionary), was searched as 一事 / 一 / 议 and found the
same pages as 一事一救. The built copy of the worker gets ``j <= query.length``; should Material's code change, the
build stops and says so, rather than shipping the old behaviour silently.
"""

from __future__ import annotations

from pathlib import Path

# The loop over the query's end positions in the minified worker (mkdocs-material as pinned in requirements.txt).
WRONG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
RIGHT = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


class SearchWorkerChanged(Exception):
    """Material's search worker no longer holds the code this module corrects (message in Chinese)."""


def correct_search_worker(site: Path) -> Path:
    """Rewrite ``site/assets/javascripts/workers/search.*.min.js`` in place (WRONG → RIGHT); return its path.

    Raises :class:`SearchWorkerChanged` when there is not exactly one worker, or it does not hold WRONG once.
    """
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise SearchWorkerChanged(f"应有一个 Material 搜索 worker（search.*.min.js），找到 {len(workers)} 个")
    worker = workers[0]
    text = worker.read_text(encoding="utf-8")
    if text.count(WRONG) != 1:
        raise SearchWorkerChanged(
            f"{worker.name} 中没有找到要修正的中文查询分词代码：Material 已更新，"
            "请检查 sitebuild/search_worker.py 是否仍需要"
        )
    worker.write_text(text.replace(WRONG, RIGHT), encoding="utf-8")
    return worker
