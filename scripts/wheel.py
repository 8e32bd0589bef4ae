"""Writes the Python package's wheel (py3-none-any: one file for every
operating system, the planner inside it compiled for WASI) from
integrations/python, the planner's WASI build and the built page.

    python3 scripts/wheel.py VERSION PLANNER_WASM DIST OUT

The wheel is a zip with the package's files and its .dist-info (METADATA,
WHEEL, entry_points.txt, RECORD), as PEP 427 and 491 describe it; no build
backend is needed, so packing needs no network."""

import base64
import hashlib
import os
import sys
import tomllib
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integrations", "python")
PACKAGE = "update_source_trace"
# The Node-only fence reader and its types stay out: Python runs planner.wasm.
LEFT_OUT = ("api/build", "api/fences.js", "api/fences.d.ts", "api/planner.d.ts")


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def files(version, wasm, dist):
    """(name in the wheel, bytes), in a stable order."""
    source = os.path.join(ROOT, PACKAGE)
    for name in sorted(os.listdir(source)):
        if name.endswith(".py"):
            with open(os.path.join(source, name), "rb") as f:
                yield f"{PACKAGE}/{name}", f.read()
    with open(wasm, "rb") as f:
        yield f"{PACKAGE}/planner.wasm", f.read()
    for folder, subfolders, names in sorted(os.walk(dist)):
        subfolders.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, dist).replace(os.sep, "/")
            if any(relative == p or relative.startswith(p + "/") for p in LEFT_OUT):
                continue
            with open(path, "rb") as f:
                yield f"{PACKAGE}/update-source-planner/{relative}", f.read()


def metadata(version, project):
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version}",
        f"Summary: {project['description']}",
        f"License: {project['license']}",
        f"Requires-Python: {project['requires-python']}",
        *[f"Requires-Dist: {d}" for d in project["dependencies"]],
        "Description-Content-Type: text/markdown",
        "",
        readme(version),
    ]
    return "\n".join(lines)


def readme(version):
    return f"""# update-source-trace

Update Source Planner {version}'s ```update-source-trace fences in MkDocs and
Sphinx, with the planner inside: nothing else to install, no Rust, the same
wheel on every operating system (the planner runs in `wasmtime`).

    pip install update-source-trace

MkDocs (`mkdocs.yml`):

```yaml
plugins:
  - search
  - update-source-trace
```

Sphinx (`conf.py`), fences in MyST pages and `.. update-source-trace::` in
reStructuredText:

```python
extensions = ["myst_parser", "update_source_trace.sphinx"]
```

A fence:

    ```update-source-trace
    {{ "version": 5, "profile": "apex-one", "agent": {{ "addresses": ["10.1.4.20"] }} }}
    ```

Builds are strict: a fence that cannot be shown stops the build at its page
and line (`strict: false` in MkDocs, `update_source_trace_strict = False` in
Sphinx, publishes it as readers would see it). For CI:
`python -m update_source_trace check docs/`.
"""


def main(version, wasm, dist, out):
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        project = tomllib.load(f)["project"]
    name = project["name"].replace("-", "_")
    info = f"{name}-{version}.dist-info"
    wheel = os.path.join(out, f"{name}-{version}-py3-none-any.whl")
    entries = list(files(version, wasm, dist))
    points = "".join(
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in table.items()) + "\n"
        for group, table in project.get("entry-points", {}).items()
    )
    entries += [
        (f"{info}/METADATA", metadata(version, project).encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: update-source-planner\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{info}/entry_points.txt", points.encode()),
    ]
    record = [record_line(n, d) for n, d in entries] + [f"{info}/RECORD,,"]
    entries.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, d in entries:
            z.writestr(zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0)), d, zipfile.ZIP_DEFLATED)
    print(wheel)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: python3 scripts/wheel.py VERSION PLANNER_WASM DIST OUT")
    main(*sys.argv[1:])
