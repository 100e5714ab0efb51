"""``plansync lsp`` end to end: a real LSP client (pytest-lsp, from the pygls project) starts
the server as an editor does and checks every feature over stdio.

Most tests share one server (module scope; each test opens its own documents); clients with
other capabilities -- no resolve support, another position encoding -- and the lifecycle tests
get servers of their own. Edits the server sends are applied here, with positions converted
independently of the server's code, and compared with what the command line writes to disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from .conftest import commit_all

aio = pytest.mark.asyncio(loop_scope="module")

PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
SYNC = "source.plansync.sync"
FIX_ALL = "source.fixAll.plansync"
ERROR, WARNING = types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning
INSTALL = 'pip install "plansync[lsp]"'
STAMP = re.compile(r" ✅ \d{4}-\d{2}-\d{2}$")
TASK_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)]) \[.\] ")

# -- plans (written for these tests) ---------------------------------------------------------

PLAN_EN = """\
# Rocket plan 🚀

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

## Phase 1: 中文 basics 🚀
- [ x] Broken box under the heading

### 1.1 Setup

- [x] Install the toolchain
- [ ] Write notes about 中文

### 1.2 Launch 🚀

- [x] 🚀 launch 中文 ✅ 2025-02-30
- [/] Polish the demo

## Phase 2: Practice

### 2.1 Exercises

- [x] First exercise
- [-] Dropped exercise
- [ ] Second exercise
  - [x] Part one
  - [x] Part two

<!-- plansync:begin progress -->
<!-- plansync:end progress -->
"""

PLAN_ZH = """\
# 学习计划 📚

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

## 第一阶段：基础 🐍（1-2周）

### 1.1 环境搭建

- [x] 安装 Python 🐍
- [x] 配置编辑器
- [ ] 阅读官方文档

### 1.2 语法

- [ ] 学习列表推导式

## 第二阶段：实践

### 2.1 小项目

- [/] 写一个爬虫 🕷️
- [ ] 写一个命令行工具

<!-- plansync:begin progress depth=sections -->
<!-- plansync:end progress -->
"""

PLAN_STAMPED = """\
# Stamped plan ✅

<!-- plansync:begin summary stamp=done -->
<!-- plansync:end summary -->

## Phase 1: Start

### 1.1 Basics

- [x] Done without a stamp
- [ ] Open but stamped ✅ 2025-01-03
- [x] Done and stamped ✅ 2025-01-02

### 1.2 More 🚀

- [x] Another one ✅ 2025-01-04
- [ ] Not yet 中文
"""

# 1.1 is recorded as done on 2025-03-04; ticking "Write the body" completes 1.2 and phase 1.
PLAN_MILESTONES = """\
# Milestones plan

## Phase 1: Foundations

### 1.1 Reading

- [x] Read the guide
- [x] Read the spec

### 1.2 Writing

- [x] Write the intro
- [ ] Write the body

## Phase 2: 发布

### 2.1 Release

- [ ] Tag it

## Milestones

<!-- plansync:begin milestones -->

- 2025-03-04 — 1.1 Reading

<!-- plansync:end milestones -->
"""

NOT_A_PLAN = """\
# Notes 🚀

Some prose, a [link to nowhere](missing.md) and a [bad anchor](#nowhere).

- a list without boxes
- [ x] is not a box outside a plan either
"""


def line_of(text: str, content: str) -> int:
    """The 0-based line holding exactly ``content``."""
    return text.splitlines().index(content)


# -- positions and edits, counted here independently of the server ---------------------------

_EOL = re.compile(r"\r\n|\r|\n")


def units(s: str, encoding: str = "utf-16") -> int:
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-32":
        return len(s)
    return len(s.encode("utf-16-le")) // 2


def lsp_lines(text: str) -> list[str]:
    """The lines as LSP counts them (``\\r\\n``, ``\\r``, ``\\n`` only), without their endings."""
    return _EOL.split(text)


def to_offset(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    starts = [0, *(m.end() for m in _EOL.finditer(text))]
    if position.line >= len(starts):
        return len(text)
    start = starts[position.line]
    content = lsp_lines(text)[position.line]
    count = 0
    for i, char in enumerate(content):
        if count >= position.character:
            return start + i
        count += units(char, encoding)
    return start + len(content)


def apply_edits(text: str, edits: Sequence[types.TextEdit], encoding: str = "utf-16") -> str:
    spans = sorted(
        (to_offset(text, e.range.start, encoding), to_offset(text, e.range.end, encoding), e.new_text)
        for e in edits
    )
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert end <= start, f"overlapping edits: {spans}"
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def edits_of(edit: types.WorkspaceEdit | None, uri: str, version: int | None = None) -> list[types.TextEdit]:
    """The edits of a WorkspaceEdit to ``uri``, all of it versioned (``documentChanges``, with
    ``version`` when given) or all of it not (``changes``)."""
    assert edit is not None
    if edit.document_changes is not None:
        assert edit.changes is None
        found: list[types.TextEdit] = []
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit), change
            assert change.text_document.uri == uri
            if version is not None:
                assert change.text_document.version == version
            edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
            assert len(edits) == len(change.edits)
            found += edits
        return found
    assert edit.changes is not None and list(edit.changes) == [uri], edit
    return list(edit.changes[uri])


def whole(text: str) -> types.Range:
    lines = lsp_lines(text)
    return types.Range(types.Position(0, 0), types.Position(len(lines) - 1, units(lines[-1])))


def line_range(text: str, line: int) -> types.Range:
    return types.Range(types.Position(line, 0), types.Position(line, units(lsp_lines(text)[line])))


# -- the command line, on a copy ----------------------------------------------------------------

_copies = itertools.count()


def cli_writes(tmp: Path, files: dict[str, str], *args: str) -> str:
    """What ``plansync ARGS FILE`` leaves in the first of ``files`` (written byte for byte into
    a fresh directory, with the others beside it)."""
    folder = tmp / f"cli-{next(_copies)}"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    target = folder / next(iter(files))
    subprocess.run(
        [sys.executable, "-m", "plansync", *args, str(target)], cwd=folder, capture_output=True, check=False
    )
    return target.read_bytes().decode("utf-8")


def cli_findings(tmp: Path, text: str) -> list[tuple[str, str, int, int, str]]:
    """(code, severity, 1-based line, col, message) of ``plansync check --format json``."""
    folder = tmp / f"cli-{next(_copies)}"
    folder.mkdir()
    (folder / "plan.md").write_bytes(text.encode("utf-8"))
    out = subprocess.run(
        [sys.executable, "-m", "plansync", "check", "--format", "json", "plan.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = json.loads(out)["files"][0]["diagnostics"]
    return [(d["code"], d["severity"], d["line"], d["col"], d["message"]) for d in found]


# -- the client ---------------------------------------------------------------------------------


class PlanClient(LanguageClient):
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version) and every
    edit the server asked it to apply."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.applied: list[types.WorkspaceEdit] = []
        self.arrived = asyncio.Event()
        self.result: types.InitializeResult | None = None
        self.encoding = "utf-16"
        #: The one position encoding the client offers, if any.
        self.offered: str | None = None


def converter() -> Any:
    """pygls' converter, reading a code action as the protocol defines it: lsprotocol 2025.0.0
    takes any result with a ``command`` for a Command, so a CodeAction carrying a Command (what
    the server sends a client that cannot resolve) would come out as a mangled Command."""
    made = default_converter()  # type: ignore[no-untyped-call]

    def code_action(value: Any, _: type) -> types.Command | types.CodeAction:
        kind = types.Command if isinstance(value.get("command"), str) else types.CodeAction
        found: types.Command | types.CodeAction = made.structure(value, kind)
        return found

    made.register_structure_hook(types.Command | types.CodeAction, code_action)
    return made


def make_client() -> PlanClient:
    client = PlanClient(converter_factory=converter)
    register_lsp_features(client, {k: v for k, v in DEFAULT_CLIENT_FEATURES.items() if k != PUBLISH})

    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics
        client.arrived.set()

    def on_apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        client.applied.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    client.feature(PUBLISH)(on_publish)
    client.feature(types.WORKSPACE_APPLY_EDIT)(on_apply_edit)
    return client


def capabilities(
    resolve: bool = True, document_changes: bool = True, encodings: list[str] | None = None
) -> types.ClientCapabilities:
    kinds = ["", "quickfix", "refactor", "refactor.rewrite", "source"]
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=types.WorkspaceClientCapabilities(
            apply_edit=True,
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=document_changes),
            execute_command=types.ExecuteCommandClientCapabilities(),
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    types.ClientCodeActionKindOptions(value_set=kinds)
                ),
                is_preferred_support=True,
                data_support=resolve,
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
                if resolve
                else None,
            ),
            hover=types.HoverClientCapabilities(
                content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            inlay_hint=types.InlayHintClientCapabilities(),
        ),
    )


async def start(client: PlanClient, root: Path, caps: types.ClientCapabilities) -> None:
    client.result = await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
        )
    )
    client.encoding = str(client.result.capabilities.position_encoding or "utf-16")


# No GIT_* variable of the caller reaches the server, nor the caller's git configuration.
SERVER_ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": str(Path(tempfile.gettempdir()) / "plansync-lsp-tests-home"),
}
SERVER = [sys.executable, "-m", "plansync", "lsp"]
CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client, server_env=SERVER_ENV)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("plans")


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def client(lsp_client: PlanClient, root: Path) -> AsyncIterator[None]:
    """The shared server: a client that resolves code actions and takes versioned edits."""
    await start(lsp_client, root, capabilities())
    yield
    await lsp_client.shutdown_session()


# -- documents ----------------------------------------------------------------------------------


@dataclass
class Doc:
    uri: str
    path: Path
    text: str
    version: int = 1


def open_doc(client: PlanClient, path: Path, text: str) -> Doc:
    """Write ``text`` to ``path`` and open it in the editor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    doc = Doc(path.as_uri(), path, text)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(doc.uri, "markdown", 1, text))
    )
    return doc


