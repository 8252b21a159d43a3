"""Do two built sites give visitors the same thing? For a change meant to
change nothing they see (a refactoring, another HTML parser): every page,
and its .br and .gz copies once decompressed, is compared as the document a
browser builds from it (the HTML5 parser of selectolax; the order of
attributes aside, as in the browser's DOM); every other file byte for byte.
Prints what differs; exits 1 if anything does.

    SOURCE_DATE_EPOCH=1700000000 .venv/bin/mkdocs build -q -d /tmp/before   # on the old commit
    SOURCE_DATE_EPOCH=1700000000 .venv/bin/mkdocs build -q -d /tmp/after    # on the new one
    .venv/bin/python scripts/same_site.py /tmp/before /tmp/after
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import brotli
from selectolax.lexbor import LexborHTMLParser


def document(markup: bytes) -> list[tuple]:
    """The page as the tree a browser builds, in document order."""
    nodes = []
    for node in LexborHTMLParser(markup.decode("utf-8")).root.traverse(include_text=True):
        if node.is_text_node:
            nodes.append(("#text", node.text_content))
        elif node.is_element_node:
            # <input required> and <input required=""> are the same attribute.
            nodes.append((node.tag, tuple(sorted((name, value or "") for name, value in node.attributes.items()))))
        else:
            nodes.append((node.tag, node.html))
    return nodes


def unpacked(path: Path) -> tuple[bytes, str]:
    """The file's content, decompressed, and the suffix of what it holds."""
    data = path.read_bytes()
    if path.suffix == ".br":
        return brotli.decompress(data), Path(path.stem).suffix
    if path.suffix == ".gz":
        return gzip.decompress(data), Path(path.stem).suffix
    return data, path.suffix


def compare(before: Path, after: Path) -> dict[str, list[str]]:
    """Files only in one site, and files whose content differs."""
    old = {str(path.relative_to(before)) for path in before.rglob("*") if path.is_file()}
    new = {str(path.relative_to(after)) for path in after.rglob("*") if path.is_file()}
    found = {"only before": sorted(old - new), "only after": sorted(new - old), "differ": [], "same document": [],
             "same bytes": []}
    for name in sorted(old & new):
        if (before / name).read_bytes() == (after / name).read_bytes():
            found["same bytes"].append(name)
            continue
        (old_data, kind), (new_data, _) = unpacked(before / name), unpacked(after / name)
        same = kind == ".html" and document(old_data) == document(new_data)
        found["same document" if same else "differ"].append(name)
    return found


def main(before: str, after: str) -> int:
    found = compare(Path(before), Path(after))
    for what, names in found.items():
        print(f"{what}: {len(names)}")
        if what not in ("same bytes", "same document"):
            for name in names:
                print(f"  {name}")
    return 1 if found["differ"] or found["only before"] or found["only after"] else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
