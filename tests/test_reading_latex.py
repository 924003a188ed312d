"""The LaTeX reader: fictional CV shapes read into the block tree, checked as the finder's lines."""
from __future__ import annotations

import logging
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pubexport.extract import extract
from pubexport.models import Document
from pubexport.reading import latex
from pubexport.reading.blocks import render_lines


def lines_of(text: str) -> list[str]:
    return [line.text for line in render_lines(latex.read(text)) if line.text]


def test_markup_becomes_markdown():
    text = r"\section*{Papers}" + "\n" + r"\begin{itemize}\item \textbf{A.~B{\"o}hm}. \emph{Title}. " \
        r"\href{https://x.org}{pdf}\end{itemize}"
    assert lines_of(text) == ["# Papers", "- **A. Böhm**. *Title*. [pdf](https://x.org)"]


def test_only_the_document_body_is_read_and_comments_are_dropped():
    text = ("\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\title{Not content}\n"
            "\\begin{document}\n% a note to myself\nHello, world. % trailing note\n\\end{document}\nafter\n")
    tree = latex.read(text)
    assert [(line.number, line.text) for line in render_lines(tree) if line.text] == [(6, "Hello, world.")]


def test_percent_signs_in_a_link_address_are_characters_not_comments():
    text = (r"\begin{document}" "\n"
            r"\ind Ana Ortiz. 2003. \href{http://ex.org/sici?sici=0094%28200303%2932}{Review} of \emph{Salt}. "
            r"% a comment" "\n" r"\end{document}")
    assert lines_of(text) == ["Ana Ortiz. 2003. [Review](http://ex.org/sici?sici=0094%28200303%2932) of *Salt*."]


def test_page_macro_over_marginpar_is_a_heading_and_ind_paragraphs_are_entries():
    text = r"""\documentclass{memoir}
\newcommand{\marginhead}[1]{\marginpar{\textsf{\footnotesize #1}}}
\def\ind{\hangindent=1 true cm\hangafter=1 \noindent}
\begin{document}
\marginhead{\sffamily publications}
\noindent\emph{Journal articles \vspace{0.05in}}

\ind Ana Ortiz and Ben Cole. 2019. ``\href{https://ex.org/a.pdf}{Tidal Pools and Their Keepers}.''
  \emph{Journal of Imaginary Coasts} 12:~1--20.

\ind Ana Ortiz. 2017. ``Salt and Se\'{a}n's Ledger.'' \emph{Harbour Review} 3:~5--9.
\end{document}
"""
    assert lines_of(text) == [
        "# publications",
        "## Journal articles",
        "Ana Ortiz and Ben Cole. 2019. “[Tidal Pools and Their Keepers](https://ex.org/a.pdf).” "
        "*Journal of Imaginary Coasts* 12: 1–20.",
        "Ana Ortiz. 2017. “Salt and Seán's Ledger.” *Harbour Review* 3: 5–9.",
    ]


def test_hanging_paragraphs_without_blank_lines_are_separate_entries():
    text = "\\def\\ind{\\hangindent=18pt\\noindent}\n\\ind First entry, 2020.\n\\ind Second entry, 2021.\n"
    assert lines_of(text) == ["First entry, 2020.", "Second entry, 2021."]


def test_emphasised_line_naming_nothing_stays_a_paragraph():
    assert lines_of(r"\section{Work}" "\n\n" r"\textbf{Acme Robotics}" "\n\nBuilt robots.") == [
        "# Work", "**Acme Robotics**", "Built robots."]


def test_moderncv_entry_macro_gives_one_entry_with_a_line_per_argument():
    text = r"""\section{Publications}
\cventry{2021}{Quiet Lattices}{\emph{Annals of Made-up Mathematics}}{}{}{With Ivo Petrov.}
\cvitem{2019}{Loud Lattices, Proc. FAKE 2019}
"""
    assert lines_of(text) == [
        "# Publications",
        "- 2021", "Quiet Lattices", "*Annals of Made-up Mathematics*", "With Ivo Petrov.",
        "- 2019", "Loud Lattices, Proc. FAKE 2019",
    ]


def test_page_macro_with_arguments_is_expanded():
    text = r"""\newcommand{\pub}[3]{\item #1. \emph{#2}. #3.}
\section{Papers}
\begin{enumerate}
\pub{Lea Fink}{Counting Clouds}{Weather Letters, 2018}
\pub{Lea Fink and Tom Hale}{Naming Winds}{Gale Journal, 2020}
\end{enumerate}
"""
    assert lines_of(text) == ["# Papers", "- Lea Fink. *Counting Clouds*. Weather Letters, 2018.",
                              "- Lea Fink and Tom Hale. *Naming Winds*. Gale Journal, 2020."]