def change(client: PlanClient, doc: Doc, text: str) -> int:
    """Send the whole new text (the server asks for full sync); the new version."""
    doc.version += 1
    doc.text = text
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(doc.version, doc.uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    return doc.version


async def publication(
    client: PlanClient,
    uri: str,
    version: int | None = None,
    since: int = 0,
    want: Callable[[Sequence[types.Diagnostic]], bool] = lambda _: True,
    timeout: float = 15.0,
) -> types.PublishDiagnosticsParams:
    """The first diagnostics published for ``uri`` from index ``since`` on, for ``version``
    when given, that ``want`` accepts."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        client.arrived.clear()
        for params in client.published[since:]:
            if params.uri == uri and version in (None, params.version) and want(params.diagnostics):
                return params
        left = deadline - loop.time()
        if left <= 0:
            seen = [(p.version, summary(p.diagnostics)) for p in client.published[since:] if p.uri == uri]
            raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout} s: {seen}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(client.arrived.wait(), left)


def summary(diagnostics: Sequence[types.Diagnostic]) -> list[tuple[Any, Any, int, int]]:
    """(code, severity, line, start column) of each diagnostic."""
    return [(d.code, d.severity, d.range.start.line, d.range.start.character) for d in diagnostics]


def codes(diagnostics: Sequence[types.Diagnostic]) -> set[Any]:
    return {d.code for d in diagnostics}


async def actions_for(
    client: PlanClient, doc: Doc, where: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(doc.uri),
            where,
            types.CodeActionContext(diagnostics=list(client.diagnostics.get(doc.uri, [])), only=only),
        )
    )
    assert all(isinstance(a, types.CodeAction) for a in found or []), found
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


async def resolved_edit(client: PlanClient, doc: Doc, kind: str) -> list[types.TextEdit]:
    """The edits of the whole-plan action of ``kind``, resolved as a client that can does."""
    (action,) = await actions_for(client, doc, whole(doc.text), only=[kind])
    assert action.kind == kind and action.edit is None and action.command is None
    assert action.data is not None
    done = await client.code_action_resolve_async(action)
    return edits_of(done.edit, doc.uri, doc.version)


async def hover_text(client: PlanClient, doc: Doc, line: int, character: int = 4) -> str | None:
    found = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(doc.uri), types.Position(line, character))
    )
    if found is None:
        return None
    assert isinstance(found.contents, types.MarkupContent)
    assert found.contents.kind == types.MarkupKind.Markdown
    assert found.range == line_range(doc.text, line)
    return found.contents.value


async def hints(client: PlanClient, doc: Doc, where: types.Range | None = None) -> dict[int, list[str]]:
    found = await client.text_document_inlay_hint_async(
        types.InlayHintParams(types.TextDocumentIdentifier(doc.uri), where or whole(doc.text))
    )
    labels: dict[int, list[str]] = {}
    for hint in found or []:
        assert isinstance(hint.label, str)
        assert hint.position.character == units(lsp_lines(doc.text)[hint.position.line])
        labels.setdefault(hint.position.line, []).append(hint.label)
    return labels


async def toggle(client: PlanClient, doc: Doc, line: int) -> list[types.WorkspaceEdit]:
    """Run ``plansync.toggleTask`` on ``line``: the edits the server asked to apply meanwhile."""
    before = len(client.applied)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams("plansync.toggleTask", [doc.uri, {"line": line, "character": 2}])
    )
    return client.applied[before:]


def confined(old: str, edits: Sequence[types.TextEdit]) -> list[str]:
    """Why each edit strays outside region bodies and stamp lines (empty: none does)."""
    lines = lsp_lines(old)
    bodies = []
    for begin, text in enumerate(lines):
        if m := re.match(r"<!-- plansync:begin (\S+)", text):
            stop = next(
                i for i in range(begin + 1, len(lines)) if lines[i] == f"<!-- plansync:end {m[1]} -->"
            )
            bodies.append((begin, stop))
    strays = []
    for edit in edits:
        start, end = edit.range.start, edit.range.end
        if start.character or end.character:
            strays.append(f"not whole lines: {edit}")
        elif any(begin < start.line and end.line <= stop for begin, stop in bodies):
            continue
        elif end.line - start.line != 1 or not TASK_LINE.match(lines[start.line]):
            strays.append(f"outside every region body: {edit}")
        elif STAMP.sub("", lines[start.line]) != STAMP.sub("", edit.new_text.rstrip("\r\n")):
            strays.append(f"more than a stamp changes: {edit}")
    return strays


# -- capabilities and diagnostics ---------------------------------------------------------------


@aio
async def test_initialize_announces_every_feature(client: PlanClient) -> None:
    assert client.result is not None
    caps = client.result.capabilities
    assert client.result.server_info is not None and client.result.server_info.name == "plansync"
    assert isinstance(caps.text_document_sync, types.TextDocumentSyncOptions)
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert caps.code_action_provider.resolve_provider is True
    assert set(caps.code_action_provider.code_action_kinds or []) >= {"quickfix", SYNC, FIX_ALL}
    assert caps.execute_command_provider is not None
    assert set(caps.execute_command_provider.commands) >= {
        "plansync.toggleTask",
        "plansync.sync",
        "plansync.fixAll",
    }
    assert caps.hover_provider and caps.inlay_hint_provider and caps.document_symbol_provider


@aio
async def test_diagnostics_on_open_match_check_with_utf16_columns(
    client: PlanClient, root: Path, tmp_path: Path
) -> None:
    doc = open_doc(client, root / "open" / "plan.md", PLAN_EN)
    found = (await publication(client, doc.uri, version=1)).diagnostics
    broken = line_of(PLAN_EN, "- [ x] Broken box under the heading")
    stamped = line_of(PLAN_EN, "- [x] 🚀 launch 中文 ✅ 2025-02-30")
    parent = line_of(PLAN_EN, "- [ ] Second exercise")
    assert summary(found) == [
        ("PS501", ERROR, 2, 0),
        ("PS101", ERROR, broken, 2),
        # "- [x] 🚀 launch 中文 " is 18 code points and 19 UTF-16 code units (🚀 takes two).
        ("PS304", WARNING, stamped, 19),
        ("PS302", WARNING, parent, 2),
        ("PS501", ERROR, line_of(PLAN_EN, "<!-- plansync:begin progress -->"), 0),
    ]
    lines = lsp_lines(PLAN_EN)
    expected = cli_findings(tmp_path, PLAN_EN)
    assert [(d.code, d.message) for d in found] == [(c, m) for c, _, _, _, m in expected]
    for d, (code, severity, line, col, _) in zip(found, expected, strict=True):
        assert d.severity == {"error": ERROR, "warning": WARNING}[severity]
        assert d.range.start == types.Position(line - 1, units(lines[line - 1][: col - 1]))
        assert d.range.end == types.Position(line - 1, units(lines[line - 1]))
        assert d.source == "plansync"
        assert d.data == {"explain": f"plansync rules {code}", "fixable": code in ("PS101", "PS302")}


@aio
async def test_a_markdown_file_without_tasks_or_regions_gets_no_diagnostics(
    client: PlanClient, root: Path
) -> None:
    doc = open_doc(client, root / "notes" / "README.md", NOT_A_PLAN)
    assert list((await publication(client, doc.uri, version=1)).diagnostics) == []
    assert await hints(client, doc) == {}
    assert await actions_for(client, doc, whole(doc.text)) == []


@aio
async def test_did_close_clears_the_diagnostics(client: PlanClient, root: Path) -> None:
    doc = open_doc(client, root / "close" / "plan.md", PLAN_EN)
    assert (await publication(client, doc.uri, version=1)).diagnostics
    since = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(doc.uri)))
    assert list((await publication(client, doc.uri, since=since)).diagnostics) == []


# -- CRLF -----------------------------------------------------------------------------------------


@aio
async def test_crlf_document(client: PlanClient, root: Path, tmp_path: Path) -> None:
    text = PLAN_EN.replace("\n", "\r\n")
    lf = open_doc(client, root / "crlf" / "lf.md", PLAN_EN)
    doc = open_doc(client, root / "crlf" / "plan.md", text)
    expected = summary((await publication(client, lf.uri, version=1)).diagnostics)
    assert summary((await publication(client, doc.uri, version=1)).diagnostics) == expected

    edits = await resolved_edit(client, doc, SYNC)
    synced = apply_edits(text, edits)
    assert synced != text
    assert synced == cli_writes(tmp_path, {"plan.md": text}, "sync")
    assert "\n" not in synced.replace("\r\n", "")
    assert confined(text, edits) == []

    # Quick fix, toggle and hints: columns end before the \r, edits keep every \r\n.
    broken = line_of(PLAN_EN, "- [ x] Broken box under the heading")
    (fix,) = await actions_for(client, doc, line_range(text, broken), only=["quickfix"])
    fixed = apply_edits(text, edits_of(fix.edit, doc.uri, 1))
    assert fixed == text.replace("- [ x] Broken", "- [x] Broken")
    (edit,) = await toggle(client, doc, line_of(PLAN_EN, "- [ ] Write notes about 中文"))
    assert apply_edits(text, edits_of(edit, doc.uri, 1)) == text.replace("- [ ] Write", "- [x] Write")
    assert (await hints(client, doc))[line_of(PLAN_EN, "### 1.2 Launch 🚀")] == ["1/2 · 50%"]


# -- sync, fixes, toggling ------------------------------------------------------------------------

MILESTONES_TICKED = PLAN_MILESTONES.replace("- [ ] Write the body", "- [x] Write the body")


@aio
@pytest.mark.parametrize(
    "name, text",
    [("en", PLAN_EN), ("zh", PLAN_ZH), ("stamped", PLAN_STAMPED), ("milestones", MILESTONES_TICKED)],
)
async def test_sync_edit_is_what_sync_writes(
    client: PlanClient, root: Path, tmp_path: Path, name: str, text: str
) -> None:
    doc = open_doc(client, root / "sync" / f"{name}.md", text)
    await publication(client, doc.uri, version=1)
    edits = await resolved_edit(client, doc, SYNC)
    synced = apply_edits(text, edits)
    assert synced != text
    assert synced == cli_writes(tmp_path, {f"{name}.md": text}, "sync")
    assert confined(text, edits) == []
    assert len(edits) < len(lsp_lines(text)) // 2  # edits per region and per line, not one big one

    version = change(client, doc, synced)
    after = (await publication(client, doc.uri, version=version)).diagnostics
    assert not codes(after) & {"PS501", "PS503"}
    assert await actions_for(client, doc, whole(synced), only=[SYNC]) == []


@aio
async def test_stamped_sync_touches_region_bodies_and_stamp_lines_only(
    client: PlanClient, root: Path
) -> None:
    doc = open_doc(client, root / "stamps" / "plan.md", PLAN_STAMPED)
    found = (await publication(client, doc.uri, version=1)).diagnostics
    unstamped = line_of(PLAN_STAMPED, "- [x] Done without a stamp")
    stale = line_of(PLAN_STAMPED, "- [ ] Open but stamped ✅ 2025-01-03")
    assert [(d.code, d.range.start.line) for d in found if d.code == "PS503"] == [
        ("PS503", unstamped),
        ("PS503", stale),
    ]
    edits = await resolved_edit(client, doc, SYNC)
    by_line = {e.range.start.line: e.new_text for e in edits if e.range.end.line - e.range.start.line == 1}
    today = dt.date.today().isoformat()
    assert by_line[unstamped] == f"- [x] Done without a stamp ✅ {today}\n"
    assert by_line[stale] == "- [ ] Open but stamped\n"
    summary_end = line_of(PLAN_STAMPED, "<!-- plansync:end summary -->")
    assert [e.range.start.line for e in edits] == [summary_end, unstamped, stale]  # a body, two stamps


@aio
@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("- [ x] Broken box under the heading", "- [x] Broken box under the heading"),
        ("- [ ] Second exercise", "- [x] Second exercise"),
    ],
    ids=["PS101", "PS302"],
)
async def test_quick_fix(client: PlanClient, root: Path, broken: str, fixed: str) -> None:
    doc = open_doc(client, root / "quickfix" / f"{fixed[-8:].strip()}.md", PLAN_EN)
    found = (await publication(client, doc.uri, version=1)).diagnostics
    line = line_of(PLAN_EN, broken)
    (finding,) = [d for d in found if d.range.start.line == line]

    actions = await actions_for(client, doc, line_range(PLAN_EN, line))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert len(quick) == 1
    assert quick[0].title == f"Fix {finding.code}: {finding.message}"
    assert quick[0].is_preferred is True
    assert [d.code for d in quick[0].diagnostics or []] == [finding.code]
    new = apply_edits(PLAN_EN, edits_of(quick[0].edit, doc.uri, 1))
    assert lsp_lines(new) == [fixed if i == line else s for i, s in enumerate(lsp_lines(PLAN_EN))]

    version = change(client, doc, new)
    after = (await publication(client, doc.uri, version=version)).diagnostics
    assert finding.code not in codes(after)


@aio
async def test_fix_all_is_what_check_fix_writes(client: PlanClient, root: Path, tmp_path: Path) -> None:
    doc = open_doc(client, root / "fixall" / "plan.md", PLAN_EN)
    await publication(client, doc.uri, version=1)
    kinds = [a.kind for a in await actions_for(client, doc, whole(PLAN_EN))]
    assert kinds.count(SYNC) == 1 and kinds.count(FIX_ALL) == 1
    fixed = apply_edits(PLAN_EN, await resolved_edit(client, doc, FIX_ALL))
    assert fixed == cli_writes(tmp_path, {"plan.md": PLAN_EN}, "check", "--fix")
    assert "- [x] Broken box under the heading" in fixed.splitlines()
    assert "- [x] Second exercise" in fixed.splitlines()


@aio
async def test_code_actions_of_the_kinds_asked_for(client: PlanClient, root: Path) -> None:
    doc = open_doc(client, root / "kinds" / "plan.md", PLAN_EN)
    await publication(client, doc.uri, version=1)
    task = line_range(PLAN_EN, line_of(PLAN_EN, "- [ ] Second exercise"))  # open, and fixable (PS302)

    async def kinds(only: list[str] | None) -> list[str | None]:
        return [a.kind for a in await actions_for(client, doc, task, only)]

    assert await kinds(None) == ["quickfix", "refactor.rewrite", SYNC, FIX_ALL]
    assert await kinds(["source"]) == [SYNC, FIX_ALL]
    assert await kinds(["source.fixAll"]) == [FIX_ALL]
    assert await kinds(["source.plansync.sync"]) == [SYNC]
    assert await kinds(["refactor.rewrite"]) == ["refactor.rewrite"]
    assert await kinds(["quickfix"]) == ["quickfix"]
    assert await kinds(["refactor.extract"]) == []
    # A blank line has no task and no finding: only the whole-plan actions.
    blank = line_range(PLAN_EN, 1)
    assert [a.kind for a in await actions_for(client, doc, blank)] == [SYNC, FIX_ALL]


@aio
async def test_asking_for_refactor_actions_gives_the_toggle(client: PlanClient, root: Path) -> None:
    """A kind includes its sub-kinds: VS Code's "Refactor..." asks for ``only: ["refactor"]``."""
    doc = open_doc(client, root / "refactor" / "plan.md", PLAN_EN)
    await publication(client, doc.uri, version=1)
    task = line_range(PLAN_EN, line_of(PLAN_EN, "- [ ] Write notes about 中文"))
    found = await actions_for(client, doc, task, ["refactor"])
    assert [(a.kind, a.title) for a in found] == [("refactor.rewrite", "Tick task")]


@aio
async def test_toggle_command_without_stamps(client: PlanClient, root: Path) -> None:
    doc = open_doc(client, root / "toggle" / "plan.md", PLAN_EN)
    await publication(client, doc.uri, version=1)
    cases = [
        ("- [ ] Write notes about 中文", "- [x] Write notes about 中文"),
        ("- [x] Install the toolchain", "- [ ] Install the toolchain"),
        ("- [/] Polish the demo", "- [x] Polish the demo"),
        ("- [-] Dropped exercise", "- [x] Dropped exercise"),
        # No stamping in this plan: a stamp already there stays as it is.
        ("- [x] 🚀 launch 中文 ✅ 2025-02-30", "- [ ] 🚀 launch 中文 ✅ 2025-02-30"),
    ]
    for old, new in cases:
        line = line_of(doc.text, old)
        (edit,) = await toggle(client, doc, line)
        edits = edits_of(edit, doc.uri, doc.version)
        assert len(edits) == 1
        toggled = apply_edits(doc.text, edits)
        assert lsp_lines(toggled) == [new if i == line else s for i, s in enumerate(lsp_lines(doc.text))]
        version = change(client, doc, toggled)
        await publication(client, doc.uri, version=version)

    line = line_of(doc.text, "- [x] Write notes about 中文")
    (edit,) = await toggle(client, doc, line)
    assert lsp_lines(apply_edits(doc.text, edits_of(edit, doc.uri)))[line] == "- [ ] Write notes about 中文"
    assert await toggle(client, doc, line_of(doc.text, "### 1.1 Setup")) == []
    assert await toggle(client, doc, 1) == []
    assert await toggle(client, doc, 500) == []
    before = len(client.applied)
    for arguments in ([], [doc.uri], [doc.uri, "line 3"], ["file:///nowhere.md", {"line": 10}]):
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams("plansync.toggleTask", arguments)
        )
    assert client.applied[before:] == []
    assert await hover_text(client, doc, line_of(doc.text, "- [x] Polish the demo")) is not None


