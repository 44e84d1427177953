"""A broken example fails the build, and the failure names the example."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import GALLERIES, ROOT
from tools import build_site

HEADER = '''"""
{title}
{underline}

An example that is broken on purpose.
"""
'''


def make_project(root: Path, broken: dict[str, str]) -> Path:
    """A copy of the site's sources whose first gallery holds only ``broken`` examples."""
    shutil.copy(ROOT / "conf.py", root / "conf.py")
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "doc", root / "doc",
        ignore=shutil.ignore_patterns("__pycache__", "_contents", *GALLERIES, "*.codeobj.json"),
    )
    for gallery in GALLERIES:
        (root / "examples" / gallery).mkdir(parents=True)
        shutil.copy(ROOT / "examples" / gallery / "GALLERY_HEADER.rst", root / "examples" / gallery)
    for name, body in broken.items():
        title = name.removesuffix(".py")
        text = HEADER.format(title=title, underline="=" * len(title)) + body
        (root / "examples" / GALLERIES[0] / name).write_text(text)
    return root


def test_failing_examples_fail_the_build_naming_file_and_cause(tmp_path):
    project = make_project(tmp_path, {
        "plot_raises.py": "values = [1, 2]\nprint(values[5])\n",
        "plot_missing_dependency.py": "import package_that_does_not_exist\n",
    })
    result = build_site.build(project_root=project, provision=False, capture=True)
    assert result.returncode != 0
    log = result.stdout
    assert "plot_raises.py" in log and "IndexError: list index out of range" in log
    assert "plot_missing_dependency.py" in log
    assert "No module named 'package_that_does_not_exist'" in log


def test_a_syntax_error_fails_the_build_naming_the_file(tmp_path):
    project = make_project(tmp_path, {"plot_syntax_error.py": "def broken(:\n    pass\n"})
    result = build_site.build(project_root=project, provision=False, capture=True)
    assert result.returncode != 0
    assert "plot_syntax_error.py" in result.stdout
    assert "SyntaxError" in result.stdout
