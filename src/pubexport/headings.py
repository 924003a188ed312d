"""What a section holds, from its heading's words in any of the languages pages are written in.

A leaf of the package: the finder classes sections with it, and the readers use it to tell a
heading from a line that only looks like one (a LaTeX CV's bold line, a plain-text line).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

PUBLICATIONS, NEWS, OTHER, SKIP = "publications", "news", "other", "skip"

# Heading words, matched as word prefixes on the folded heading (``fold_heading``: lower case,
# accents off, emoji, numbering and punctuation gone), in English, German, Spanish, Portuguese,
# French and Italian; Japanese and Chinese words (no spaces between words) match anywhere.
# (Reviewing is service; "peer-reviewed", "under review", "in prep / review" papers and book
# reviews are not.)
ALWAYS_SKIP = re.compile(r"\b(?:(?<!peer )(?<!under )(?<!in )(?<!prep )(?<!preparation )(?<!submitted )(?<!book )"
                         r"(?<!essays and )review(?!ed)|service|committee|editor|organi[sz]|"
                         r"volunteer|program chair|orientac|orientad|betreu|gutacht|revisor|parecer)")
STRONG_PUB = re.compile(r"\b(?:publication|paper|preprint|patent|article|manuscript|bibliograph|proceeding|"
                        r"selected works?\b|recent works?\b|research output|"
                        r"publica[cç]|publicad|publie|pubblica|publikation|veroffentlich|aufsatz|aufsatze\b|"
                        r"schrift|artigo|articulo|articoli|revistas?\b|periodicos\b|anais\b|actas\b|"
                        r"prepublica|tagungsb|(?:in|under) review\b|in prep(?:aration)?\b|submitted\b|forthcoming|"
                        r"in press\b|book reviews?\b|essays\b|em revisao|en revision|submetid|en preparacion|"
                        r"em preparacao|eingereicht|in vorbereitung)"
                        r"|論文|業績|査読|投稿|著書|论文|发表|出版|著作")
SKIP_WORDS = re.compile(r"\b(?:education|(?:work |research |professional )?experiences?|employment|career|"
                        r"positions?|awards?|honou?rs?|prizes?|grants?|funding|talks?|teaching|courses?|skills?|"
                        r"interests?|contacts?|community|academics?|activities|projects?|about|bio|biography|"
                        r"students?|mentees?|mentoring|hobbies|misc|miscellaneous|affiliations?|memberships?|"
                        r"collaborators?|invited|presentations?|press|media|software|codes?|datasets?|"
                        r"links?|visitors?|languages|certificates?|certifications?|background|profile|summary|"
                        r"focus|snapshot|outreach|leadership|supervision|posters?|seminars?|keynotes?|internships?|"
                        r"proposals?|appointments?)\b"
                        r"|\b(?:educa|formac|ausbildung|studium|lehre\b|lehrveranstalt|lebenslauf|werdegang|"
                        r"docencia|ensenanza|ensino\b|enseignement|insegnamento|experiencia|experience|esperienz|"
                        r"berufserfahrung|trayectoria|premi|distincion|auszeichnung|preise\b|prix\b|becas?\b|"
                        r"bolsas?\b|financiamiento|forderung|proyectos?\b|projetos?\b|projekte?\b|projets?\b|"
                        r"progetti|contacto|contato|kontakt|sobre\b|acerca|uber mich|a propos|intereses|"
                        r"interesses|interessen|habilidades|competenc|kenntnisse|idiomas|sprachen|charlas?\b|"
                        r"palestras?\b|ponencias?\b|vortrag|vortrage|exposes?\b|presentacion|apresentac|"
                        r"prasentation|presentazion|seminari|conferencias? (?:invitadas|magistral)|"
                        r"temas de investigacion|lineas de investigacion|linhas de pesquisa|forschungsschwerpunkt)"
                        r"|経歴|学歴|職歴|略歴|受賞|教育|講演|口頭|ポスター|セミナー|発表|所属|資格|"
                        r"获奖|教育|报告|讲座|经历|项目|荣誉|个人简介")
# Words that end a publications section even when written as its sub-heading.
# (Software, projects, presentations and posters listed under Publications are no papers either;
# a research topic such as "Software Engineering" is a topic.)
SECTION_SKIP = re.compile(r"\b(?:education|experience|employment|awards?\b|honou?rs?\b|teaching|talks\b|skills|"
                          r"contact|service|reviewing|students|orientac|orientad|betreu|educa|formac|lehre\b|"
                          r"software\b(?! (?:engineering|systems?|verification|testing|security|analysis|evolution|"
                          r"quality))|"
                          r"projects?\b|presentations?\b|posters?\b|seminars?\b|keynotes?\b|"
                          r"proyectos?\b|projetos?\b|projekte?\b|projets?\b|progetti|presentacion|apresentac|"
                          r"prasentation|presentazion|"
                          r"docencia|premi|auszeichnung|charlas?\b|palestras?\b|ponencias?\b|vortrag|"
                          r"temas de investigacion|lineas de investigacion|linhas de pesquisa)"
                          r"|経歴|受賞|教育|講演|口頭|ポスター|セミナー|発表|获奖|报告")
WEAK_PUB = re.compile(r"\b(?:works?\b|journals?\b|conferences?\b|workshops?\b|reports?\b|thes[ie]s\b|books?\b|"
                      r"chapters?\b|writings?\b|communications?\b|capitul|kapitel|chapitre|capitol|libros?\b|"
                      r"livros?\b|livres?\b|buch|bucher\b|ouvrages?\b|trabalhos?\b|trabajos?\b|"
                      r"conferencias?\b|congres|simposio|tagung|konferenz|zeitschrift|tesis\b|teses?\b|"
                      r"dissertac|dissertation|disertac|these\b|tesi\b|monograf|informes?\b|relatorios?\b|"
                      r"berichte?\b|rapports?\b|saggi|beitrage|contribu|escritos)")
NEWS_WORDS = re.compile(r"\b(?:news|updates?\b|announcement|what'?s new|latest|highlights|noticias|novedades|"
                        r"novidades|neuigkeiten|aktuelles|actualites|nouvelles|notizie)"
                        r"|ニュース|お知らせ|新闻|动态")

NOT_LETTERS = re.compile(r"[^\w']+|[\d_]+")


def fold_heading(title: str) -> str:
    """A heading's words in one form: lower case, accents off Latin letters (``Publicações`` ->
    ``publicacoes``, ``ß`` -> ``ss``), every mark that is no letter (emoji, numbering, punctuation,
    markup) a space; the letters of other scripts are kept whole (``ポスター`` stays)."""
    if not title.isascii():
        title = unicodedata.normalize("NFKC", title)
    return " ".join(title.translate(FOLDS).split())


class _Folds(dict):
    """Each character's fold (``fold_heading``: its accent off, casefolded, a space when it is no
    letter), found when the character is first met: folding a text is then one ``str.translate``.
    (Case folding and the letter test go character by character, so folding each character
    folds the text.)"""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        fold = NOT_LETTERS.sub(" ", (char if char.isascii() else _fold_char(char)).casefold())
        if len(self) < MAX_FOLDS:  # (a page of every script's characters stays bounded)
            self[code] = fold
        return fold


MAX_FOLDS = 1 << 16
FOLDS = _Folds()


def _fold_char(char: str) -> str:
    """A character without its accent; a mark of no script a space."""
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() else char if char.isalpha() else " "


class Folded(NamedTuple):
    """A text folded (``fold_heading``) and its words: the runs of letters between the spaces and
    apostrophes, which are all that a folded text holds besides letters."""

    text: str
    words: frozenset[str]


@lru_cache(maxsize=256)
def folded(text: str) -> Folded:
    """``text`` folded with its words; cached, since an entry is asked about by several features."""
    text = fold_heading(text)
    return Folded(text, frozenset(text.replace("'", " ").split()))


@dataclass(frozen=True)
class WordList:
    """Words looked for in a folded text: whole words, word beginnings, and words of the scripts
    written without spaces (none ASCII), found anywhere. Set lookups instead of a regex scanning
    every entry's text."""

    whole: frozenset[str]
    beginnings: tuple[str, ...] = ()
    anywhere: tuple[str, ...] = ()

    def found_in(self, text: Folded) -> bool:
        return (not self.whole.isdisjoint(text.words)
                or any(word in text.text for word in self.beginnings)  # (a quick test first)
                and any(word.startswith(self.beginnings) for word in text.words)
                or not text.text.isascii() and any(word in text.text for word in self.anywhere))


def word_list(whole: str, *, beginnings: str = "", anywhere: str = "") -> WordList:
    """A ``WordList`` from its words, written between spaces."""
    assert all(not word.isascii() for word in anywhere.split()), "ASCII words are whole words or beginnings"
    return WordList(frozenset(whole.split()), tuple(beginnings.split()), tuple(anywhere.split()))


@lru_cache(maxsize=16384)
def heading_kind(title: str) -> str | None:
    """What a section holds, from its heading words; None when the words do not say."""
    words = fold_heading(title)
    if not words:
        return None
    if ALWAYS_SKIP.search(words):
        return SKIP
    if STRONG_PUB.search(words):
        return PUBLICATIONS
    if SKIP_WORDS.search(words):
        return SKIP
    if WEAK_PUB.search(words):
        return PUBLICATIONS
    if NEWS_WORDS.search(words):
        return NEWS
    return None
