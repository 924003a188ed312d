"""Re-running into an existing bibliography: keys pinned, hand edits kept, every change said.

People cite the keys of ``refs.bib`` in papers still being written and fix its entries by hand, so
a re-run must not rebuild the file from nothing. Instead:

1. ``read_existing`` reads the file there now (BibTeX or CSL-JSON, ours, hand-written, Zotero's or
   Better BibTeX's) into its entries, each with its key, its fields as written and the mention the
   bibliography reader (``bibinput``) makes of it.
2. ``reconcile`` pairs the new records with those entries (``match_existing``: the merge stage
   itself, ``merging.merge`` over one mention per record and one per entry), one entry per record.
   A matched record keeps the entry's key; a new record gets a key no entry uses (``keys``).
   Field by field, a value the entry holds that differs from what the pages give now is kept and
   reported (``refresh`` takes the pages' value); fields the pages add fill gaps; the fields only
   the entry has (an abstract, a file link) stay. Entries no page lists any more are kept and
   reported (``prune`` drops them).
3. The new file is the old text with only the changed entries rewritten, the dropped ones cut out
   and the new ones appended, so comments, ``@string``s, unreadable entries and the layout of
   untouched entries stay as they were; unchanged pages give the same bytes.

``update`` does all three for a path, and writes the result atomically after a backup.
"""
from __future__ import annotations

import io
import json
import logging
import os
import re
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import Path

from .bibinput import _mention_from_entry, _mention_from_item, _people, _unenclosed, json_item_spans
from .gcpause import paused_gc
from .identifiers import bare_doi
from .latex import to_text, unverbatim
from .models import Mention, Record, Source, Work
from .report import Report

log = logging.getLogger("pubexport")

# Bookkeeping the pages always decide: whose pages list the work, and where.
BIBTEX_PROVENANCE = ("pageowner",)
CSL_PROVENANCE = ("custom.sources", "custom.owners")
# Fields that belong to an entry type: when the types differ, they follow the type.
BIBTEX_TYPE_FIELDS = frozenset("booktitle journal journaltitle shortjournal howpublished institution school "
                               "publisher volume number pages eventtitle".split())
CSL_TYPE_FIELDS = frozenset("container-title container-title-short journalAbbreviation event-title authority "
                            "publisher number volume issue page".split())
# Another name the same value goes by (biblatex, Zotero): a field present under it is no gap.
BIBTEX_ALIASES = {"year": ("date",), "journal": ("journaltitle",), "primaryclass": ("eprintclass",)}
CSL_ALIASES = {"container-title-short": ("journalAbbreviation",)}
CSL_KEYS = ("id", "citation-key")  # never compared: the key is the entry's own


class BibliographyError(Exception):
    """The existing output cannot be read safely, so it is left alone; the message completes
    'the existing file ...'."""


@dataclass
class ExistingEntry:
    """One entry of the existing file: its key, type and fields as written, and where it is."""

    key: str
    type: str
    fields: dict  # name -> value as written (BibTeX: raw text with its braces; CSL: JSON values)
    mention: Mention | None  # None when the entry cannot be matched (no title): it is kept as it is
    span: tuple[int, int]  # where its text is in the file
    line: int
    names: dict = field(default_factory=dict)  # BibTeX: lower-case name -> name as written


@dataclass
class Existing:
    """The bibliography at the output path before this run."""

    path: str
    format: str  # "bibtex" | "csljson"
    text: str
    entries: list[ExistingEntry]
    keys: set[str]  # every key in use, also of entries that cannot be read


@dataclass
class Difference:
    """A field whose value in the file differs from what the pages give now."""

    field: str
    kept: str
    pages: str


@dataclass
class Change:
    """What happened to one work: added, updated, unchanged, unlisted (kept), pruned or duplicate."""

    action: str
    key: str
    title: str
    updated: list[str] = field(default_factory=list)  # fields written from the pages
    differences: list[Difference] = field(default_factory=list)  # hand-edited values kept
    rule: str = ""  # why the record and the entry are one work
    where: str = ""  # the entry's file:line, or the record's first source
    record: str = ""  # the record of the pages: its title and first source


