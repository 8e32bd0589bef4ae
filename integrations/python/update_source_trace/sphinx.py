"""Sphinx extension ``update_source_trace.sphinx``: Update Source Planner's
fences in Sphinx, under MyST as in MkDocs and as a directive in
reStructuredText.

    extensions = ["myst_parser", "update_source_trace.sphinx"]

In a Markdown page (MyST), the same fence as in MkDocs, Docusaurus and
mdBook::

    ```update-source-trace item=components
    { "version": 5, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"] } }
    ```

In reStructuredText (or MyST's ```{update-source-trace}```), a directive
whose options are the fence's::

    .. update-source-trace::
       :src: floor.json
       :title: Floor 1

Settings in conf.py, none needed: ``update_source_trace_strict = False``
publishes a scenario with errors as readers see it;
``update_source_trace_full_planner`` is where "Open in the full planner"
goes; ``update_source_trace_kit`` another built kit than the package's.

The build is strict: a scenario with an error, or a warning that may change
its answer, stops it at the page and the fence's line.
"""

import os
import re

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.util import logging

from . import fences

logger = logging.getLogger(__name__)

#: The fence's options that take a value, and the one that takes none.
VALUED = ("view", "item", "theme", "src", "title")


def _failed(app, docname, error):
    """A fence that cannot be shown: Sphinx's own error line (the page and
    the fence's line, then the planner's message), and a build that ends
    "with problems" and exits 1, as a strict build must."""
    said = str(error).replace("set strict: false", "set update_source_trace_strict = False in conf.py")
    line = re.search(r"fence at line (\d+)", said)
    logger.error(said, location=(docname, int(line.group(1))) if line else docname)
    app.statuscode = 1


def _strict(app):
    return bool(app.config.update_source_trace_strict)


def _raw_block(html):
    """A MyST block that passes the fence's HTML through untouched."""
    ticks = "`" * max(4, _longest_run(html, "`") + 1)
    return f"{ticks}{{raw}} html\n{html}\n{ticks}"


def _longest_run(text, char):
    longest = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        longest = max(longest, run)
    return longest


def on_source_read(app, docname, source):
    """A Markdown page's fences, replaced before MyST reads the page."""
    path = app.env.doc2path(docname)
    if not str(path).endswith(".md") or "update-source-trace" not in source[0]:
        return
    word = fences.placeholder()
    folder = os.path.dirname(path)
    try:
        text, blocks = fences.replace(source[0], folder, word, _strict(app))
    except fences.FenceError as e:
        _failed(app, docname, e)
        # The page's fences as readers would see them, so that the error
        # above is the only line the build says of them (not Pygments'
        # "lexer name 'update-source-trace' is not known" for each fence).
        try:
            text, blocks = fences.replace(source[0], folder, word, strict=False)
        except fences.FenceError:
            return
    for n, block in enumerate(blocks):
        text = text.replace(f"{word}-{n}", _raw_block(block), 1)
    source[0] = text


class UpdateSourceTrace(Directive):
    """``.. update-source-trace::`` with the fence's options, and the
    scenario as its content (or ``:src:``)."""

    has_content = True
    option_spec = {**{name: directives.unchanged for name in VALUED}, "static": directives.flag}

    def run(self):
        app = self.state.document.settings.env.app
        path, line = self.state_machine.get_source_and_line(self.lineno)
        info = ["update-source-trace"]
        for name in VALUED:
            if name in self.options:
                value = self.options[name].replace('"', "'")
                info.append(f'{name}="{value}"' if " " in value else f"{name}={value}")
        if "static" in self.options:
            info.append("static")
        # Blank lines before the fence, so the planner names the directive's line.
        body = "".join(f"{text}\n" for text in self.content)
        markdown = "\n" * (line - 1) + "```" + " ".join(info) + "\n" + body + "```\n"
        word = fences.placeholder()
        try:
            _, blocks = fences.replace(markdown, os.path.dirname(path or "."), word, _strict(app))
        except fences.FenceError as e:
            _failed(app, self.state.document.settings.env.docname, e)
            return []
        return [nodes.raw("", block, format="html") for block in blocks]


def on_builder_inited(app):
    if app.builder.format == "html":
        app.add_js_file(fences.LOADER)


def on_build_finished(app, exception):
    if exception is None and app.builder.format == "html":
        fences.install(
            os.path.join(app.outdir, "_static"),
            kit=app.config.update_source_trace_kit,
            full_planner=app.config.update_source_trace_full_planner,
        )


def setup(app):
    app.add_config_value("update_source_trace_strict", True, "env", [bool])
    app.add_config_value("update_source_trace_full_planner", None, "env")
    app.add_config_value("update_source_trace_kit", None, "env")
    app.add_directive("update-source-trace", UpdateSourceTrace)
    app.connect("source-read", on_source_read)
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
