"""Write the exact versions of a fresh resolution of pyproject.toml as a pip constraints file (`make lock`).

Reads the JSON report of `pip install --dry-run --ignore-installed --report - -e '.[dev]'` from standard input.
"""

import json
import re
import sys

HEADER = """\
# Exact versions of every Python package Newsroom installs, runtime and development tools alike.
# `make install` and CI install with `pip install -c requirements/constraints.txt`, so builds repeat.
# Do not edit by hand: change the ranges in pyproject.toml, then run `make lock` (a fresh resolution).
# Resolved for Python {python} on {platform}.
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> None:
    report = json.load(sys.stdin)
    environment = report.get("environment", {})
    pins = sorted(
        (canonical(item["metadata"]["name"]), item["metadata"]["version"])
        for item in report["install"]
        if canonical(item["metadata"]["name"]) != "newsroom"
    )
    sys.stdout.write(HEADER.format(
        python=environment.get("python_full_version", "?"), platform=environment.get("sys_platform", "?"),
    ))
    sys.stdout.writelines(f"{name}=={version}\n" for name, version in pins)


if __name__ == "__main__":
    main()