@aio
async def test_toggle_with_stamps(client: PlanClient, root: Path) -> None:
    doc = open_doc(client, root / "toggle-stamps" / "plan.md", PLAN_STAMPED)
    await publication(client, doc.uri, version=1)
    today = dt.date.today().isoformat()
    cases = [
        ("- [ ] Not yet 中文", f"- [x] Not yet 中文 ✅ {today}", "Tick task"),
        ("- [x] Done and stamped ✅ 2025-01-02", "- [ ] Done and stamped", "Untick task"),
        # A stamp already on an open task stays when it is ticked (as sync would keep it).
        ("- [ ] Open but stamped ✅ 2025-01-03", "- [x] Open but stamped ✅ 2025-01-03", "Tick task"),
    ]
    for old, new, title in cases:
        line = line_of(PLAN_STAMPED, old)
        (edit,) = await toggle(client, doc, line)
        command_edits = edits_of(edit, doc.uri, 1)
        assert lsp_lines(apply_edits(PLAN_STAMPED, command_edits))[line] == new
        actions = await actions_for(client, doc, line_range(PLAN_STAMPED, line))
        (action,) = [a for a in actions if a.kind == types.CodeActionKind.RefactorRewrite]
        assert action.title == title
        assert edits_of(action.edit, doc.uri, 1) == command_edits


