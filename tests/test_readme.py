"""The README's two commands are the ones CI and users run; keep them in step."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("## ", 1)[0]
    return [line for line in setup.splitlines() if line.startswith("python3 -m venv")]


def test_readme_has_exactly_two_setup_commands():
    cmds = _commands()
    assert len(cmds) == 2
    assert "disclint check" in cmds[0] and "examples/" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_examples_exist():
    assert sorted(p.name for p in (ROOT / "examples").iterdir())


def test_readme_documents_every_option_of_check_and_show():
    """Each user-visible option appears in README.md (written as `--name`), so none goes undocumented."""
    from disclint.cli import main

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name in ("check", "show"):
        for param in main.commands[name].params:
            for opt in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
                if opt.startswith("--") and opt not in ("--help", "--find-history") and f"`{opt}" not in text and f"{opt} " not in text and f"{opt}`" not in text:
                    missing.append(f"{name} {opt}")
    assert missing == []
