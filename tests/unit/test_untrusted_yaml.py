"""The YAML loader for editors' data files: anchors, aliases, duplicate keys,
size and depth are refused with the file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from moussalaha.gate import untrusted_yaml
from moussalaha.problems import Problems

pytestmark = pytest.mark.unit


def refused(text: str) -> list[str]:
    with pytest.raises(Problems) as caught:
        untrusted_yaml.loads(text, "docs/data/news.yml")
    return [str(p) for p in caught.value.problems]


def test_plain_data_loads_with_lines():
    doc = untrusted_yaml.loads("news:\n  - id: a\n    date: 2025-12-10\n  - id: b\n    date: 2024-01-02\n")
    assert doc.data == {"news": [{"id": "a", "date": dt.date(2025, 12, 10)}, {"id": "b", "date": dt.date(2024, 1, 2)}]}
    assert doc.line(("news", 1, "date")) == 5
    assert doc.line(("news", 0)) == 2
    assert doc.line(("news", 7, "title")) == 1  # as deep as it exists
    assert doc.line(("news", 1, "title")) == 4
    assert doc.line(()) == 1


def test_duplicate_key_names_both_lines():
    [message] = refused("news:\n  - id: a\n    date: 2025-12-10\n    title: x\n    date: 2020-01-01\n")
    assert message.startswith("docs/data/news.yml:5: `date:` is given twice")
    assert "line 3 and on line 5" in message and " — keep one of them" in message


def test_duplicate_top_level_key():
    assert refused("a: 1\nb: 2\na: 3\n")[0].startswith("docs/data/news.yml:3:")


def test_alias_bomb_is_refused_at_the_first_anchor():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n' for p, n in zip("abcdefgh", "bcdefghi"))
    [message] = refused(bomb)
    assert message.startswith("docs/data/news.yml:1: `&a`") and "anchor" in message


def test_alias_alone_is_refused():
    [message] = refused("a: x\nb: *a\n")
    assert message.startswith("docs/data/news.yml:2: `*a`") and "alias" in message


def test_merge_key_needs_an_anchor_and_is_refused():
    assert "anchor" in refused("base: &b {x: 1}\nitem:\n  <<: *b\n")[0]


def test_python_tags_are_refused():
    assert "cannot be read" in refused("a: !!python/object/apply:os.system ['touch /tmp/x']\n")[0]


def test_complex_key_is_refused():
    assert "not a word" in refused("? [a, b]\n: 1\n")[0]


def test_deep_nesting_is_refused():
    assert "nested" in refused("[" * 5000 + "]" * 5000)[0]


def test_invalid_yaml_names_its_line():
    [message] = refused("news:\n  - id: a\n  title: b: c\n")
    assert message.startswith("docs/data/news.yml:3: this is not valid YAML")


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 2000 + "\n")
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(Problems) as caught:
        untrusted_yaml.load(path, "docs/data/big.yml", max_bytes=1024)
    assert str(caught.value).startswith("docs/data/big.yml:1: this file weighs 2 KB")


def test_symlink_is_refused(tmp_path):
    (tmp_path / "real.yml").write_text("a: 1\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "real.yml")
    with pytest.raises(Problems, match="link to another file"):
        untrusted_yaml.load(tmp_path / "link.yml")


def test_not_utf8_names_the_line(tmp_path):
    (tmp_path / "x.yml").write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(Problems, match=r"x.yml:2: this line is not UTF-8"):
        untrusted_yaml.load(tmp_path / "x.yml", "x.yml")


def test_load_file(tmp_path):
    (tmp_path / "x.yml").write_text("a: [1, 2]\n", encoding="utf-8")
    assert untrusted_yaml.load(tmp_path / "x.yml").data == {"a": [1, 2]}


def test_a_control_character_is_a_problem_with_its_line_not_a_crash():
    with pytest.raises(Problems) as caught:
        untrusted_yaml.loads("title: ok\ndescription: a\u0080b\n", "docs/centre.md")
    assert [str(p).split(":")[:2] for p in caught.value.problems] == [["docs/centre.md", "2"]]
    assert "U+0080" in str(caught.value)


@pytest.mark.parametrize("written", ["2023-13-45", "2023-02-30"])
def test_a_date_that_does_not_exist_is_refused_on_its_line(written):
    with pytest.raises(Problems) as refused:
        untrusted_yaml.loads(f"agreement:\n  title: x\n  date: {written}\n", "docs/data/agreement.yml")
    assert [str(p) for p in refused.value.problems] == [
        f"docs/data/agreement.yml:3: «{written}» is not a date that exists — write the date as year-month-day, "
        "such as 2025-12-10, and check the month and day"]