# -- refused texts --------------------------------------------------------------------------------

TASKS = "## Phase 1\n\n- [ ] first task\n- [x] second task\n"


REFUSED = {
    "unclosed": ("<!-- plansync:begin summary -->\n", [2], "is never closed"),
    "unopened": ("<!-- plansync:end summary -->\n", [2], "without a matching plansync:begin"),
    # Two problems: the malformed begin, and the end it leaves without a begin.
    "malformed": (
        "<!--plansync:BEGIN summary-->\n<!-- plansync:end summary -->\n",
        [2, 3],
        "malformed marker",
    ),
    "conflict": ("<<<<<<< HEAD\n- [ ] a\n=======\n- [x] a\n>>>>>>> other\n", [2], "merge conflict"),
    "missing-source": (
        "<!-- plansync:begin summary source=missing.md -->\n<!-- plansync:end summary -->\n",
        [2],
        "source=missing.md: no such file",
    ),
    "outside-source": (
        "<!-- plansync:begin summary source=../x.md -->\n<!-- plansync:end summary -->\n",
        [2],
        "outside",
    ),
}


@aio
@pytest.mark.parametrize("name", list(REFUSED))
async def test_a_refused_text_gets_an_error_and_the_server_keeps_answering(
    client: PlanClient, root: Path, name: str
) -> None:
    middle, lines, says = REFUSED[name]
    broken = f"# P\n\n{middle}\n{TASKS}"
    doc = open_doc(client, root / f"refused-{name}" / "plan.md", broken)
    found = (await publication(client, doc.uri, version=1)).diagnostics
    assert [(d.code, d.severity, d.range.start.line, d.source) for d in found] == [
        (None, ERROR, line, "plansync") for line in lines
    ]
    assert says in found[0].message
    task = line_of(broken, "- [ ] first task")
    assert await hover_text(client, doc, task) is None
    assert await hints(client, doc) == {}
    assert await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(doc.uri))
    ) in (None, [])
    assert await actions_for(client, doc, whole(broken)) == []

    repaired = "# P\n\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n\n" + TASKS
    version = change(client, doc, repaired)
    after = (await publication(client, doc.uri, version=version)).diagnostics
    assert summary(after) == [("PS501", ERROR, 2, 0)]
    assert await hover_text(client, doc, line_of(repaired, "- [ ] first task")) == "**open** · section 1"