@dataclass
class Update:
    """The outcome of a re-run: the new text and one change per work."""

    path: str
    text: str
    changed: bool
    changes: list[Change]
    written: bool = False
    backup: str = ""

    def count(self, action: str) -> int:
        return sum(c.action == action for c in self.changes)

    def summary(self) -> str:
        """'added 2, updated 1 (doi, title), kept 1 no longer listed', or 'no changes'."""
        updated = sorted({name for c in self.changes if c.action == "updated" for name in c.updated})
        unlisted = self.count("unlisted")
        if self.changed:
            parts = [f"added {self.count('added')}",
                     f"updated {self.count('updated')}" + (f" ({', '.join(updated)})" if updated else "")]
            if self.count("pruned"):
                parts.append(f"pruned {self.count('pruned')} no longer listed")
            parts.append(f"kept {unlisted} no longer listed")
            text = ", ".join(parts)
        else:
            text = "no changes" + (f"; kept {unlisted} no longer listed" if unlisted else "")
        edits = [d.field for c in self.changes for d in c.differences]
        if edits:
            text += (f"; kept {len(edits)} hand-edited value{'s' if len(edits) != 1 else ''} "
                     f"({', '.join(sorted(set(edits)))}; --refresh takes the pages')")
        return text


# --- reading the existing file ------------------------------------------------------------------

def read_existing(path: str | os.PathLike, fmt: str) -> Existing:
    """Read the bibliography at ``path`` as ``fmt`` ("bibtex" or "csljson")."""
    from .sources import binary_kind, decode

    try:
        with open(path, "rb") as fp:
            data = fp.read()
    except OSError as err:
        raise BibliographyError(f"cannot be read ({err.strerror or err})") from err
    what = binary_kind(data[:8192])
    if what:
        raise BibliographyError(f"is {what}, not a bibliography")
    return parse_existing(decode(data, name=str(path)), fmt, str(path))


def parse_existing(text: str, fmt: str, path: str = "refs") -> Existing:
    """Read ``text`` as the bibliography ``path`` in ``fmt``; the garbage collector is paused
    meanwhile, as when bibliographies are read as input (many small objects, no cycles)."""
    with paused_gc():
        return _parse_csljson(text, path) if fmt == "csljson" else _parse_bibtex(text, path)


_STRING_BLOCK_RE = re.compile(r"@string", re.IGNORECASE)
_KEY_RE = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")


def _parse_bibtex(text: str, path: str) -> Existing:
    import bibtexparser
    from bibtexparser.middlewares import ResolveStringReferencesMiddleware
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

    resolve = [ResolveStringReferencesMiddleware()] if _STRING_BLOCK_RE.search(text) else []
    library = bibtexparser.parse_string(text, parse_stack=resolve)
    entries, keys, pos = [], set(), 0
    for block in library.blocks:
        start = text.find(block.raw, pos)
        if start < 0:
            line = (block.start_line or 0) + 1
            raise BibliographyError(f"has an entry at line {line} whose end cannot be found")
        pos = start + len(block.raw)
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and block.ignore_error_block is not None:
            block = block.ignore_error_block  # a repeated key: still an entry to keep and match
        if isinstance(block, ParsingFailedBlock):
            found = _KEY_RE.match(block.raw)
            if found:
                keys.add(found.group(1))
            log.warning("%s:%d: unreadable BibTeX entry kept as it is", path, line)
            continue
        if not isinstance(block, Entry):
            continue
        keys.add(block.key)
        fields = {f.key.lower(): f.value for f in block.fields if isinstance(f.value, str)}
        names = {f.key.lower(): f.key for f in block.fields}
        mention = _mention_from_entry(block, _entry_source(len(entries)))
        entries.append(ExistingEntry(block.key, block.entry_type, fields, mention, (start, pos), line, names))
    return Existing(path, "bibtex", text, entries, keys)


def _parse_csljson(text: str, path: str) -> Existing:
    items = _json_items(text)
    if items is None:
        raise BibliographyError("is not a CSL-JSON array of items")
    entries, keys, line, counted = [], set(), 1, 0
    for item, start, end in items:
        line += text.count("\n", counted, start)
        counted = start
        if not isinstance(item, dict):
            continue
        key = str(item.get("citation-key") or item.get("id") or "")
        keys.update(str(item[k]) for k in CSL_KEYS if item.get(k))
        mention = _mention_from_item(item, _entry_source(len(entries)))
        fields = _flatten(item)
        entries.append(ExistingEntry(key, str(fields.get("type", "")), fields, mention, (start, end), line))
    return Existing(path, "csljson", text, entries, keys)


