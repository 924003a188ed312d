"""Sections by heading in any syntax; entries with shape, label and original line."""
from pubexport.finder import find_entries, split_sections
from pubexport.headings import NEWS, PUBLICATIONS, SKIP, heading_kind
from pubexport.models import Document


def entries(text, kind="markdown"):
    return find_entries(Document("page", text, kind))


def test_heading_words_decide_the_section_kind():
    assert heading_kind("📝 Publications") == PUBLICATIONS
    assert heading_kind("Selected Work") == PUBLICATIONS
    assert heading_kind("Journal Reviewing") == SKIP
    assert heading_kind("Peer-Reviewed Journal Articles") == PUBLICATIONS
    assert heading_kind("Papers Under Review") == PUBLICATIONS
    assert heading_kind("Academics and Communications") == SKIP
    assert heading_kind("🔥 News") == NEWS
    assert heading_kind("Vision-Language Pre-training") is None


def test_headings_in_every_syntax():
    page = ("PUBLICATIONS\n\n- [1] A. Li. Title One. In ICML, 2020.\n\nEducation\n=========\n"
            "- PhD, 2020\n\n<h2>Preprints</h2>\n- B. Wu. Title Two. arXiv, 2021.\n")
    found = entries(page)
    kinds = [(e.section, e.section_kind, e.source.line) for e in found]
    assert kinds == [("PUBLICATIONS", PUBLICATIONS, 3), ("Preprints", PUBLICATIONS, 10)]


def test_topic_subheading_inherits_its_publications_section():
    page = "# Papers\n### Topic: Talking Heads\n- A. Li. Title One. In ICML, 2020.\n# Awards\n- Best Paper 2020\n"
    (entry,) = entries(page)
    assert (entry.section, entry.section_kind) == ("Topic: Talking Heads", PUBLICATIONS)


def test_multiline_item_is_a_list_and_label_is_read():
    page = "# Publications\n- [7] [A Title](u)\n**Ann Lee**, Bo Wu\n**CVPR 2020**\n"
    (entry,) = entries(page)
    assert (entry.shape, entry.label, entry.source.line) == ("list", "7", 2)


def test_citation_in_projects_section_is_found():
    page = "## Projects\n- **A Long Project Title Here.**<sup>[2]</sup>: we did things.\n"
    (entry,) = entries(page)
    assert entry.shape == "citation"


def test_owner_is_the_name_bolded_across_entries():
    page = "# Publications\n- **Ann Lee**, Bo Wu. T one. In ICML, 2020.\n- Bo Wu, **Ann Lee**. T two. In ICML, 2021.\n"
    assert {e.owner for e in entries(page)} == {"Ann Lee"}


def test_a_one_megabyte_line_is_no_entry_and_the_list_after_it_is_still_read():
    page = "# Publications\n" + "word " * 200_000 + "\n- A. Li. Title One. In ICML, 2020.\n"
    (entry,) = entries(page, "text")
    assert (entry.text, entry.source.line) == ("- A. Li. Title One. In ICML, 2020.", 3)


def test_a_heading_line_of_a_hundred_thousand_marks_still_reads_as_a_heading():
    page = "# Papers " + "#" * 100_000 + "\n- A. Li. Title One. In ICML, 2020.\n"
    (entry,) = entries(page)
    assert (entry.section, entry.section_kind) == ("Papers", PUBLICATIONS)


def test_many_headings_each_entry_under_its_own():
    page = "".join(f"# Publications {n}\n- A. Li. Title {n}. In ICML, 2020.\n" for n in range(5_000))
    found = entries(page)
    assert len(found) == 5_000
    assert all(e.section == f"Publications {n}" and e.source.line == 2 * n + 2 for n, e in enumerate(found))


def test_huge_paragraph_without_blank_lines_or_item_marks_gives_one_entry_per_line():
    lines = [f"A. Li and B. Wu. Title number {n} here. In ICML, 2020." for n in range(2_000)]
    found = entries("# Publications\n" + "\n".join(lines) + "\n")
    assert [e.text for e in found] == lines
    assert {e.shape for e in found} == {"reference"}


def test_short_paragraph_stays_one_entry():
    (entry,) = entries("# Publications\n[A Title](u)\nAnn Lee, Bo Wu\nICML 2020\n")
    assert entry.shape == "list"


def test_section_words_in_other_languages_are_folded_and_classed():
    assert heading_kind("📚 Veröffentlichungen") == PUBLICATIONS
    assert heading_kind("## 2. Artículos en Revistas") == PUBLICATIONS
    assert heading_kind("Trabalhos Publicados") == PUBLICATIONS
    assert heading_kind("論文リスト") == PUBLICATIONS
    assert heading_kind("发表论文") == PUBLICATIONS
    assert heading_kind("FORMAÇÃO ACADÊMICA") == SKIP
    assert heading_kind("Vorträge") == SKIP
    assert heading_kind("口頭発表") == SKIP
    assert heading_kind("受賞歴") == SKIP
    assert heading_kind("Dissertações de Mestrado orientadas por mim") == SKIP
    assert heading_kind("Noticias") == NEWS


def test_a_topic_heading_naming_supervision_stays_a_publications_topic():
    page = ("# Publications\n### Topic: Learning with Limited Supervision\n"
            "- A. Li. Weakly-Supervised Action Localization. In ICCV, 2021.\n")
    (entry,) = entries(page)
    assert entry.section_kind == PUBLICATIONS


def test_japanese_page_lists_papers_and_not_its_talks():
    from pathlib import Path

    from pubexport.sources import load

    page = load(Path(__file__).parent / "fixtures" / "pages" / "japanese.md")
    found = [(e.section, e.section_kind, e.source.line) for e in find_entries(page)
             if e.section_kind == PUBLICATIONS]
    assert found == [("査読あり", PUBLICATIONS, 7), ("査読あり", PUBLICATIONS, 8)]


def test_software_projects_and_presentations_under_publications_are_skip_sections():
    page = ("# Publications\n## Journal Articles\n- A. Li. Title One. In ICML, 2020.\n"
            "## Software\n- [tool: a library](https://github.com/x/tool). Last Updated: 2021\n"
            "## Refereed Conference Presentations\n- A. Li. 2019. Title Two. Talk presented at ACL 2019.\n"
            "## Projetos\n- Projeto A, 2020\n"
            "## Software Engineering\n- B. Wu. Title Three. In ICSE, 2021.\n")
    from pubexport.repair import Line

    lines = [Line(number, text) for number, text in enumerate(page.splitlines(), 1)]
    kinds = [(s.title, s.kind) for s in split_sections(lines)]
    assert kinds == [("Journal Articles", PUBLICATIONS), ("Software", SKIP),
                     ("Refereed Conference Presentations", SKIP), ("Projetos", SKIP),
                     ("Software Engineering", PUBLICATIONS)]  # a research topic stays a topic


def test_internships_and_proposals_are_skip_sections():
    assert heading_kind("Internships") == SKIP
    assert heading_kind("Observing and computing proposals") == SKIP


def test_papers_in_preparation_or_review_and_book_reviews_are_publications_reviewing_is_service():
    for heading in ("In Prep / Review", "Submitted / In Review", "Under Review", "In Preparation", "Forthcoming",
                    "Book Reviews", "Essays and Reviews", "Em revisão", "En revisión", "Eingereicht"):
        assert heading_kind(heading) == PUBLICATIONS, heading
    for heading in ("Reviewing", "Journal Reviewing", "Reviewer", "Review Committee", "Reviews"):
        assert heading_kind(heading) == SKIP, heading
