#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The one-page HTML summary of a bisect: results/<id>/summary.json
(scripts/bisect.sh) into summary.html beside it, through
plots/templates/bisect.html.jinja2.

  bisect_page.py RECORD-DIR
"""
import json
import os
import sys

import jinja2


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bisect_page.py RECORD-DIR")
    rec = sys.argv[1]
    try:
        with open(os.path.join(rec, "summary.json"), encoding="utf-8") as f:
            s = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("bisect_page.py: %s: %s" % (rec, e))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")),
        autoescape=True)
    env.tests["match"] = lambda v, p: str(v).startswith(p)
    html = env.get_template("bisect.html.jinja2").render(s=s)
    with open(os.path.join(rec, "summary.html"), "w", encoding="utf-8") as f:
        f.write(html)


if __name__ == "__main__":
    main()
