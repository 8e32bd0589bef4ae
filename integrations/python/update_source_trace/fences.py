"""What MkDocs and Sphinx share: a page's fences read by the planner, and
the planner's page (with its kit) copied into the built site beside the
loader every page includes."""

import json
import os
import secrets
import shutil

from . import planner

#: The folder, in the built site, that holds the planner and its kit.
FOLDER = "update-source-planner"
#: The script every page loads.
LOADER = "update-source-trace.js"
#: What a kit holds; a folder without these is not a built kit.
KIT_FILES = ("element.js", "element.css", "planner.js", "core.js", "core_bg.wasm")


class FenceError(Exception):
    """A fence that cannot be shown: the planner's message, which names the
    fence's line and, for a bad scenario, the scenario's line and column."""


def placeholder():
    """A word Markdown leaves alone, different in every build."""
    return "USPFENCE" + secrets.token_hex(6)


def replace(markdown, folder, word, strict=True):
    """The page's Markdown with each fence replaced by a paragraph
    ``WORD-N``, and the HTML of each (N from 0). ``folder``: the page's
    folder, where a fence's ``src=`` is read from. Python-Markdown and MyST
    never see a scenario, so they cannot wrap it in <p> or rewrite its
    asterisks."""
    args = ["fences", "--base", planner.guest_path(folder), "--placeholder", word]
    status, out, err = planner.run(args + ([] if strict else ["--lenient"]), markdown, near=folder)
    if status != 0:
        raise FenceError(err.strip() or f"the planner stopped with status {status}")
    answer = json.loads(out)
    return answer["markdown"], answer["blocks"]


def check(folder, strict=True):
    """``planner fences --check``: every fence under a documentation folder;
    (exit status, what it printed)."""
    args = ["fences", "--check", planner.guest_path(folder)] + ([] if strict else ["--lenient"])
    status, out, err = planner.run(args, near=folder)
    return status, out + err


def kit_missing(kit):
    """The first file a kit folder lacks, or None."""
    return next((f for f in KIT_FILES if not os.path.isfile(os.path.join(kit, f))), None)


def install(site, folder=FOLDER, kit=None, full_planner=None):
    """Copies the planner into ``site/folder`` (only the kit into
    ``folder/api`` when ``kit`` names another kit, or the full planner lives
    elsewhere) and writes the loader beside it; the loader's path."""
    target = os.path.join(site, folder)
    # The build-time fence reader stays out of the site readers download.
    build_only = shutil.ignore_patterns("build", "fences.*")
    page = str(planner.PAGE) if kit is None else os.path.dirname(os.path.abspath(kit))
    whole = full_planner is None and os.path.isfile(os.path.join(page, "index.html"))
    if whole:
        shutil.copytree(page, target, dirs_exist_ok=True, ignore=build_only)
    else:
        source = kit or os.path.join(page, "api")
        shutil.copytree(source, os.path.join(target, "api"), dirs_exist_ok=True, ignore=build_only)
    loader_path = os.path.join(os.path.dirname(target), LOADER)
    with open(loader_path, "w", encoding="utf-8") as f:
        f.write(loader(full_planner or f"{os.path.basename(folder)}/", os.path.basename(folder)))
    return loader_path


def loader(full_planner, folder=FOLDER):
    """The script every page loads: the kit's element as a module, from the
    folder beside this script, and where the full planner is."""
    return (
        "// Update Source Planner's fences: written by the update-source-trace package.\n"
        "(function () {\n"
        "  var here = document.currentScript.src;\n"
        "  var settings = (globalThis.UpdateSourcePlanner = globalThis.UpdateSourcePlanner || {});\n"
        f"  if (!settings.planner) settings.planner = new URL({json.dumps(full_planner)}, here).href;\n"
        '  var script = document.createElement("script");\n'
        '  script.type = "module";\n'
        f"  script.src = new URL({json.dumps(folder + '/api/element.js')}, here).href;\n"
        "  document.head.appendChild(script);\n"
        "})();\n"
    )