def _json_items(text: str) -> list[tuple[object, int, int]] | None:
    """The items of a JSON array (or one object), each with the span of its text; None if not JSON
    (nothing but white space may follow it)."""
    if not text.strip():
        return []
    found = json_item_spans(text)
    if found is None or text[found[1]:].strip():
        return None
    return found[0]


def _flatten(item: dict) -> dict:
    """A CSL item with the parts of ``custom`` as fields of their own ("custom.sources")."""
    out = {}
    for name, value in item.items():
        if name == "custom" and isinstance(value, dict):
            out.update((f"custom.{k}", v) for k, v in value.items())
        else:
            out[name] = value
    return out


def _unflatten(fields: dict, kind: str) -> dict:
    """The item again, with the type in its place (after the keys, where our writer puts it,
    when the item had none)."""
    item: dict = {}
    for name, value in fields.items():
        if name.startswith("custom."):
            item.setdefault("custom", {})[name[len("custom."):]] = value
        else:
            item[name] = kind if name == "type" else value
        if name == "citation-key" or (name == "id" and "citation-key" not in fields):
            item.setdefault("type", kind)
    item.setdefault("type", kind)
    return item


# --- matching records to entries -----------------------------------------------------------------

# The mentions matched carry made-up sources, one per record or entry, by which the merge stage's
# records say which of them they hold (each record lists its sources). The records are entries of
# one page: two of them are two works. Each entry is a page of its own, so that two entries of one
# work in the file (a preprint and its paper) are found to be one.
RECORDS_PATH = "<pages>"
ENTRIES_PATH = "<existing>"


def _entry_source(index: int) -> Source:
    return Source(f"{ENTRIES_PATH}#{index + 1}", index + 1)


def _record_mention(record: Record, index: int) -> Mention:
    """The record as one mention of a page of its own, for the merge stage to match."""
    work = {f.name: getattr(record, f.name) for f in dataclass_fields(Work)}
    return Mention(**work, source=Source(RECORDS_PATH, index + 1))


def match_existing(records: list[Record], entries: list[ExistingEntry]) -> tuple[dict[int, int], dict, set]:
    """Pair records with entries, one to one: {record index: entry index}, each pair's rule, and
    the entries left over in a group with a record (a second entry of a work the file holds twice).

    The merge stage groups one mention per record with one per entry; inside a group, pairs are
    taken best first (a shared identifier, then the closest title).
    """
    from . import match
    from .merging import merge

    record_mentions = [_record_mention(r, i) for i, r in enumerate(records)]
    groups = merge(record_mentions + [e.mention for e in entries if e.mention is not None])
    pairs: dict[int, int] = {}
    rules: dict[int, str] = {}
    duplicates: set[int] = set()
    cache = match.FeatureCache()
    for group in groups:
        mine = [s.line - 1 for s in group.sources if s.path == RECORDS_PATH]
        theirs = [s.line - 1 for s in group.sources if s.path.startswith(ENTRIES_PATH + "#")]
        if not mine or not theirs:
            continue
        scored = []
        for i in mine:
            a = match.features(record_mentions[i], cache)
            for k in theirs:
                b = match.features(entries[k].mention, cache)
                ev = match.compare(a, b)
                merged, rule, _ = match.decide(a, b, ev)
                scored.append((-(bool(ev.same_id)), -ev.title, -(ev.authors or 0.0), entries[k].line, i, k,
                               rule if merged else "one work for the merge stage (through other mentions)"))
        used_records, used_entries = set(), set()
        for *_, i, k, rule in sorted(scored):
            if i not in used_records and k not in used_entries:
                used_records.add(i)
                used_entries.add(k)
                pairs[i], rules[i] = k, rule
        duplicates.update(k for k in theirs if k not in used_entries)
    return pairs, rules, duplicates


# --- reconciling one entry's fields ----------------------------------------------------------------

@dataclass
class _Rules:
    """How one format names, compares and renders fields."""

    provenance: tuple
    keys: tuple  # the fields that hold the entry's key: never compared
    type_fields: frozenset
    aliases: dict
    same: object  # (name, existing value, page value) -> bool
    show: object  # value -> text for the report


