"""MkDocs plugin ``update-source-trace``: turns ```update-source-trace fences
into Update Source Planner's element (or, with ``static``, the figure made at
build time), copies the kit into the site and loads it on every page.

    plugins:
      - search
      - update-source-trace:
          kit: path/to/dist/api              # the built kit (scripts/build.sh)
          planner: path/to/planner           # the command line (default: planner on the PATH)
          full_planner: https://…/planner/   # optional: where "Open in the full planner" goes
          strict: false                      # optional: publish a scenario with errors as readers see it

A fence is read by ``planner fences`` (the same reading as ``planner mdbook``
and the Docusaurus plugin): Python-Markdown never sees the scenario, so it
cannot wrap it in <p> or rewrite its asterisks. Each fence becomes a
placeholder paragraph in the Markdown and its HTML goes in after rendering.
The build is strict: a scenario with an error, or a warning that may change
its answer, stops it at the page and the fence's line, unless ``strict: false``.
"""

import json
import os
import secrets
import shutil
import subprocess

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

KIT_FILES = ("element.js", "element.css", "planner.js", "core.js", "core_bg.wasm")
KIT_FOLDER = "update-source-planner"
LOADER = "update-source-trace.js"
HOW_TO_GET_PLANNER = (
    "build it in the Update Source Planner folder with `cargo build --release --bin planner` "
    "and give its path as `planner:` under the plugin (or put it on the PATH)"
)


class UpdateSourceTraceConfig(Config):
    kit = c.Dir(exists=True)
    planner = c.Type(str, default="planner")
    full_planner = c.Optional(c.Type(str))
    strict = c.Type(bool, default=True)


class UpdateSourceTracePlugin(BasePlugin[UpdateSourceTraceConfig]):
    def on_config(self, config):
        kit = self.config.kit
        missing = [f for f in KIT_FILES if not os.path.isfile(os.path.join(kit, f))]
        if missing:
            raise PluginError(
                f"update-source-trace: {kit} has no {missing[0]}: `kit:` names the built kit's folder "
                "(scripts/build.sh builds it into dist/api)"
            )
        command = self.config.planner
        found = shutil.which(command) or shutil.which(os.path.join(os.path.dirname(config.config_file_path or "."), command))
        if not found:
            raise PluginError(f"update-source-trace: the command `{command}` was not found: {HOW_TO_GET_PLANNER}")
        self._command = found
        # A word Markdown leaves alone, different in every build.
        self._word = "USPFENCE" + secrets.token_hex(6)
        self._blocks = {}
        config.extra_javascript.append(LOADER)
        return config

    def on_page_markdown(self, markdown, page, config, files):
        if "update-source-trace" not in markdown:
            return markdown
        base = os.path.dirname(page.file.abs_src_path)
        lenient = [] if self.config.strict else ["--lenient"]
        run = subprocess.run(
            [self._command, "fences", "--base", base, "--placeholder", self._word, *lenient],
            input=markdown, capture_output=True, text=True, encoding="utf-8",
        )
        if run.returncode != 0:
            raise PluginError(f"update-source-trace: {page.file.src_path}: {run.stderr.strip()}")
        out = json.loads(run.stdout)
        self._blocks[page.file.src_uri] = out["blocks"]
        return out["markdown"]

    def on_page_content(self, html, page, config, files):
        for n, block in enumerate(self._blocks.pop(page.file.src_uri, [])):
            mark = f"{self._word}-{n}"
            html = html.replace(f"<p>{mark}</p>", block).replace(mark, block)
        return html

    def on_post_build(self, config):
        site = config.site_dir
        kit = os.path.abspath(self.config.kit)
        target = os.path.join(site, KIT_FOLDER)
        planner_folder = os.path.dirname(kit)
        # The whole planner when it was built around the kit: "Open in the
        # full planner" then works from the site itself, offline too.
        if self.config.full_planner is None and os.path.isfile(os.path.join(planner_folder, "index.html")):
            shutil.copytree(planner_folder, target, dirs_exist_ok=True)
        else:
            shutil.copytree(kit, os.path.join(target, "api"), dirs_exist_ok=True)
        planner = self.config.full_planner or f"{KIT_FOLDER}/"
        with open(os.path.join(site, LOADER), "w", encoding="utf-8") as f:
            f.write(loader(planner))


def loader(planner):
    """The script every page loads: the kit's element as a module, from the
    folder beside this script, and where the full planner is."""
    return (
        "// Update Source Planner's fences: written by the MkDocs plugin update-source-trace.\n"
        "(function () {\n"
        "  var here = document.currentScript.src;\n"
        "  var settings = (globalThis.UpdateSourcePlanner = globalThis.UpdateSourcePlanner || {});\n"
        f"  if (!settings.planner) settings.planner = new URL({json.dumps(planner)}, here).href;\n"
        '  var script = document.createElement("script");\n'
        '  script.type = "module";\n'
        f'  script.src = new URL("{KIT_FOLDER}/api/element.js", here).href;\n'
        "  document.head.appendChild(script);\n"
        "})();\n"
    )
