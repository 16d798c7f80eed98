"""`duizhao check` in CI, attacked: injected workflow commands, escapes, unsafe writes, paths.

Each case of issue 13 that concerns the check is reproduced here on tiny plans (fast, no git):
nothing printed can start a workflow command, nothing is written onto an input, nothing
outside the repository is read unless the configuration allows it.
"""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_check_support import CHILD, PARENT, PLANS_TOML

from duizhao.cli.check import run
from duizhao.compare.check import CheckReport, Detail, Finding, RuleId, Severity
from duizhao.compare.check.model import ordered
from duizhao.compare.check.waivers import MeasureKeys, toml_string
from duizhao.corpus import parse_plan
from duizhao.reports.check import render
from duizhao.reports.check.github import annotation, render_github
from duizhao.reports.check.summary import render_summary, truncated

OUR_COMMAND = re.compile(r"^::(error|warning) file=[^:]*::|^::notice title=duizhao check::")
"""The only workflow commands the github format may print (user text is escaped inside)."""


def project(folder: Path, config: str = PLANS_TOML, *, parent: str = "hubei.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / parent).write_text(PARENT, encoding="utf-8")
    (folder / "gaoxin.txt").write_text(CHILD, encoding="utf-8")
    (folder / "duizhao.toml").write_text(config, encoding="utf-8")
    return folder


def check(folder: Path, **options) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    options.setdefault("env", {})
    options.setdefault("lang", "en")
    code = run(options.pop("config", None), cwd=folder, stdout=out, stderr=err, **options)
    return code, out.getvalue(), err.getvalue()


def assert_no_injected_commands(*texts: str) -> None:
    for text in texts:
        for line in text.splitlines():
            assert not line.startswith("::") or OUR_COMMAND.match(line), line
            assert "\x1b" not in line and "\x07" not in line, line


# --- workflow commands --------------------------------------------------------------------------


def test_a_configuration_path_with_newlines_cannot_print_commands(tmp_path: Path) -> None:
    folder = project(tmp_path / "a\n::stop-commands::x\n::error::y")
    code, out, err = check(folder, fmt="github")
    assert code == 1  # the drop of 2. fails
    assert_no_injected_commands(out, err)
    broken = tmp_path / "b\n::add-mask::z"
    broken.mkdir()
    (broken / "duizhao.toml").write_text("[rules\n", encoding="utf-8")
    code, out, err = check(broken, fmt="github")
    assert code == 2 and len(err.splitlines()) == 1 and "\\n::add-mask::z" in err
    assert_no_injected_commands(out, err)


def test_waiver_reasons_and_keys_cannot_start_a_line(tmp_path: Path) -> None:
    keys = MeasureKeys(parse_plan(PARENT))
    dropped = next(keys.keys[m.id] for m in keys.measures if m.label == "2.")
    reason = "ok\\n::add-mask::secret\\r::stop-commands::x\\u001b]0;title\\u0007"
    config = PLANS_TOML + f'[[waivers]]\nkey = "{dropped}"\nreason = "{reason}"\n'
    config += '[[waivers]]\nkey = "x\\n::error::k"\nreason = "r"\n'
    folder = project(tmp_path / "p", config)
    for fmt in ("text", "github", "junit", "sarif", "json"):
        code, out, err = check(folder, fmt=fmt)
        assert code == 0, err
        # Printed, but never at a line start (github shows no waived findings, junit only
        # failing ones).
        assert fmt == "junit" or "::error::k" in out
        assert fmt == "github" or "add-mask" in out
        assert_no_injected_commands(out, err)
    code, out, _ = check(folder, fmt="junit")
    ET.fromstring(out.encode("utf-8"))  # well-formed whatever the configuration holds


def test_plan_text_with_escape_sequences_reaches_no_output_raw(tmp_path: Path) -> None:
    hostile = PARENT.replace(
        "完善地方立法制度建设", "完善\x1b]8;;http://x\x07地方立法\x1b[2J制度建设"
    )
    folder = project(tmp_path / "p")
    (folder / "hubei.txt").write_text(hostile, encoding="utf-8")
    for fmt in ("text", "github", "junit"):
        code, out, err = check(folder, fmt=fmt)
        assert code == 1, err
        assert_no_injected_commands(out, err)


def finding(n: int, severity: Severity = Severity.ERROR, **extra) -> Finding:
    fields = {"path": "p.txt", "line": n, "end_line": n, "plan": "p.txt", "subject": f"s{n}"}
    fields |= {"facts": (("coverage", 0.05), ("parent", "hubei.txt"))} | extra
    return Finding(RuleId.DROPPED, severity, Detail.DROPPED, **fields)


def report_of(findings: list[Finding]) -> CheckReport:
    return CheckReport("duizhao.toml", (), ordered(findings), ())


def test_annotation_properties_and_message_are_escaped() -> None:
    f = finding(3, path="a:b,c%.txt", name="1.标题: a,b\n::x", facts=(("parent", "50%\r\n"),))
    line = annotation("error", f, report_of([f]), "en")
    assert line.startswith(
        "::error file=a%3Ab%2Cc%25.txt,line=3,endLine=3,title=duizhao dropped-measure%3A "
        "1.标题%3A a%2Cb %3A%3Ax::"
    )
    assert "\n" not in line and "\r" not in line and "50%25" in line


def test_github_shows_ten_of_each_then_a_notice() -> None:
    findings = [finding(i) for i in range(12)] + [
        finding(i, Severity.WARNING) for i in range(20, 23)
    ]
    findings.append(finding(30, waived="ok"))
    lines = render_github(report_of(findings), summary=True, lang="en").splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert kinds == ["::error"] * 10 + ["::warning"] * 3 + ["::notice"]
    assert "line=0," in lines[1] and "line=9," in lines[10]
    assert "2 more finding(s)" in lines[-1] and "step summary" in lines[-1]


# --- the step summary -----------------------------------------------------------------------------


def test_file_names_are_html_escaped_in_the_summary_blocks(tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)>.txt"
    config = PLANS_TOML.replace("hubei.txt", name)
    folder = project(tmp_path / "p", config, parent=name)
    summary = tmp_path / "summary.md"
    code, _, err = check(folder, fmt="github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1, err
    text = summary.read_text(encoding="utf-8")
    [block] = [line for line in text.splitlines() if line.startswith("<details><summary>Comp")]
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in block and "<img" not in block
    tables = [line for line in text.split("<details>")[0].splitlines() if line.startswith("|")]
    assert tables and not any(re.search(r"(?<!\\)<img", line) for line in tables)


def test_the_summary_is_cut_under_the_limit_counting_what_is_there(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    summary = tmp_path / "summary.md"
    summary.write_text("x" * 900, encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    code, _, _ = check(folder, fmt="github", env=env, summary_limit=1500)
    assert code == 1
    data = summary.read_bytes()
    assert len(data) <= 1500 and b"**Truncated**" in data and data.startswith(b"x" * 900)
    text = "# head\n<details><summary>x</summary>\n\n" + "".join(f"row {i}\n" for i in range(200))
    cut = truncated(text + "</details>\n", 500, lang="en")
    assert len(cut.encode("utf-8")) <= 500 and cut.count("<details>") == cut.count("</details>")
    assert cut.index("</details>") < cut.index("Truncated")
    whole = render_summary(report_of([finding(i) for i in range(3)]), lang="en")
    assert truncated(whole, 10**6) == whole


# --- writes never land on an input --------------------------------------------------------------


def test_junit_never_writes_through_a_link_onto_a_plan(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    plan = folder / "hubei.txt"
    os.link(plan, tmp_path / "hard.xml")
    (tmp_path / "soft.xml").symlink_to(plan)
    for target in ("hard.xml", "soft.xml"):
        code, _, err = check(folder, junit=tmp_path / target)
        assert code == 2 and "input" in err and len(err.splitlines()) == 1
    assert plan.read_text(encoding="utf-8") == PARENT
    code, _, err = check(folder, junit=tmp_path / "junit.xml")
    assert code == 1 and ET.parse(tmp_path / "junit.xml").getroot().tag == "testsuites"


def test_init_never_writes_through_a_dangling_symlink(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    (folder / "duizhao.toml").unlink()
    (folder / "duizhao.toml").symlink_to(tmp_path / "elsewhere.toml")
    code, _, err = check(folder, init=True, init_plans=[Path("hubei.txt"), Path("gaoxin.txt")])
    assert code == 2 and "already exists" in err
    assert not (tmp_path / "elsewhere.toml").exists()
    code, out, err = check(
        folder,
        init=True,
        init_plans=[Path("hubei.txt"), Path("gaoxin.txt")],
        config=Path("new.toml"),
    )
    assert code == 0 and "wrote new.toml" in err and out == "", err  # said on stderr
    code, _, err = check(folder, config=Path("new.toml"))
    assert code == 0, err  # today's drops are waived (reasons still TODO: warnings)


def test_a_step_summary_pointing_at_a_plan_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    plan = folder / "gaoxin.txt"
    os.link(plan, tmp_path / "hard.md")
    for target in (plan, tmp_path / "hard.md"):
        code, out, err = check(folder, fmt="github", env={"GITHUB_STEP_SUMMARY": str(target)})
        assert code == 1 and out.startswith("duizhao check: failed")
        assert "warning: the step summary was not written" in err
    assert plan.read_text(encoding="utf-8") == CHILD


# --- what may be read ----------------------------------------------------------------------------


def test_plans_outside_the_repository_are_refused_unless_allowed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(PARENT, encoding="utf-8")
    folder = project(tmp_path / "p", PLANS_TOML.replace('"hubei.txt"', '"../outside.txt"'))
    code, _, err = check(folder)
    assert code == 2 and "is outside the repository" in err and "allow_outside" in err
    (folder / "duizhao.toml").write_text("allow_outside = true\n" + PLANS_TOML.replace(
        '"hubei.txt"', '"../outside.txt"'), encoding="utf-8")  # fmt: skip
    assert check(folder)[0] == 1
    (folder / "hubei.txt").unlink()
    (folder / "hubei.txt").symlink_to(outside)
    (folder / "duizhao.toml").write_text(PLANS_TOML, encoding="utf-8")
    code, _, err = check(folder)
    assert code == 2 and "leads outside the repository" in err


def test_bad_configurations_are_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    code, _, err = check(folder)
    assert code == 2 and "no duizhao.toml" in err
    code, _, err = check(folder, config=Path("pyproject.toml"))
    assert code == 2 and "tool must be a table" in err and len(err.splitlines()) == 1
    os.mkfifo(folder / "duizhao.toml")
    code, _, err = check(folder)
    assert code == 2 and "not a regular file" in err
    code, _, err = check(project(tmp_path / "q"), baseline="--output=/tmp/x")
    assert code == 2 and "is not a revision" in err


# --- fuzzing the renderers with hostile text -----------------------------------------------------

HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(":,%\r\n\x1b\x07\x00\u2028\u202e<>&\"'[]#|`*\\")),
        st.characters(codec="utf-8"),
    ),
    max_size=30,
)


@settings(max_examples=40, deadline=None)
@given(name=HOSTILE, reason=HOSTILE, path=HOSTILE, parent=HOSTILE)
def test_no_text_can_start_a_command_or_break_the_xml(
    name: str, reason: str, path: str, parent: str
) -> None:
    f = finding(1, name=name, path=path or "p", facts=(("coverage", 0.1), ("parent", parent)))
    waived = finding(2, name=reason, waived=reason, waiver_toml=f'"k" = {toml_string(reason)}')
    report = report_of(
        [f, waived, finding(3, waiver_toml=f"[[waivers]]\nreason = {toml_string(reason)}")]
    )
    for fmt in ("text", "github", "junit"):
        text = render(report, fmt, lang="en")
        for line in text.splitlines():
            assert not line.startswith("::") or OUR_COMMAND.match(line), line
            assert "\x1b" not in line and "\x07" not in line
    ET.fromstring(render(report, "junit", lang="en").encode("utf-8"))
    summary = render_summary(report, lang="en")
    assert all(not line.startswith("<") or line.startswith(("<details>", "</details>"))
               for line in summary.splitlines())  # fmt: skip
