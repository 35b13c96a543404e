#!/usr/bin/env python3
"""Generate transformer/data/node_builtins.json: the names of Node.js's own modules (``fs``, ``path``,
``child_process`` ...), which a script loads with ``require`` but no package provides.

Source: the ``node`` on PATH, asked for ``require('module').builtinModules``; its version goes into ``_source``.
Names node only loads with the ``node:`` prefix (``node:test``) are not in that list, and the tool reads
``node:``-prefixed names as node's own anyway.

usage: python scripts/gen_node_builtins.py   (writes the file; needs node)
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "transformer" / "data" / "node_builtins.json"


def main() -> None:
    names = json.loads(subprocess.run(["node", "-p", "JSON.stringify(require('module').builtinModules)"],
                                      capture_output=True, text=True, check=True).stdout)
    version = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    doc = {"_doc": "Node.js's own modules: a require of one loads no package (require('module').builtinModules)",
           "_source": {"node": version, "generator": "scripts/gen_node_builtins.py"},
           "modules": sorted({n.split("/")[0] for n in names})}
    OUT.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