# -- two documents: a source= region on another plan ---------------------------------------------

SOURCE_PLAN = """\
# Backend 🚀

## Phase 1: 接口

### 1.1 Endpoints

- [x] GET /tasks
- [ ] POST /tasks

## Phase 2: Tests

### 2.1 Cases

- [ ] Happy path
"""

SUMMARY_OF_SOURCE = """\
# Overview

<!-- plansync:begin summary source=b.md -->
<!-- plansync:end summary -->
"""


@aio
async def test_editing_a_source_plan_refreshes_the_plan_summarising_it(
    client: PlanClient, root: Path, tmp_path: Path
) -> None:
    folder = root / "two"
    synced_a = cli_writes(tmp_path, {"a.md": SUMMARY_OF_SOURCE, "b.md": SOURCE_PLAN}, "sync")
    a = open_doc(client, folder / "a.md", synced_a)
    b = open_doc(client, folder / "b.md", SOURCE_PLAN)
    assert list((await publication(client, a.uri, version=1)).diagnostics) == []
    await publication(client, b.uri, version=1)

    since = len(client.published)
    ticked = SOURCE_PLAN.replace("- [ ] POST /tasks", "- [x] POST /tasks")
    change(client, b, ticked)  # unsaved: the file on disk still says open
    stale = await publication(client, a.uri, since=since, want=lambda d: "PS501" in codes(d))
    assert stale.version == 1 and summary(stale.diagnostics) == [("PS501", ERROR, 2, 0)]

    synced = apply_edits(a.text, await resolved_edit(client, a, SYNC))
    assert synced == cli_writes(tmp_path, {"a.md": synced_a, "b.md": ticked}, "sync")
    assert "POST /tasks" not in synced  # no longer among the next tasks

    since = len(client.published)
    change(client, b, SOURCE_PLAN)
    assert list((await publication(client, a.uri, since=since)).diagnostics) == []


