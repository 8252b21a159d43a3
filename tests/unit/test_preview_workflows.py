"""The pull requests' previews (.github/workflows/preview.yml and
preview-publish.yml): the pull request's code is built without a secret or
a token that writes, and what publishes never runs it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"


def load(name: str) -> tuple[dict, str]:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data | {"on": data.get("on", data.get(True))}, text


def steps(data: dict):
    for job in data["jobs"].values():
        yield from job.get("steps", [])


def test_the_build_of_a_pull_request_has_no_secret_and_writes_nothing():
    data, text = load("preview.yml")
    assert set(data["on"]) == {"pull_request"}
    assert "secrets." not in text and data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    checkout = [s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout and all(s["with"]["persist-credentials"] is False for s in checkout)


def test_the_publisher_never_runs_the_pull_request():
    data, text = load("preview-publish.yml")
    assert set(data["on"]) == {"workflow_run"} and data["on"]["workflow_run"]["workflows"] == ["Preview"]
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in steps(data))
    # The artifact's number is checked before use; the preview says noindex.
    assert "*[!0-9]*" in text and "X-Robots-Tag: noindex" in text and "Disallow: /" in text
    # Nothing from the pull request's event is written into a command line.
    for step in steps(data):
        assert "${{" not in step.get("run", ""), step.get("name")


def test_every_action_is_pinned_by_its_commit():
    for name in ("preview.yml", "preview-publish.yml"):
        data, _ = load(name)
        for step in steps(data):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{name}: {step['uses']}"
