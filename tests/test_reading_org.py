"""The org-mode reader: fictional org CV shapes, checked as the finder's lines and as fields."""
from __future__ import annotations

from pubexport.extract import extract
from pubexport.models import Document
from pubexport.reading import org
from pubexport.reading.blocks import render_lines


def lines_of(text: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in render_lines(org.read(text)) if line.text]


def test_headlines_lists_links_and_emphasis():
    text = """#+title: Not content
#+options: toc:nil
* TODO Research :cv:
  :PROPERTIES:
  :CUSTOM_ID: research
  :END:
** Papers
- *Ada Byrne* and Jo Kim. [[https://ex.org/p1][Quiet Graphs]]. /Journal of Calm/, 2020.
- Jo Kim. Loud Graphs,
  continued on a second line. FAKE 2021.
  + a nested note
# a comment
1. An ordered one, 2019.
"""
    assert lines_of(text) == [
        (3, "# Research"),
        (7, "## Papers"),
        (8, "- **Ada Byrne** and Jo Kim. [Quiet Graphs](https://ex.org/p1). *Journal of Calm*, 2020."),
        (9, "- Jo Kim. Loud Graphs, continued on a second line. FAKE 2021."),
        (11, "a nested note"),
        (13, "- An ordered one, 2019."),
    ]


def test_latex_export_block_is_read_by_the_latex_reader_with_its_lines():
    text = """* Published papers
  #+begin_export latex
  \\begin{tabular}{ll}
  2021 & \\textbf{Noor Haddad} \\& Ian Pike. Counting Shadows at Noon. \\textit{Journal of Light}. \\\\
  \\end{tabular}
  #+end_export
#+begin_src python
print("not content")
#+end_src
"""
    assert lines_of(text) == [
        (1, "# Published papers"),
        (4, "- **Noor Haddad** & Ian Pike. Counting Shadows at Noon. *Journal of Light*. (2021)"),
    ]


def test_tables_and_description_lists():
    text = "* Talks\n| 2020 | A talk at a fair |\n|------+------|\n| 2021 | Another |\n\n- Place :: Somewhere\n"
    assert [t for _, t in lines_of(text)] == ["# Talks", "- 2020 | A talk at a fair", "- 2021 | Another",
                                               "- Place: Somewhere"]


def test_org_cv_gives_exact_fields():
    text = ("* Publications\n- Rui Dias and *Lena Vogt*. [[https://doi.org/10.1234/abcd][Sand Clocks Revisited]]. "
            "/Journal of Slow Time/, 2017.\n")
    (mention,) = extract(Document("cv.org", text, "org"))
    assert (mention.title, [p.display() for p in mention.authors], mention.venue, mention.year, mention.doi) == (
        "Sand Clocks Revisited", ["Rui Dias", "Lena Vogt"], "Journal of Slow Time", 2017, "10.1234/abcd")
    assert mention.source.line == 2
