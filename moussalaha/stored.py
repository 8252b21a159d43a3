"""Results kept between builds, each stored under the hash of everything
that makes its bytes, so that a build reuses what an earlier one made from
the very same inputs: the dossiers (sharing/dossier.py), the preview images
(sharing/__init__.py) and the icons (output/mark.py), the compressed copies
of the site's files (output/files.py) and the web editor's rewritten script
(output/admin.py). As mkdocs-material's social plugin keeps its images in
.cache/plugin/social/, and ccache its objects. The build (build.py) makes
the stores at its start and hands each to its step.

- One folder per kind under .cache/moussalaha/ in the project (git-ignored,
  emptied by `make clean`; the deploy workflow keeps it between runs).
- A result is written whole, then renamed: two builds at once each read a
  whole entry or none.
- Reading an entry marks it used (its time); once a kind holds more than
  its limit, the least recently used entries go (trim(): the build at its
  end, build.py; the dossiers' process for theirs, sharing/dossier.py).
- MOUSSALAHA_CACHE=off makes every result again (and stores nothing).
- Never committed: a file there that git tracks (a commit anyone could
  propose) would be published as the build's own, so the build refuses
  to start (refuse_committed(), from Build.check).

What makes a result is the caller's to say, in full (key()): its input
bytes, the versions of the libraries that make it and, where the making is
this package's own code, that code's text (source_digest()).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import threading
from importlib import metadata
from pathlib import Path

from moussalaha.problems import Problem, Problems

FOLDER = Path(".cache") / "moussalaha"
SWITCH = "MOUSSALAHA_CACHE"
OFF = ("off", "0", "false", "no")


def switched_off(variable: str = SWITCH) -> bool:
    return os.environ.get(variable, "").strip().lower() in OFF


def key(*parts) -> str:
    """The hash of everything that makes a result (JSON-serialisable parts;
    bytes are hashed first)."""
    plain = [hashlib.sha256(part).hexdigest() if isinstance(part, bytes) else part for part in parts]
    return hashlib.sha256(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def versions(*packages: str) -> dict[str, str | None]:
    """The installed versions of Python packages, for a key."""
    found = {}
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def source_digest(*files: str | Path) -> str:
    """The hash of source files' text (a module's __file__): a result made
    by this package's own code is made again once that code changes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def refuse_committed(project: Path) -> None:
    """Raise Problems if git tracks a file of the stores in `project`."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", FOLDER.as_posix()], cwd=project,
                                capture_output=True, check=True).stdout.decode(errors="replace")
    except (OSError, subprocess.CalledProcessError):
        return  # not a git checkout: nothing committed
    tracked = sorted(name for name in listed.split("\0") if name)
    if tracked:
        raise Problems([Problem(name, 1, "this file of what earlier builds made is committed: a build would publish "
                                         "it as its own", "remove it from git (git rm -r --cached .cache); "
                                                          ".gitignore keeps .cache/ out") for name in tracked])


class Store:
    """One kind of result, in its folder; a store without a folder (the
    cache turned off) holds nothing."""

    def __init__(self, folder: Path | None, limit: int):
        self.folder = folder
        self.limit = limit  # bytes kept, at most
        self.grown = False  # written to since the last trim()

    @classmethod
    def nothing(cls) -> Store:
        """A store that holds nothing (no folder): what the build has before it starts."""
        return cls(None, 0)

    @classmethod
    def of(cls, project: Path, kind: str, limit: int, switch: str | None = None) -> Store:
        """The store of `kind` in `project`, or an empty one when
        MOUSSALAHA_CACHE (or the kind's own `switch`) is off."""
        if switched_off() or (switch and switched_off(switch)):
            return cls(None, limit)
        return cls(project / FOLDER / kind, limit)

    def __bool__(self) -> bool:
        return self.folder is not None

    def path(self, name: str) -> Path | None:
        return self.folder / name if self.folder is not None else None

    def has(self, name: str) -> bool:
        path = self.path(name)
        return path is not None and path.is_file()

    def read(self, name: str) -> bytes | None:
        """The entry `name` (a key and a suffix), marked used; None if absent."""
        path = self.path(name)
        if path is None:
            return None
        try:
            content = path.read_bytes()
            os.utime(path)
        except OSError:
            return None
        return content

    def write(self, name: str, content: bytes) -> None:
        path = self.path(name)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
        partial.write_bytes(content)
        os.replace(partial, path)
        self.grown = True

    def trim(self) -> None:
        """Once a build is done, if it added any: the least recently used
        entries go while the kind holds more than its limit."""
        if not self.grown or self.folder is None or not self.folder.is_dir():
            return
        self.grown = False
        entries = []
        for path in self.folder.iterdir():
            try:
                status = path.stat()
            except FileNotFoundError:  # gone meanwhile, with another build
                continue
            entries.append((status.st_mtime, status.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda entry: entry[:2]):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size
