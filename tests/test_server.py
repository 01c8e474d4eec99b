"""The language server (`xxgk-lint server`), driven by a real client session over
stdio: initialize, didOpen → publishDiagnostics, codeAction (the safe fixes),
hover (the rule's documentation), didChange, shutdown, exit."""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import line_of, replace_line, seed_text

pytest.importorskip("pygls", reason="the language server needs pygls: pip install '.[server]'")


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdio."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "linter", "server"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def wait(self, matches, timeout: float = 60) -> dict:
        while True:
            message = self.messages.get(timeout=timeout)
            if matches(message):
                return message


@pytest.fixture
def session(tmp_path):
    client = Client(tmp_path)
    reply = client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    assert reply["result"]["serverInfo"]["name"] == "xxgk-lint"
    client.notify("initialized", {})
    yield client, tmp_path
    client.request("shutdown", None)
    client.notify("exit", None)
    assert client.process.wait(timeout=30) == 0


def _published(client: Client, uri: str) -> list[dict]:
    return client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri)["params"]["diagnostics"]


def test_a_session(session, seeds_dir):
    client, folder = session
    text = seed_text("003")
    text = replace_line(text, 40, line_of(text, 40).replace("(一)予以公开", "(一)予以公开的", 1))  # a label typo
    path = folder / "年报.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                            "text": text}})
    diagnostics = _published(client, uri)
    (typo,) = [d for d in diagnostics if d["code"] == "TPL005"]
    assert typo["severity"] == 2 and typo["source"] == "xxgk-lint"
    column = line_of(text, 40).index("(一)予以公开的")  # UTF-16 units = code points on this line (no astral characters)
    assert typo["range"] == {"start": {"line": 39, "character": column}, "end": {"line": 39, "character": column + 8}}

    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": typo["range"],
                                                         "context": {"diagnostics": [typo]}})["result"]
    (action,) = actions
    assert action["kind"] == "quickfix" and "“(一)予以公开的”改为“(一)予以公开”" in action["title"]
    (edit,) = action["edit"]["changes"][uri]
    assert edit == {"range": typo["range"], "newText": "(一)予以公开"}

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": typo["range"]["start"]})
    value = hover["result"]["contents"]["value"]
    assert "TPL005" in value and ("检查内容" in value or "What it does" in value)

    fixed = text.replace("(一)予以公开的", "(一)予以公开", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": fixed}]})
    assert not [d for d in _published(client, uri) if d["code"] == "TPL005"]


def test_positions_in_utf16_past_an_astral_character(session, seeds_dir):
    client, folder = session
    text = seed_text("003")
    line = line_of(text, 40)
    text = replace_line(text, 40, line.replace("三、本年度办理结果", "𠀀三、本年度办理结果", 1)
                        .replace("(一)予以公开", "(一)予以公开的", 1))  # U+20000 is two UTF-16 units
    path = folder / "r.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                            "text": text}})
    (typo,) = [d for d in _published(client, uri) if d["code"] == "TPL005"]
    points = line_of(text, 40).index("(一)予以公开的")
    assert typo["range"]["start"] == {"line": 39, "character": points + 1}  # one more unit than code points
