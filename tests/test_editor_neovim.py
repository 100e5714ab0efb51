"""``plansync lsp`` driven by a real editor: headless Neovim attaches the server to a plan, waits
for its diagnostics, applies the "Sync plansync regions" code action through Neovim's own edit
machinery (resolving it first, as a client that can resolve does) and writes the buffer.

The checks are what a user would see: the PS101 error on the broken box's line, and a saved file
byte for byte equal to what ``plansync sync`` writes. Neovim 0.7 or newer is needed, found under
``.ci/nvim`` (``bash .ci/run`` unpacks Debian's package there) or on ``PATH``; without one, or
without the ``lsp`` extra, the test is skipped with the reason. The Lua script works on 0.7 (no
``vim.lsp.start``) as well as on newer versions.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

LOCAL_NVIM = ROOT / ".ci" / "nvim" / "bin" / "nvim"
MIN_VERSION = (0, 7)

PLAN = """\
# Roadmap 🗺️

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

## Phase 1: 基础 📘

### 1.1 Reading

- [x] Read the guide ✨
- [ x] Take notes on 所有权
- [ ] Write a summary

## Phase 2: Practice

### 2.1 Exercises

- [ ] Solve the first ten exercises
"""
BROKEN_LINE = PLAN.splitlines().index("- [ x] Take notes on 所有权")

# Run with `nvim --headless -u NONE -i NONE -c 'luafile SCRIPT'`; paths arrive in the environment.
LUA = r"""
local plan, out, python = os.getenv('PS_PLAN'), os.getenv('PS_OUT'), os.getenv('PS_PYTHON')
local result = {}

local function sync_action(buf)
  local last = vim.api.nvim_buf_line_count(buf)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { 'source.plansync.sync' } },
  }
  local replies = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000) or {}
  for _, reply in pairs(replies) do
    for _, action in ipairs(reply.result or {}) do
      if action.kind == 'source.plansync.sync' then
        if not action.edit then
          local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', action, 20000) or {}
          for _, r in pairs(resolved) do action = r.result or action end
        end
        return action
      end
    end
  end
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  local config = { name = 'plansync', cmd = { python, '-m', 'plansync', 'lsp' },
                   root_dir = vim.fn.fnamemodify(plan, ':h') }
  local client_id
  if vim.lsp.start then  -- 0.8 and newer: start (or reuse) and attach to the current buffer
    client_id = vim.lsp.start(config)
  else                   -- 0.7
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  local function has_ps101()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'PS101' then return true end
    end
    return false
  end
  result.got_diagnostics = vim.wait(30000, has_ps101, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, code = d.code,
                                       severity = d.severity, message = d.message })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local action = sync_action(buf)
  result.action_title = action and action.title or vim.NIL
  if action and action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  elseif action and action.command then  -- the server applies it with workspace/applyEdit
    vim.lsp.buf_request_sync(buf, 'workspace/executeCommand', action.command, 20000)
  end
  if action then
    vim.cmd('write')
    result.written = true
  end
end

local ok, err = xpcall(run, debug.traceback)
if not ok then result.error = tostring(err) end
local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
"""


def _version(nvim: str) -> tuple[int, int] | None:
    try:
        done = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return None
    found = re.search(r"NVIM v(\d+)\.(\d+)", done.stdout)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _nvim() -> str:
    """A Neovim new enough for the test, or skip naming what is missing."""
    if importlib.util.find_spec("pygls") is None:
        pytest.skip('the lsp extra is not installed (pip install -e ".[lsp]")')
    for candidate in (str(LOCAL_NVIM) if LOCAL_NVIM.exists() else None, shutil.which("nvim")):
        version = _version(candidate) if candidate else None
        if version is not None and version >= MIN_VERSION:
            return str(candidate)
    pytest.skip("no Neovim 0.7 or newer on PATH or under .ci/nvim (bash .ci/run fetches one)")


def test_neovim_shows_the_finding_and_applies_the_sync_action(tmp_path: Path) -> None:
    nvim = _nvim()
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    expected = tmp_path / "expected" / "plan.md"
    expected.parent.mkdir()
    expected.write_text(PLAN, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "plansync", "sync", "-q", expected.name],
        cwd=expected.parent,
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert expected.read_text(encoding="utf-8") != PLAN  # the regions were stale
    script, out = tmp_path / "drive.lua", tmp_path / "result.json"
    script.write_text(LUA, encoding="utf-8")
    env = {"PS_PLAN": str(plan), "PS_OUT": str(out), "PS_PYTHON": sys.executable}
    subprocess.run(
        [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {script}"],
        cwd=tmp_path,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in result, result.get("error")
    assert result["got_diagnostics"], result["diagnostics"]
    ps101 = [d for d in result["diagnostics"] if d["code"] == "PS101"]
    assert [(d["lnum"], d["severity"]) for d in ps101] == [(BROKEN_LINE, 1)]  # 1: ERROR
    assert "PS501" in {d["code"] for d in result["diagnostics"]}  # the empty regions are stale
    assert result["action_title"] == "Sync plansync regions"
    assert result.get("written") is True
    assert plan.read_bytes() == expected.read_bytes()