def test_tabular_rows_are_entries_a_date_column_follows_its_entry_and_an_empty_first_cell_continues_the_row():
    text = r"""\section{Published papers}
\begin{tabular}{@{}p{0.1\textwidth}p{0.9\textwidth}}
\oldstylenums{2022} & \textbf{Mia Roth} \& Oskar Lind. Soft Boundaries. \textit{Journal of Vague Studies}. \\
\oldstylenums{2020} & \textbf{Mia Roth}. Hard Boundaries. Proceedings of FAKE 2020. \\
\hline
\end{tabular}
\section{Education}
\begin{tabular}{ll}
2016 & \textbf{Example University} \\
 & PhD in Linguistics \\
\end{tabular}
"""
    assert lines_of(text) == [
        "# Published papers",
        "- **Mia Roth** & Oskar Lind. Soft Boundaries. *Journal of Vague Studies*. (2022)",
        "- **Mia Roth**. Hard Boundaries. Proceedings of FAKE 2020. (2020)",
        "# Education",
        "- 2016", "**Example University**", "PhD in Linguistics",
    ]


def test_list_environments_defined_by_the_page_are_lists():
    text = "\\section{Talks}\n\\begin{itemize*}\n\\item One talk, 2019.\n\\item Another, 2020.\n\\end{itemize*}\n"
    assert lines_of(text) == ["# Talks", "- One talk, 2019.", "- Another, 2020."]


def test_latex_cv_gives_exact_fields():
    text = r"""\begin{document}
\section*{Journal Papers}
\begin{enumerate}
\item \textbf{P.~N{\"a}f} and O.~Berg. \emph{Glacier Memory in Small Lakes}. Journal of Cold Water, 2018.
\end{enumerate}
\end{document}
"""
    (mention,) = extract(Document("cv.tex", text, "latex"))
    assert (mention.title, [p.display() for p in mention.authors], mention.venue, mention.year) == (
        "Glacier Memory in Small Lakes", ["P. Näf", "O. Berg"], "Journal of Cold Water", 2018)
    assert mention.source.line == 4


def test_unbalanced_braces_are_read_best_effort():
    text = "\\section{Papers\n\\begin{itemize}\n\\item A. Bo. \\textbf{Open Title. Venue, 2020.\n\n" \
           "Next paragraph } } }\n"
    assert "Next paragraph" in " ".join(lines_of(text))


def test_runaway_nesting_and_a_huge_line_never_raise():
    deep = "{" * 20_000 + "deep" + "}" * 20_000
    assert "deep" in " ".join(lines_of("A start.\n\n" + deep + "\n\nAn end."))
    long_line = "\\textbf{x} word " * 5_000
    assert lines_of(long_line)[0].startswith("**x** word **x** word")


def test_a_page_too_large_for_the_walker_is_read_as_plain_paragraphs(caplog, monkeypatch):
    monkeypatch.setattr(latex, "MAX_WALKED_CHARS", 100)
    text = "\\section{Papers} % note\n" + "A. Bo. \\emph{Some Title}. Venue, 2020. " * 10 + "\n\nEnd."
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        found = lines_of(text)
    assert found == ["Papers " + "A. Bo. Some Title. Venue, 2020. " * 9 + "A. Bo. Some Title. Venue, 2020.",
                              "End."]
    assert "too large" in caplog.text


# pieces LaTeX pages are made of, for the walker's equivalence below
LATEX_PIECES = ["word", " ", "  ", "\n", "\n\n", "\n  \n", "\\textbf{", "\\emph ", "\\item ", "\\href{u}{",
                "}", "{", "[", "]", "$", "$x^2$", "&", "~", "--", "``", "''", "%c\n", "\\\\", "\\&", "*", "\\bf ",
                "\\begin{itemize}", "\\end{itemize}", "\\section*{", "\\cventry", "é", "\\'e", "\\mymacro"]


@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=40))
@settings(max_examples=300, deadline=None)
def test_run_walker_gives_pylatexenc_nodes(pieces):
    """Reading runs of ordinary characters as one token changes no node: the same text nodes,
    macros, arguments and positions as pylatexenc's walker reading character by character."""
    from pylatexenc.latexwalker import LatexWalker

    text = "".join(pieces)
    context = latex._context((("mymacro", 2, True),))

    def nodes(walker_class) -> str:
        walker = walker_class(text, latex_context=context, tolerant_parsing=True)
        return re.sub(r"<parsing state \d+>", "", repr(walker.get_latex_nodes()[0]))

    assert nodes(latex._RunWalker) == nodes(LatexWalker)