@aio
async def test_closing_a_source_plan_without_saving_refreshes_the_plan_summarising_it(
    client: PlanClient, root: Path, tmp_path: Path
) -> None:
    """Closing B drops its unsaved edits: A summarises B's file again, which it matches."""
    folder = root / "two-closed"
    synced_a = cli_writes(tmp_path, {"a.md": SUMMARY_OF_SOURCE, "b.md": SOURCE_PLAN}, "sync")
    a = open_doc(client, folder / "a.md", synced_a)
    b = open_doc(client, folder / "b.md", SOURCE_PLAN)
    await publication(client, a.uri, version=1)
    since = len(client.published)
    change(client, b, SOURCE_PLAN.replace("- [ ] POST /tasks", "- [x] POST /tasks"))
    await publication(client, a.uri, since=since, want=lambda d: "PS501" in codes(d))

    since = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(b.uri)))
    assert list((await publication(client, a.uri, since=since, timeout=5)).diagnostics) == []
    assert await actions_for(client, a, whole(a.text), only=[SYNC]) == []


# -- a burst of changes ---------------------------------------------------------------------------


def burst_text(version: int) -> str:
    """Version ``version`` of the burst's document: the broken box moves down a line each time."""
    tasks = "".join(f"- [ ] Task {n} 🚀\n" for n in range(version))
    return f"# Burst 中文\n\n## Phase 1\n\n{tasks}- [ x] Broken\n"


@aio
async def test_a_burst_of_50_changes_ends_with_the_diagnostics_of_the_last_text(
    client: PlanClient, root: Path
) -> None:
    doc = open_doc(client, root / "burst" / "plan.md", burst_text(1))
    await publication(client, doc.uri, version=1)
    since = len(client.published)
    for version in range(2, 52):
        change(client, doc, burst_text(version))  # notifications: nothing waits for the server
    final = await publication(client, doc.uri, version=51, since=since)
    assert summary(final.diagnostics) == [("PS101", ERROR, 4 + 51, 2)]

    # Everything published meanwhile is true of the version it names, in order of versions.
    seen = [p for p in client.published[since:] if p.uri == doc.uri]
    assert [p.version for p in seen] == sorted(p.version or 0 for p in seen)
    for params in seen:
        assert params.version is not None
        assert summary(params.diagnostics) == [("PS101", ERROR, 4 + params.version, 2)]
    hover = await hover_text(client, doc, 4 + 50)
    assert hover == "**open** · section 1"


def big_plan(phases: int, tasks: int) -> str:
    body = "".join(
        f"\n## Phase {n}\n\n### {n}.1 Work\n\n" + "".join(f"- [ ] Task {n}.{k}\n" for k in range(tasks))
        for n in range(1, phases + 1)
    )
    return f"# Big\n\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n{body}"


def index_of(client: PlanClient, params: types.PublishDiagnosticsParams) -> int:
    return next(i for i, p in enumerate(client.published) if p is params)


@aio
async def test_a_document_closed_and_opened_again_gets_the_diagnostics_of_its_new_text(
    client: PlanClient, root: Path
) -> None:
    """Versions start again at 1 when a document is opened again (as editors do): an analysis
    of the old text still under way must not be published for the new one."""
    path = root / "reopen" / "plan.md"
    doc = open_doc(client, path, big_plan(400, 20))  # its analysis takes some 0.3 s
    # A request the server answers at once: by then the big text's analysis is under way.
    await client.workspace_execute_command_async(types.ExecuteCommandParams("plansync.toggleTask", []))
    since = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(doc.uri)))
    small = "# Small\n\n## Phase 1\n\n- [ x] Broken\n- [ ] Open\n"
    doc = open_doc(client, path, small)
    closed = await publication(client, doc.uri, since=since, want=lambda found: not found)
    if any(p.uri == doc.uri for p in client.published[since : index_of(client, closed)]):
        pytest.skip("the big text's analysis was over before the close: nothing to race with")
    reopened = await publication(client, doc.uri, version=1, since=index_of(client, closed) + 1)
    assert summary(reopened.diagnostics) == [("PS101", ERROR, 4, 2)]


@aio
async def test_line_breaks_are_those_of_lsp_only(client: PlanClient, root: Path, tmp_path: Path) -> None:
    """A lone CR ends a line; U+2028, U+0085 and a form feed do not (Python's splitlines
    would say they do, and shift every line after them)."""
    odd = PLAN_EN.replace("Install the toolchain", "Install\u2028the\x0ctool\x85chain")
    lf = open_doc(client, root / "breaks" / "lf.md", PLAN_EN)
    expected = summary((await publication(client, lf.uri, version=1)).diagnostics)
    for name, text in (("cr", PLAN_EN.replace("\n", "\r")), ("separators", odd)):
        doc = open_doc(client, root / "breaks" / f"{name}.md", text)
        assert summary((await publication(client, doc.uri, version=1)).diagnostics) == expected, name
        synced = apply_edits(text, await resolved_edit(client, doc, SYNC))
        assert synced == cli_writes(tmp_path, {"plan.md": text}, "sync"), name
        line = line_of(PLAN_EN, "- [ ] Write notes about 中文")
        assert await hover_text(client, doc, line) == "**open** · section 1.1"


@aio
async def test_an_untitled_buffer_is_a_plan_too(client: PlanClient, tmp_path: Path) -> None:
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, PLAN_ZH))
    )
    found = (await publication(client, uri, version=1)).diagnostics
    assert summary(found) == [
        ("PS501", ERROR, 2, 0),
        ("PS501", ERROR, line_of(PLAN_ZH, "<!-- plansync:begin progress depth=sections -->"), 0),
    ]
    doc = Doc(uri, tmp_path / "nowhere.md", PLAN_ZH)
    synced = apply_edits(PLAN_ZH, await resolved_edit(client, doc, SYNC))
    assert synced == cli_writes(tmp_path, {"plan.md": PLAN_ZH}, "sync")
    assert await hover_text(client, doc, line_of(PLAN_ZH, "- [ ] 阅读官方文档")) == "**open** · section 1.1"
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))


