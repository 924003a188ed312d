"""Every reader takes any text of its markup's characters and gives a block tree, never an error."""
from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from pubexport.reading import READERS
from pubexport.reading.blocks import render_lines

PIECES = st.sampled_from([
    "\\", "{", "}", "[", "]", "%", "&", "$", "#", "^", "_", "~", "*", "/", "=", "-", ":", ".", "|", "+", "`",
    "\n", "\n\n", "  ", "a", "Word", "2020", "\\item ", "\\section{", "\\begin{itemize}", "\\end{itemize}",
    "\\begin{tabular}{ll}", "\\\\", "\\newcommand{\\x}[2]{#1 #2}", "\\x{", "\\def\\y{\\y}", "\\y",
    "\\href{", "\\textbf{", "* ", "** ", "- ", "1. ", "#+begin_export latex\n", "#+end_export\n",
    ":PROPERTIES:\n", ":END:\n", "[[", "]]", "= ", "== ", "~~~\n", "{{", "}}", ".. ", "::", "====\n",
    ".. include:: /etc/passwd\n", "`x <", ">`_", "|a|b|\n",
])


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(PIECES, max_size=80), kind=st.sampled_from(sorted(READERS)))
def test_any_markup_soup_reads_into_lines(pieces, kind):
    module = importlib.import_module(f"pubexport.reading.{READERS[kind]}")
    tree = module.read("".join(pieces))
    for line in render_lines(tree):
        assert isinstance(line.text, str) and line.number >= 0
