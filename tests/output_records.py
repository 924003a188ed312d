"""Fictional records for the output tests: every entry type and the sharp edges of BibTeX,
biber, pandoc and Zotero (acronyms, particles, non-ASCII names, et al., LaTeX injection, lone
braces, records missing the fields an entry type requires)."""
from __future__ import annotations

from pubexport.models import (ARTICLE_JOURNAL, BOOK, CHAPTER, OTHERS, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT,
                              THESIS, UNKNOWN, Person, Record, Source)

INJECTION_TITLE = r"Escaping \input{/etc/passwd} and \write18{rm -rf ~} with 100% of #1 $x_1$ & ^^5c"


def sample_records() -> list[Record]:
    src = [Source("profiles/ana.md", 3)]
    return [
        Record(title="StyleT2I: Towards Compositional and High-Fidelity Text-to-Image Synthesis",
               authors=[Person("Li", "Zhiheng"), Person("Min", "Martin Renqiang"), Person("Xu", "Chenliang")],
               year=2022, venue="IEEE/CVF Conference on Computer Vision and Pattern Recognition",
               venue_acronym="CVPR", type=PAPER_CONFERENCE, arxiv="2203.15799", arxiv_class="cs.CV",
               urls=["https://openaccess.thecvf.com/content/CVPR2022/html/Li_StyleT2I.html"],
               notes=["Oral"], pages="18197-18207", sources=src, owners=["Zhiheng Li"]),
        Record(title=INJECTION_TITLE,
               authors=[Person("Müller", "Jörg"), Person("van der Berg", "Jan"), Person(literal="Amazon AGI"),
                        Person("Đặng", "Thị Ngọc"), OTHERS],
               year=2021, venue="IEEE Transactions on Multimedia", venue_acronym="TMM", type=ARTICLE_JOURNAL,
               volume="23", issue="4", pages="1–10", doi="10.1109/TMM.2021.1234567", sources=src),
        Record(title="Video token merging for long-form video understanding with Gaussian priors",
               authors=[Person("Lee", "Seon-Ho"), Person("García Márquez", "Gabriel")], year=2024,
               type=PREPRINT, arxiv="2410.23782", arxiv_class="cs.CV", notes=["under review"], sources=src),
        Record(title="一种视频处理方法", authors=[Person("李", "明")], year=2023, type=PATENT,
               number="CN114567890A", sources=src),
        Record(title="The Nova Family of Models: Technical Report", authors=[Person(literal="Nova Team")],
               year=2024, type=REPORT, publisher="Example Labs", number="TR-7", sources=src),
        Record(title="Graph Neural Networks (GNNs) for {Curly} Things and a lone } brace",
               authors=[Person("O'Neil", "Siobhán")], year=2019, venue="Workshop on Odd Titles",
               type=UNKNOWN, urls=["https://example.org/a_b%20c?x={1}#frag"], sources=src),
        Record(title="Learning under the Sun: a thesis", authors=[Person("Øster", "Åse")], year=2018,
               type=THESIS, publisher="Université de Montréal", sources=src),
        Record(title="A Book of Things", authors=[Person("Smith", "John")], year=2015, type=BOOK,
               publisher="Example Press", sources=src),
        Record(title="A Chapter on Things", authors=[Person("Smith", "John")], year=2016, type=CHAPTER,
               venue="Handbook of Things", publisher="Example Press", pages="10-20", sources=src),
        Record(title="A conference paper with no author list", year=2020, venue="", venue_acronym="ICLR",
               type=PAPER_CONFERENCE, sources=src),
        Record(title="A paper with no year", authors=[Person("Doe", "Jane")], venue="NeurIPS",
               type=PAPER_CONFERENCE, notes=["Spotlight", "equal contribution"], sources=src),
        Record(title="An arXiv preprint without its id", authors=[Person("Ju", "Chen")], year=2023, venue="arXiv",
               type=PREPRINT, sources=src),
        Record(title="StyleT2I revisited", authors=[Person("Li", "Zhiheng")], year=2022,
               venue="European Conference on Computer Vision", type=PAPER_CONFERENCE, sources=src),
    ]