@aio
async def test_configuration_is_found_as_the_command_line_finds_it(client: PlanClient, root: Path) -> None:
    folder = root / "configured"
    folder.mkdir()
    config = folder / ".plansync.toml"
    config.write_text('ignore = ["PS304"]\ncancelled-in-total = true\nseverity = { PS101 = "warning" }\n')
    doc = open_doc(client, folder / "plan.md", PLAN_EN)
    found = (await publication(client, doc.uri, version=1)).diagnostics
    assert [(d.code, d.severity) for d in found] == [
        ("PS501", ERROR),
        ("PS101", WARNING),
        ("PS302", WARNING),
        ("PS501", ERROR),
    ]
    # The dropped exercise stays in the total: 3 of 5, not 3 of 4.
    assert (await hints(client, doc))[line_of(PLAN_EN, "### 2.1 Exercises")] == ["3/5 · 60%"]

    config.write_text('ignore = ["PS304"]\nbogus = 1\n')
    since = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(doc.uri)))
    (refused,) = (await publication(client, doc.uri, since=since)).diagnostics
    assert (refused.code, refused.severity, refused.range.start) == (None, ERROR, types.Position(0, 0))
    assert f"{config}:2:1: unknown key 'bogus'" in refused.message
    assert await hints(client, doc) == {}

    config.write_text("")
    since = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(doc.uri)))
    found = (await publication(client, doc.uri, since=since)).diagnostics
    assert [d.code for d in found] == ["PS501", "PS101", "PS304", "PS302", "PS501"]


# -- reading: hints, symbols, hover ----------------------------------------------------------------


def scheduled_plan(today: dt.date) -> str:
    start = today - dt.timedelta(days=10)
    return f"""\
---
start: {start.isoformat()}
---

# Schedule 🗓️

## Phase 1: 基础 🚀 (week 1)

### 1.1 Reading

- [x] a
- [ ] b
- [x] c
- [x] d
- [x] e
- [ ] f
- [x] g
- [ ] h

## Phase 2: Practice (weeks 2-3)

### 2.1 Drills

- [x] one
- [ ] two

### 2.2 Games

- [-] cancelled
- [/] doing

## Phase 3: Wrap-up

### 3.1 Finished

- [x] all
"""


@aio
async def test_inlay_hints_show_progress_and_schedule_at_headings(client: PlanClient, root: Path) -> None:
    today = dt.date.today()
    text = scheduled_plan(today)
    doc = open_doc(client, root / "hints" / "plan.md", text)
    await publication(client, doc.uri, version=1)

    def at(heading: str) -> int:
        return line_of(text, heading)

    due = (today + dt.timedelta(days=11)).isoformat()  # start + 3 weeks
    expected = {
        # Due start + 1 week, three days ago, with 3 of 8 tasks left.
        at("## Phase 1: 基础 🚀 (week 1)"): ["5/8 · 62.5% · behind by 3 days"],
        at("### 1.1 Reading"): ["5/8 · 62.5%"],
        at("## Phase 2: Practice (weeks 2-3)"): [f"1/3 · 33.3% · due {due}"],
        at("### 2.1 Drills"): ["1/2 · 50%"],
        at("### 2.2 Games"): ["0/1 · 0%"],
        at("## Phase 3: Wrap-up"): ["1/1 · 100%"],
        at("### 3.1 Finished"): ["1/1 · 100%"],
    }
    assert await hints(client, doc) == expected
    # The heading with 🚀 ends at column 26 in UTF-16 (25 code points).
    assert units(lsp_lines(text)[at("## Phase 1: 基础 🚀 (week 1)")]) == 26
    middle = types.Range(types.Position(at("## Phase 2: Practice (weeks 2-3)"), 0), types.Position(30, 0))
    assert list(await hints(client, doc, middle)) == [at("## Phase 2: Practice (weeks 2-3)"), 21, 26]

    # Unsaved progress shows at once.
    version = change(client, doc, text.replace("- [ ] b", "- [x] b"))
    await publication(client, doc.uri, version=version)
    assert (await hints(client, doc))[at("### 1.1 Reading")] == ["6/8 · 75%"]


@aio
async def test_document_symbols_are_phases_holding_sections(client: PlanClient, root: Path) -> None:
    doc = open_doc(client, root / "symbols" / "plan.md", PLAN_ZH)
    await publication(client, doc.uri, version=1)
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(doc.uri))
    )
    assert found is not None
    symbols = [s for s in found if isinstance(s, types.DocumentSymbol)]
    assert len(symbols) == len(found)
    outline = [
        (s.name, s.kind, s.detail, [(c.name, c.kind, c.detail) for c in s.children or []]) for s in symbols
    ]
    assert outline == [
        (
            "第一阶段：基础 🐍（1-2周）",
            types.SymbolKind.Module,
            "2/4 · 50%",
            [
                ("1.1 环境搭建", types.SymbolKind.Namespace, "2/3 · 66.7%"),
                ("1.2 语法", types.SymbolKind.Namespace, "0/1 · 0%"),
            ],
        ),
        (
            "第二阶段：实践",
            types.SymbolKind.Module,
            "0/2 · 0%",
            [("2.1 小项目", types.SymbolKind.Namespace, "0/2 · 0%")],
        ),
    ]
    first, second = symbols
    phase_one = line_of(PLAN_ZH, "## 第一阶段：基础 🐍（1-2周）")
    assert first.selection_range == line_range(PLAN_ZH, phase_one)
    assert first.range.start == types.Position(phase_one, 0)
    assert first.range.end.line < line_of(PLAN_ZH, "## 第二阶段：实践") <= second.range.start.line
    assert first.children is not None
    assert first.children[0].selection_range == line_range(PLAN_ZH, line_of(PLAN_ZH, "### 1.1 环境搭建"))


@aio
async def test_hover_tells_state_section_and_done_date(client: PlanClient, root: Path) -> None:
    en = open_doc(client, root / "hover" / "en.md", PLAN_EN)
    stamped = open_doc(client, root / "hover" / "stamped.md", PLAN_STAMPED)
    milestones = open_doc(client, root / "hover" / "milestones.md", PLAN_MILESTONES)
    for doc in (en, stamped, milestones):
        await publication(client, doc.uri, version=1)
    cases = [
        (en, "- [ ] Write notes about 中文", "**open** · section 1.1"),
        (en, "- [/] Polish the demo", "**in progress** · section 1.2"),
        (en, "- [-] Dropped exercise", "**cancelled** · section 2.1"),
        (en, "- [x] Install the toolchain", "**done** · section 1.1 · done on a day nothing records yet"),
        (en, "## Phase 2: Practice", None),
        (en, "- [ x] Broken box under the heading", None),
        (
            stamped,
            "- [x] Done and stamped ✅ 2025-01-02",
            "**done** · section 1.1 · done on 2025-01-02 (✅ stamp)",
        ),
        (
            milestones,
            "- [x] Read the spec",
            "**done** · section 1.1 · its group was completed on 2025-03-04 (milestones region)",
        ),
    ]
    for doc, line, said in cases:
        assert await hover_text(client, doc, line_of(doc.text, line)) == said, line