def _merge_fields(entry: ExistingEntry, page_type: str, page_fields: dict, rules: _Rules, refresh: bool,
                  same_type: bool) -> tuple[str, list[tuple[str, object]], list[str], list[Difference]]:
    """(type, fields, names updated, differences kept) of one matched entry."""
    fields = list(entry.fields.items())
    names = [n for n, _ in fields]
    updated: list[str] = []
    kept: list[Difference] = []
    kind = entry.type
    follow_type = same_type or refresh
    if not same_type:
        if refresh:
            kind = page_type
            updated.append("type")
            dropped = [n for n in names if n in rules.type_fields and n not in page_fields
                       and not any(n in rules.aliases.get(p, ()) for p in page_fields)]
            fields = [(n, v) for n, v in fields if n not in dropped]
            names = [n for n, _ in fields]
            updated.extend(dropped)
        else:
            kept.append(Difference("type", entry.type, page_type))
    previous = None
    for name, value in page_fields.items():
        if name in rules.keys:
            if name == "id" and name not in names and "citation-key" not in names:
                fields.insert(0, (name, value))
                names.insert(0, name)
                updated.append(name)
            previous = name if name in names else previous
            continue
        if not follow_type and name in rules.type_fields:
            continue
        present = name if name in names else next((a for a in rules.aliases.get(name, ()) if a in names), None)
        if present is None:
            at = names.index(previous) + 1 if previous in names else 0
            fields.insert(at, (name, value))
            names.insert(at, name)
            updated.append(name)
            present = name
        else:
            old = fields[names.index(present)][1]
            if old != value and not rules.same(name, old, value):
                if refresh or name in rules.provenance:
                    fields[names.index(present)] = (present, value)
                    updated.append(name)
                else:
                    kept.append(Difference(name, rules.show(old), rules.show(value)))
        previous = present
    for name in rules.provenance:
        if name in names and name not in page_fields:
            del fields[names.index(name)]
            names.remove(name)
            updated.append(name)
    return kind, fields, updated, kept


# BibTeX values are compared as the text they print, so braces, quotes, escapes and layout do not count.
_PAGE_DASH_RE = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
_YEAR_RE = re.compile(r"\d{4}")


def _bibtex_same(name: str, old: str, new: str) -> bool:
    return _bibtex_normal(name, old) == _bibtex_normal(name, new)


def _bibtex_normal(name: str, value: str):
    raw = _unenclosed(value)
    if name in ("author", "editor"):
        return [(p.family, p.given, p.literal) for p in _people(raw)]
    if name in ("url", "doi", "eprint"):
        plain = unverbatim(raw)
        return bare_doi(plain).lower() if name == "doi" else plain
    text = " ".join(to_text(raw).split())
    if name in ("year", "date"):
        found = _YEAR_RE.search(text)
        return found.group() if found else text
    if name == "pages":
        return _PAGE_DASH_RE.sub("-", text)
    return text


def _bibtex_show(value: str) -> str:
    return " ".join(to_text(_unenclosed(value)).split())


def _csl_same(name: str, old, new) -> bool:
    return _csl_normal(name, old) == _csl_normal(name, new)


def _csl_normal(name: str, value):
    if isinstance(value, str):
        text = " ".join(value.split())
        return text.lower() if name == "DOI" else text
    if name == "issued" and isinstance(value, dict):
        try:
            return str(value["date-parts"][0][0])
        except (KeyError, IndexError, TypeError):
            found = _YEAR_RE.search(str(value.get("raw") or value.get("literal") or ""))
            return found.group() if found else value
    if isinstance(value, list):
        return [_csl_normal(name, v) for v in value]
    if isinstance(value, dict):
        return {k: _csl_normal(k, v) for k, v in value.items() if v not in ("", None, [], {})}
    return value


