"""MkDocs plugin ``update-source-trace``: turns ```update-source-trace fences
into Update Source Planner's element (or, with ``static``, the figure made at
build time), copies the planner into the site and loads it on every page.

    plugins:
      - search
      - update-source-trace

Options, none needed::

      - update-source-trace:
          strict: false                      # publish a scenario with errors as readers see it
          full_planner: https://…/planner/   # where "Open in the full planner" goes
          kit: path/to/dist/api              # another built kit than the one inside the package

The build is strict: a scenario with an error, or a warning that may change
its answer, stops it at the page and the fence's line.
"""

import os

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import fences


class UpdateSourceTraceConfig(Config):
    kit = c.Optional(c.Dir(exists=True))
    full_planner = c.Optional(c.Type(str))
    strict = c.Type(bool, default=True)


class UpdateSourceTracePlugin(BasePlugin[UpdateSourceTraceConfig]):
    def on_config(self, config):
        kit = self.config.kit
        missing = kit and fences.kit_missing(kit)
        if missing:
            raise PluginError(
                f"update-source-trace: {kit} has no {missing}: `kit:` names a built kit's folder, "
                "or leave it out to use the kit inside the package"
            )
        self._word = fences.placeholder()
        self._blocks = {}
        config.extra_javascript.append(fences.LOADER)
        return config

    def on_page_markdown(self, markdown, page, config, files):
        if "update-source-trace" not in markdown:
            return markdown
        try:
            text, blocks = fences.replace(markdown, os.path.dirname(page.file.abs_src_path), self._word, self.config.strict)
        except fences.FenceError as e:
            raise PluginError(f"update-source-trace: {page.file.src_path}: {e}") from None
        self._blocks[page.file.src_uri] = blocks
        return text

    def on_page_content(self, html, page, config, files):
        for n, block in enumerate(self._blocks.pop(page.file.src_uri, [])):
            mark = f"{self._word}-{n}"
            html = html.replace(f"<p>{mark}</p>", block).replace(mark, block)
        return html

    def on_post_build(self, config):
        fences.install(config.site_dir, kit=self.config.kit, full_planner=self.config.full_planner)
