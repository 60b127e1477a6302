"""A local stand-in for the `techdocs-core` MkDocs plugin.

The real plugin (PyPI package mkdocs-techdocs-core) cannot be installed on
machines that only reach the npm registry and Debian's archive. TechDocs'
local generator always adds `techdocs-core` to mkdocs.yml, so this plugin
registers under the same name and does what the portal depends on:
the Material theme, the search index and a `techdocs_metadata.json` page.
It is put on PYTHONPATH by `make` only when the real plugin is missing.
"""

import json
import os
import tempfile

from mkdocs.contrib.search import SearchPlugin
from mkdocs.plugins import BasePlugin
from mkdocs.theme import Theme

METADATA_TEMPLATE = "techdocs_metadata.json"


class TechDocsCore(BasePlugin):
    def __init__(self):
        self._theme_dir = tempfile.TemporaryDirectory()

    def on_config(self, config):
        # TechDocs reads site_name/site_description from this file; it is a
        # Jinja template rendered by MkDocs like any static theme page.
        with open(os.path.join(self._theme_dir.name, METADATA_TEMPLATE), "w") as fp:
            fp.write(
                '{{ {"site_name": (config.site_name | string), '
                '"site_description": (config.site_description | string)} | tojson }}'
            )

        # As the real plugin does (techdocs_core/core.py in
        # backstage/mkdocs-techdocs-core): a Material theme is kept as given,
        # `font: false` included; any other becomes Material with its
        # defaults, Roboto from Google Fonts, which an offline portal's reader
        # waits for forever. So the mkdocs.yml files here set Material.
        if config["theme"].name != "material":
            config["theme"] = Theme(name="material")
        config["theme"].static_templates.update({METADATA_TEMPLATE})
        config["theme"].dirs.append(self._theme_dir.name)

        # The portal's search indexes docs from search/search_index.json.
        if "search" not in config["plugins"]:
            search = SearchPlugin()
            search.load_config({})
            config["plugins"]["search"] = search

        extensions = config["markdown_extensions"]
        mdx = config["mdx_configs"]
        for name in (
            "toc",
            "admonition",
            "attr_list",
            "tables",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.highlight",
            "pymdownx.tabbed",
        ):
            if name not in extensions:
                extensions.append(name)
        mdx.setdefault("toc", {"permalink": True})
        mdx.setdefault("pymdownx.tabbed", {"alternate_style": True})
        return config