def _csl_show(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


BIBTEX_RULES = _Rules(BIBTEX_PROVENANCE, (), BIBTEX_TYPE_FIELDS, BIBTEX_ALIASES, _bibtex_same, _bibtex_show)
CSL_RULES = _Rules(CSL_PROVENANCE, CSL_KEYS, CSL_TYPE_FIELDS, CSL_ALIASES, _csl_same, _csl_show)
_SAME_BIBTEX_TYPE = {"conference": "inproceedings"}


# --- the update --------------------------------------------------------------------------------

def reconcile(records: list[Record], existing: Existing, *, refresh: bool = False, prune: bool = False,
              ascii_only: bool = False, report: Report | None = None) -> Update:
    """The new text of ``existing`` for ``records`` (keys set on the records in place), and
    what changed for each work. Nothing is written."""
    with paused_gc():
        return _reconcile_all(records, existing, refresh, prune, ascii_only, report)


def _reconcile_all(records: list[Record], existing: Existing, refresh: bool, prune: bool, ascii_only: bool,
                   report: Report | None) -> Update:
    pairs, rules, duplicates = match_existing(records, existing.entries)
    for i, k in pairs.items():
        records[i].key = existing.entries[k].key
    new_records = [r for i, r in enumerate(records) if i not in pairs]
    from .keys import assign_keys

    # a CSL-JSON item without id or citation-key that matches a record gets a new key, as an id
    assign_keys(new_records + [records[i] for i, k in pairs.items() if not existing.entries[k].key],
                reserved=existing.keys)
    render = _BibtexRender(existing, ascii_only) if existing.format == "bibtex" else _CslRender(existing)
    changes: list[Change] = []
    replaced: dict[int, str | None] = {}  # entry index -> new text, or None to cut it out
    record_of_entry = {k: i for i, k in pairs.items()}
    for k, entry in enumerate(existing.entries):
        title = entry.mention.title if entry.mention else ""
        where = f"{existing.path}:{entry.line}"
        if k in record_of_entry:
            record = records[record_of_entry[k]]
            text, updated, kept = render.updated(entry, record, refresh)
            if text is not None:
                replaced[k] = text
            changes.append(Change("updated" if updated else "unchanged", record.key, title, updated, kept,
                                  rules[record_of_entry[k]], where, _describe(record)))
        elif entry.mention is None:
            continue  # nothing to match it by: kept as it is, like a comment
        elif k in duplicates:
            changes.append(Change("duplicate", entry.key, title, where=where,
                                  rule="the same work as another entry of the file, which took the record"))
        elif prune:
            replaced[k] = None
            changes.append(Change("pruned", entry.key, title, where=where, rule="no page lists it any more"))
        else:
            changes.append(Change("unlisted", entry.key, title, where=where, rule="no page lists it any more"))
    for record in new_records:
        changes.append(Change("added", record.key, record.title, rule="matches no entry of the file",
                              record=_describe(record)))
    text = render.text(replaced, new_records)
    result = Update(existing.path, text, text != existing.text, changes)
    if report is not None:
        _report(result, report)
    return result


class _BibtexRender:
    def __init__(self, existing: Existing, ascii_only: bool):
        self.existing, self.ascii_only = existing, ascii_only

    def updated(self, entry: ExistingEntry, record: Record, refresh: bool):
        from .bibtex import to_entry

        page = to_entry(record, ascii_only=self.ascii_only)
        page_fields = {f.key: f.value for f in page.fields}
        same_type = _SAME_BIBTEX_TYPE.get(entry.type.lower(), entry.type.lower()) == page.entry_type
        kind, fields, updated, kept = _merge_fields(entry, page.entry_type, page_fields, BIBTEX_RULES,
                                                    refresh, same_type)
        if not updated:
            return None, updated, kept
        return self._entry_text(kind, entry.key, [(entry.names.get(n, n), v) for n, v in fields]), updated, kept

    @staticmethod
    def _entry_text(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
        import bibtexparser
        from bibtexparser.library import Library
        from bibtexparser.model import Entry, Field
        from bibtexparser.writer import BibtexFormat

        fmt = BibtexFormat()  # the layout of bibtex.write_bibtex
        fmt.indent = "  "
        fmt.block_separator = "\n"
        fmt.trailing_comma = True
        entry = Entry(kind, key, [Field(name, value) for name, value in fields])
        return bibtexparser.write_string(Library([entry]), unparse_stack=[], bibtex_format=fmt).strip("\n")

    def text(self, replaced: dict[int, str | None], new_records: list[Record]) -> str:
        from .bibtex import write_bibtex  # new records have their keys (_reconcile_all)

        body = _splice(self.existing, replaced, _cut_bibtex_gap)
        if not new_records:
            return body
        out = io.StringIO()
        write_bibtex(new_records, out, ascii_only=self.ascii_only)
        return body.rstrip() + "\n\n" + out.getvalue() if body.strip() else out.getvalue()


class _CslRender:
    def __init__(self, existing: Existing):
        self.existing = existing

    def updated(self, entry: ExistingEntry, record: Record, refresh: bool):
        from .csljson import to_csl

        page = _flatten(to_csl(record))
        page_type = str(page.pop("type", ""))
        kind, fields, updated, kept = _merge_fields(entry, page_type, page, CSL_RULES, refresh,
                                                    entry.type == page_type)
        if not updated:
            return None, updated, kept
        return json.dumps(_unflatten(dict(fields), kind), ensure_ascii=False), updated, kept

    def text(self, replaced: dict[int, str | None], new_records: list[Record]) -> str:
        from .csljson import write_csljson  # new records have their keys (_reconcile_all)

        out = io.StringIO()
        write_csljson(new_records, out)
        fresh = out.getvalue()
        kept = [k for k, _ in enumerate(self.existing.entries) if replaced.get(k, "") is not None]
        if not kept and not self.existing.text.strip().strip("[]").strip():
            return fresh  # an empty file, or an empty array: as a first run writes it
        body = _splice(self.existing, replaced, _cut_json_gap)
        if not new_records:
            return body
        items = fresh[len("[\n"):-len("\n]\n")]
        close = body.rindex("]")
        head = body[:close].rstrip()
        separator = ",\n" if not head.endswith("[") else "\n"
        return head + separator + items + "\n" + body[close:]


def _splice(existing: Existing, replaced: dict[int, str | None], cut_gap) -> str:
    """The existing text with the replaced entries' text swapped, and the dropped ones cut out."""
    text, out, pos = existing.text, [], 0
    for k in sorted(replaced):
        start, end = existing.entries[k].span
        new = replaced[k]
        if new is None:
            start, end = cut_gap(text, start, end)
        out.append(text[pos:start])
        out.append(new or "")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _cut_bibtex_gap(text: str, start: int, end: int) -> tuple[int, int]:
    """An entry cut out takes the blank lines before it (or after it, when it opens the file)."""
    before = len(text[:start].rstrip())
    if before:
        return before, end
    return start, len(text) - len(text[end:].lstrip())


def _cut_json_gap(text: str, start: int, end: int) -> tuple[int, int]:
    """An item cut out takes the comma before it (or the one after it, when it is the first)."""
    head = text[:start].rstrip()
    if head.endswith(","):
        return len(head) - 1, end
    rest = text[end:]
    if rest.lstrip().startswith(","):
        after = rest.lstrip()[1:]
        return start, len(text) - len(after.lstrip())
    return start, end


def _describe(record: Record) -> str:
    return f"{record.title} — {record.sources[0]}" if record.sources else record.title


def _report(update: Update, report: Report) -> None:
    outcome = {"added": "added", "updated": "key kept, fields updated", "unchanged": "key kept",
               "unlisted": "kept, no longer listed", "pruned": "pruned", "duplicate": "kept, duplicate entry"}
    for c in update.changes:
        left = f"{c.key}: {c.title} — {c.where}" if c.where else c.key
        scores = {"fields": c.updated} if c.updated else {}
        report.add("update", outcome[c.action], c.rule, left, c.record, **scores)
        for d in c.differences:
            report.add("update", "hand edit kept", "the file's value differs from the pages'; --refresh "
                       "takes the pages'", left, c.record, field=d.field, kept=d.kept, pages=d.pages)


# --- the whole re-run ----------------------------------------------------------------------------

def update(records: list[Record], path: str | os.PathLike, *, fmt: str | None = None, refresh: bool = False,
           prune: bool = False, ascii_only: bool = False, dry_run: bool = False, backup: bool = True,
           report: Report | None = None) -> Update:
    """Bring the bibliography at ``path`` up to date with ``records``; a first run when it is absent.

    Writes only when something changed and not ``dry_run``: first a byte copy of the old file to
    ``path~`` (unless ``backup`` is False), then the new file atomically. Raises BibliographyError
    when the file there cannot be read as ``fmt`` (the format follows the extension by default).
    """
    from .output import atomic_write, write_backup

    fmt = fmt or ("csljson" if Path(path).suffix.lower() in (".json", ".csljson") else "bibtex")
    exists = os.path.exists(path)
    existing = read_existing(path, fmt) if exists else Existing(str(path), fmt, "", [], set())
    result = reconcile(records, existing, refresh=refresh, prune=prune, ascii_only=ascii_only, report=report)
    if dry_run or not result.changed:
        return result
    if exists and backup:
        result.backup = str(write_backup(path))
    with atomic_write(path) as fp:
        fp.write(result.text)
    result.written = True
    return result
