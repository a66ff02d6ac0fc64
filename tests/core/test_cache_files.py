"""Cache files are written whole or not at all, and a cache that cannot be written is no error."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from dlnotes import _files
from dlnotes._files import write_cache_file


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_a_write_creates_the_folder_and_leaves_only_the_file(tmp_path):
    path = tmp_path / "ab" / "key.svg"
    assert write_cache_file(path, b"<svg/>")
    assert path.read_bytes() == b"<svg/>"
    assert os.listdir(path.parent) == ["key.svg"]


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "key.html"
    path.write_bytes(b"old")

    def refuse(source, target):
        raise PermissionError(13, "read-only", str(target))

    monkeypatch.setattr(_files.os, "replace", refuse)
    assert write_cache_file(path, b"new") is False
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    path = tmp_path / "key.html"
    real_open = open

    class FullDisk:
        def __init__(self, name, mode):
            self.file = real_open(name, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(_files, "open", FullDisk, raising=False)
    assert write_cache_file(path, b"0123456789") is False
    assert not path.exists()
    assert leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_made_is_no_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    assert write_cache_file(blocker / "key.html", b"x") is False


def test_readers_never_see_part_of_a_file_while_threads_write_it(tmp_path):
    path = tmp_path / "key.svg"
    contents = [bytes([65 + n]) * 200_000 for n in range(8)]  # each whole file is one repeated letter
    write_cache_file(path, contents[0])
    seen: set[tuple[int, int]] = set()  # (length, distinct bytes) of every read
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            data = path.read_bytes()
            seen.add((len(data), len(set(data))))

    def write(data: bytes) -> None:
        for _ in range(20):
            assert write_cache_file(path, data)

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=write, args=(data,)) for data in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()
    assert seen == {(200_000, 1)}  # every read was one whole file: full length, a single letter
    assert path.read_bytes() in contents
    assert leftovers(tmp_path) == []