@aio
async def test_hover_dates_a_tick_from_git_history(client: PlanClient, repo: Path) -> None:
    plan = "# Release\n\n## Phase 1\n\n### 1.1 Ship\n\n- [ ] Ship the release 🚀\n- [ ] Write the notes\n"
    (repo / "plan.md").write_text(plan, encoding="utf-8")
    commit_all(repo, "plan", "2025-03-01T10:00:00+00:00")
    ticked = plan.replace("- [ ] Ship", "- [x] Ship")
    (repo / "plan.md").write_text(ticked, encoding="utf-8")
    commit_all(repo, "ship", "2025-03-05T23:30:00-05:00", "2025-03-07T08:00:00+00:00")

    doc = open_doc(client, repo / "plan.md", ticked)
    await publication(client, doc.uri, version=1)
    line = line_of(ticked, "- [x] Ship the release 🚀")
    said = None
    for _ in range(10):  # history is read on a thread; a hover waits for it at most a second
        said = await hover_text(client, doc, line)
        if said is not None and "git history" in said:
            break
    # The author date, in its own offset.
    assert said == "**done** · section 1.1 · ticked on 2025-03-05 (git history)"


# -- position encodings -----------------------------------------------------------------------------


@pytest_lsp.fixture(config=CONFIG, params=["utf-8", "utf-32"], loop_scope="module")  # type: ignore[untyped-decorator]
async def encoded(
    lsp_client: PlanClient, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[None]:
    """A server for a client that offers one encoding other than UTF-16."""
    lsp_client.offered = request.param
    await start(lsp_client, tmp_path, capabilities(encodings=[request.param]))
    yield
    await lsp_client.shutdown_session()


@aio
async def test_positions_in_the_encoding_the_client_offers(encoded: PlanClient, tmp_path: Path) -> None:
    client = encoded
    assert client.result is not None
    encoding = client.encoding  # what the server chose
    assert encoding == client.offered
    doc = open_doc(client, tmp_path / "plan.md", PLAN_EN)
    found = (await publication(client, doc.uri, version=1)).diagnostics
    line = line_of(PLAN_EN, "- [x] 🚀 launch 中文 ✅ 2025-02-30")
    (stamp,) = [d for d in found if d.code == "PS304"]
    assert stamp.range.start == types.Position(line, {"utf-8": 25, "utf-32": 18}[encoding])
    assert stamp.range.end.character == units(lsp_lines(PLAN_EN)[line], encoding)

    heading = line_of(PLAN_EN, "## Phase 1: 中文 basics 🚀")
    found_hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(types.TextDocumentIdentifier(doc.uri), whole(PLAN_EN))
    )
    positions = {h.position.line: h.position.character for h in found_hints or []}
    assert positions[heading] == {"utf-8": 30, "utf-32": 23}[encoding]

    (edit,) = await toggle(client, doc, line)
    toggled = apply_edits(PLAN_EN, edits_of(edit, doc.uri), encoding)
    assert toggled == PLAN_EN.replace("- [x] 🚀 launch", "- [ ] 🚀 launch")


# -- a client that cannot resolve code actions nor take versioned edits ---------------------------

PLAIN = ClientServerConfig(
    server_command=[*SERVER, "--stdio"], client_factory=make_client, server_env=SERVER_ENV
)


@pytest_lsp.fixture(config=PLAIN, loop_scope="module")  # type: ignore[untyped-decorator]
async def plain(lsp_client: PlanClient, tmp_path: Path) -> AsyncIterator[None]:
    await start(lsp_client, tmp_path, capabilities(resolve=False, document_changes=False))
    yield
    await lsp_client.shutdown_session()


@aio
async def test_without_resolve_support_the_whole_plan_actions_are_commands(
    plain: PlanClient, tmp_path: Path
) -> None:
    client = plain
    doc = open_doc(client, tmp_path / "plans" / "plan.md", PLAN_EN)
    await publication(client, doc.uri, version=1)
    actions = await actions_for(client, doc, whole(PLAN_EN))
    commands = {a.kind: a.command for a in actions if a.kind in (SYNC, FIX_ALL)}
    assert {k: (c.command, list(c.arguments or [])) for k, c in commands.items() if c} == {
        SYNC: ("plansync.sync", [doc.uri]),
        FIX_ALL: ("plansync.fixAll", [doc.uri]),
    }
    assert all(a.data is None and a.edit is None for a in actions if a.kind in (SYNC, FIX_ALL))

    for kind, args in ((SYNC, ("sync",)), (FIX_ALL, ("check", "--fix"))):
        command = commands[kind]
        assert command is not None
        before = len(client.applied)
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command.command, command.arguments)
        )
        (edit,) = client.applied[before:]
        assert edit.document_changes is None  # `changes`, as this client asks
        got = apply_edits(PLAN_EN, edits_of(edit, doc.uri))
        assert got == cli_writes(tmp_path, {"plan.md": PLAN_EN}, *args)

    line = line_of(PLAN_EN, "- [ ] Write notes about 中文")
    (tick,) = [
        a
        for a in await actions_for(client, doc, line_range(PLAN_EN, line))
        if a.kind == types.CodeActionKind.RefactorRewrite
    ]
    assert tick.edit is not None and tick.edit.document_changes is None
    assert (
        lsp_lines(apply_edits(PLAN_EN, edits_of(tick.edit, doc.uri)))[line] == "- [x] Write notes about 中文"
    )


# -- lifecycle --------------------------------------------------------------------------------------


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")  # type: ignore[untyped-decorator]
async def lone(lsp_client: PlanClient, tmp_path: Path) -> AsyncIterator[None]:
    await start(lsp_client, tmp_path, capabilities())
    yield


def process_of(client: PlanClient) -> asyncio.subprocess.Process:
    server = client._server
    assert isinstance(server, asyncio.subprocess.Process)
    return server


@aio
async def test_shutdown_then_exit_ends_the_server_with_0(lone: PlanClient) -> None:
    await lone.shutdown_session()
    assert await asyncio.wait_for(process_of(lone).wait(), 10) == 0


@aio
async def test_exit_without_shutdown_ends_the_server_with_1(lone: PlanClient) -> None:
    lone.exit(None)
    assert await asyncio.wait_for(process_of(lone).wait(), 10) == 1


def test_without_pygls_lsp_exits_2_naming_the_install_command() -> None:
    code = "import sys; sys.modules['pygls'] = None; from plansync.cli.entry import main; main(['lsp'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert INSTALL in result.stderr
    assert "pygls" in result.stderr
    assert result.stdout == ""  # stdout is the protocol's channel
    assert "Traceback" not in result.stderr
