"""The jemdoc reader: fictional jemdoc publication pages, checked as lines and fields."""
from __future__ import annotations

from pubexport.extract import extract
from pubexport.models import Document
from pubexport.reading import jemdoc
from pubexport.reading.blocks import render_lines


def lines_of(text: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in render_lines(jemdoc.read(text)) if line.text]


PAGE = """# jemdoc: menu{MENU}{publications.html}
= Publications

== Journal Papers
- *2021*, [https://doi.org/10.1234/wave.2021 Folding Waves in Shallow Tanks], *R.Ito*, M.Berg,
K.Sato, /Journal of Pretend Fluids/, Vol. 3, pp. 1-9
- *2019*, Counting Ripples \\# 2, R.Ito, {{<span class="x">Ripple Letters</span>}}

~~~
{}{python}
print("not content")
~~~

. An ordered one, 2018.
: {Note} a definition
"""


def test_headings_items_links_escapes_raw_html_and_boxes():
    assert lines_of(PAGE) == [
        (2, "# Publications"),
        (4, "## Journal Papers"),
        (5, "- **2021**, [Folding Waves in Shallow Tanks](https://doi.org/10.1234/wave.2021), **R.Ito**, M.Berg, "
            "K.Sato, *Journal of Pretend Fluids*, Vol. 3, pp. 1-9"),
        (7, "- **2019**, Counting Ripples # 2, R.Ito, Ripple Letters"),
        (14, "- An ordered one, 2018."),
        (15, "- Note: a definition"),
    ]


def test_jemdoc_item_gives_exact_fields():
    page = ("== Papers\n- R. Ito and M. Berg. [https://doi.org/10.5555/tide.77 Tidal Memory in Closed Bays]. "
            "/Journal of Pretend Fluids/, 2017.\n")
    (mention,) = extract(Document("pubs.jemdoc", page, "jemdoc"))
    assert (mention.title, mention.venue, mention.year, mention.doi) == (
        "Tidal Memory in Closed Bays", "Journal of Pretend Fluids", 2017, "10.5555/tide.77")
    assert [p.display() for p in mention.authors] == ["R. Ito", "M. Berg"]
