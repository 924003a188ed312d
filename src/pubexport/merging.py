"""Stage 4: group the mentions of each paper into one Record, within and across pages.

1. Mentions are put in a canonical order (file, line, fields), so the result does not depend on
   the order they arrive in.
2. Candidate pairs come from blocks only, never from all pairs: equal normalised titles, equal
   arXiv id or DOI, same page + reference label, the same name before the colon + the same link,
   titles sharing one of their rarest words, and titles next to each other when sorted forwards
   or backwards (typos in the rare words).
3. Each candidate pair is judged by ``match.decide``; the pairs that merge are applied strongest
   first through a union-find that refuses to join two groups when any two of their mentions
   clearly differ (``match.conflict``), so A~B and B~C never fuse a different A and C; a clash of
   identifiers alone is waived when a third mention shows it to be a page's wrong link
   (``match.vouches``).
4. Loose mentions (news items, bare link texts) join the one record their identifier, label or
   title points to, and are dropped otherwise.
5. Each group becomes a Record whose fields are picked deterministically from its mentions.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from itertools import chain
from operator import attrgetter, itemgetter

from rapidfuzz import fuzz, process

from . import match
from .match import Features
from .gcpause import paused_gc
from .identifiers import bare_doi
from .models import PREPRINT, Mention, Person, Record, Work
from .report import Report

RARE_KEYS = 3  # each distinct title is indexed under its 3 rarest shared words
MAX_TITLE_BLOCK = 64  # a word shared by more distinct titles is too common to index by
REORDER_FLOOR = 60.0  # titles below this plain ratio are not tried with their words sorted
NEIGHBOURS = 4  # titles compared after each title in the sorted orders (typos past the word keys)
MAX_SCAN = 40  # a mention is compared with at most this many earlier mentions of a block
MAX_REPRESENTATIVES = 24  # mentions of a group checked by the chain guard
IDENTICAL = "identical titles, identifiers, year and authors"


def merge(mentions: list[Mention], report: Report | None = None) -> list[Record]:
    """Group the mentions of each paper into one record (see README, "How matching decides").

    The cyclic garbage collector is paused meanwhile: merging allocates many small objects and
    makes no cycles, and each collection would walk every mention again (a third of the time).
    """
    with paused_gc():
        return _merge(mentions, report if report is not None and report.enabled else None)


def _merge(mentions: list[Mention], report: Report | None) -> list[Record]:
    """Each stage's data is let go once the next has what it needs (the feature cache after the
    features, the links and the union-find after the groups, a group's features after its
    record), so the peak is the largest stage rather than all of them together."""
    ordered = _canonical_order(mentions)
    feats = _features(ordered)
    groups = _Groups(feats)
    members = _attach_loose(ordered, feats, _apply(_Linker(ordered, feats, report).links(), groups, ordered,
                                                   feats, report), report)
    del groups
    records = []
    for group in members:
        group.sort()
        records.append(_record(group, ordered, feats))
        for i in group:
            feats[i] = None  # each mention is in one group: its features are no longer needed
    return records


def _features(ordered: list[Mention]) -> list[Features]:
    """The features of each mention; the readings cache is let go with this call."""
    cache = match.FeatureCache()
    return [match.features(m, cache) for m in ordered]


def _apply(links: list[tuple], groups: "_Groups", ordered: list[Mention], feats: list[Features],
           report: Report | None) -> "_Groups":
    """Join the linked pairs strongest first (the first item of a link is minus its strength)."""
    links.sort(key=itemgetter(0, 1, 2))
    for _, i, j, rule, ev in links:
        refused = groups.union(i, j)
        if report is None or refused == "same group":
            continue
        if refused:
            a, b = refused
            report.add("merge", "kept apart", f"chain guard: {match.conflict(feats[a], feats[b])}",
                       match.describe(ordered[i]), match.describe(ordered[j]),
                       blocked_by=f"{match.describe(ordered[a])} / {match.describe(ordered[b])}",
                       **ev.scores())
        else:
            report.add("merge", "merged", rule, match.describe(ordered[i]), match.describe(ordered[j]),
                       **ev.scores())
    return groups


def _canonical_order(mentions: list[Mention]) -> list[Mention]:
    """Sort by file, line and title; only mentions that tie on those are sorted by every field."""
    keys = sorted((m.source.path, m.source.line, m.title, k) for k, m in enumerate(mentions))
    ordered = [mentions[k] for *_, k in keys]
    start = 0
    for k in range(1, len(keys) + 1):
        if k == len(keys) or keys[k][:3] != keys[start][:3]:
            if k - start > 1:
                ordered[start:k] = sorted(ordered[start:k], key=_canonical_key)
            start = k
    return ordered


def _canonical_key(m: Mention) -> tuple:
    return (m.source.path, m.source.line, m.title, m.label, m.year or 0, m.arxiv, m.doi, m.venue,
            m.venue_acronym, m.type, m.loose, m.owner, tuple((p.family, p.given, p.literal) for p in m.authors),
            tuple(m.urls), tuple(m.notes))


class _Groups:
    """Union-find over mention indices; a union is refused when the two groups clearly differ.

    Each group keeps one representative per distinct signature (everything ``match.conflict``
    reads): a mention whose signature a group already holds cannot clash with it.
    """

    def __init__(self, feats: list[Features]):
        self.feats = feats
        self.parent = list(range(len(feats)))
        self.reps: dict[int, dict[tuple, int]] = {}  # root -> {signature: member}

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def representatives(self, root: int) -> list[int]:
        reps = self.reps.get(root)
        return list(reps.values()) if reps else [root]

    def _own(self, root: int) -> dict[tuple, int]:
        reps = self.reps.get(root)
        if reps is None:
            reps = self.reps[root] = {_signature(self.feats[root]): root}
        return reps

    def union(self, i: int, j: int):
        """Join the groups of i and j; returns "" when joined, "same group", or the clashing pair."""
        parent = self.parent
        ri = i if parent[i] == i else self.find(i)
        rj = j if parent[j] == j else self.find(j)
        if ri == rj:
            return "same group"
        left, right = self._own(ri), self._own(rj)
        new = [k for sig, k in right.items() if sig not in left]
        if new:
            feats, conflict = self.feats, match.conflict
            olds = list(left.values())
            for a in olds[:MAX_REPRESENTATIVES] if len(olds) > MAX_REPRESENTATIVES else olds:
                fa = feats[a]
                for b in new[:MAX_REPRESENTATIVES]:
                    reason = conflict(fa, feats[b])
                    if reason and not (reason == match.DIFFERENT_IDS and self._vouched(a, b, left, right)):
                        return a, b
        root, child = (ri, rj) if ri < rj else (rj, ri)
        parent[child] = root
        merged, joining = self.reps[root], self.reps.pop(child)
        for sig, k in joining.items():
            merged.setdefault(sig, k)
        return ""

    def _vouched(self, a: int, b: int, left: dict[tuple, int], right: dict[tuple, int]) -> bool:
        """True when a member of b's group vouches for a, or one of a's group for b (a wrong
        link on one page does not keep the paper's other mentions out)."""
        feats = self.feats
        fa, fb = feats[a], feats[b]
        return (any(match.vouches(feats[c], fa, fb) for c in right.values() if c != b)
                or any(match.vouches(feats[c], fb, fa) for c in left.values() if c != a))

    def groups(self, indices: Iterable[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in indices:
            out[self.find(i)].append(i)
        return out


def _signature(f: Features) -> tuple:
    return f.compact, f.arxiv, f.doi, f.year, f.author_keys, f.loose


class _Linker:
    """Finds the candidate pairs through blocks and keeps those ``match.decide`` merges."""

    def __init__(self, mentions: list[Mention], feats: list[Features], report: Report | None):
        self.mentions, self.feats, self.report = mentions, feats, report
        self.found: list[tuple] = []
        self.reported: set = set()

    def links(self) -> list[tuple]:
        """The pairs that merge, each (minus its strength, i, j, rule, evidence or None).

        Each identifier block is built when it is scanned and let go after it."""
        feats = self.feats
        by_title = self._blocks(lambda f: (f.compact,))
        for block in by_title.values():
            if len(block) > 1:
                self._scan(self._collapse(block), 100.0)
        for keys_of in (_arxiv_key, _doi_key, _label_key, _named_link_keys):
            for block in self._blocks(keys_of).values():
                if len(block) > 1 and any(feats[i].compact != feats[block[0]].compact for i in block):
                    self._scan(block, None)
        self._similar_titles(by_title)
        return self.found

    def _blocks(self, keys_of) -> dict:
        """The titled mentions under each of the keys ``keys_of(features)`` gives them."""
        blocks: dict = defaultdict(list)
        for i, f in enumerate(self.feats):
            if not f.loose:
                for key in keys_of(f):
                    blocks[key].append(i)
        return blocks

    def _collapse(self, block: list[int]) -> list[int]:
        """Link mentions that agree on everything matching reads (title, ids, year, authors) to
        the first of them, and return those first ones, which still need judging."""
        heads: dict[tuple, int] = {}
        feats = self.feats
        for i in block:
            f = feats[i]
            signature = (f.arxiv, f.doi, f.year, f.author_keys)
            head = heads.get(signature)
            if head is None:
                heads[signature] = i
                continue
            # what compare() would find for such a pair, without computing it
            strength = (120.0 if f.arxiv or f.doi else 100.0) + (5 if f.authors else 0)
            if f.label and f.label == feats[head].label:
                strength += 10
            ev = match.compare(feats[head], f, 100.0) if self.report is not None else None
            self.found.append((-strength, head, i, IDENTICAL, ev))
        return list(heads.values()) if len(heads) < len(block) else block

    def _scan(self, block: list[int], title: float | None) -> None:
        """Link each mention of a block to the first earlier one it merges with (pairs with equal
        titles are left to their title block)."""
        feats = self.feats
        for k in range(1, len(block)):
            i = block[k]
            for j in block[max(0, k - MAX_SCAN):k]:
                if title is None and feats[i].compact == feats[j].compact:
                    continue
                if self._judge(j, i, title):
                    break

    def _judge(self, i: int, j: int, title: float | None) -> bool:
        a, b = self.feats[i], self.feats[j]
        ev = match.compare(a, b, title)
        merged, rule, borderline = match.decide(a, b, ev)
        if merged:
            strength = ev.title + (20 if ev.same_id else 0) + (10 if ev.same_label else 0)
            if ev.authors is not None and ev.authors >= match.AUTHORS_SUPPORT:
                strength += 5
            self.found.append((-strength, i, j, rule, ev if self.report is not None else None))
        elif borderline and self.report is not None:
            key = (min(a.compact, b.compact), max(a.compact, b.compact), rule)
            if key not in self.reported:
                self.reported.add(key)
                self.report.add("merge", "kept apart", rule, match.describe(self.mentions[i]),
                                match.describe(self.mentions[j]), **ev.scores())
        return merged

    def _similar_titles(self, by_title: dict[str, list[int]]) -> None:
        """Compare distinct titles that share a rare word; link their mentions when they merge.

        Each title is scored once against all earlier titles sharing one of its keys, so a pair
        that shares several keys is scored once."""
        groups = list(by_title.values())
        titles = [self.feats[group[0]].title for group in groups]
        keys = _rare_keys(titles, str.split)
        # titles made of common words only get keys from their word pairs
        lacking = [t for t, title in enumerate(titles) if len(keys[t]) < 2 and " " in title]
        pair_keys = _rare_keys([titles[t] for t in lacking], _word_pairs)
        for t, extra in zip(lacking, pair_keys):
            keys[t] = keys[t] + extra
        cutoff = min(match.SUPPORTED, match.SUPPORTED_SHORT)
        earlier: dict[str, list[int]] = defaultdict(list)  # key -> titles so far holding it
        for t, title_keys in enumerate(keys):
            if not title_keys:
                continue
            held = [earlier[key] for key in title_keys]
            candidates = list(set(held[0]).union(*held[1:])) if len(held) > 1 else list(held[0])
            for titles_of_key in held:
                titles_of_key.append(t)
            if not candidates:
                continue
            title = titles[t]
            hits = process.extract(title, [titles[c] for c in candidates], scorer=fuzz.ratio, limit=None,
                                   score_cutoff=REORDER_FLOOR)
            for other, ratio in sorted((candidates[y], ratio) for _, ratio, y in hits):
                # below the cutoff the words sorted change nothing: rapidfuzz may stop early
                score = max(ratio, fuzz.token_sort_ratio(titles[other], title, score_cutoff=cutoff))
                if score >= cutoff:
                    self._cross(groups[other], groups[t], score)
        self._neighbours(groups, list(by_title), titles, keys, cutoff)

    def _neighbours(self, groups: list[list[int]], compact: list[str], titles: list[str], keys: list[list[str]],
                    cutoff: float) -> None:
        """Sorted neighbourhood: compare each title with the next few in the sorted order of the
        titles without spaces (``compact``), and of the same read backwards. A typo in a title's
        only rare words leaves it without a shared word key, but it keeps the start or the end it
        shares with its correct spelling, so one of the two orders puts the two side by side
        (pairs sharing a word key were scored already: looked at only for the few that score)."""
        ratio, overlaps, crossed = fuzz.ratio, match.overlaps, set()
        for order in (sorted(range(len(titles)), key=compact.__getitem__),
                      sorted(range(len(titles)), key=lambda t: compact[t][::-1])):
            for k, t in enumerate(order):
                title = titles[t]
                for other in order[k + 1:k + 1 + NEIGHBOURS]:
                    score = ratio(title, titles[other], score_cutoff=cutoff)
                    if score and not overlaps(keys[t], keys[other]):
                        pair = (t, other) if t < other else (other, t)
                        if pair not in crossed:
                            crossed.add(pair)
                            self._cross(groups[pair[0]], groups[pair[1]], score)

    def _cross(self, left: list[int], right: list[int], title: float) -> None:
        """Link two title groups through the first pair of their mentions that merges."""
        for i in left[:MAX_SCAN]:
            for j in right[:MAX_SCAN]:
                if self._judge(i, j, title):
                    return


def _arxiv_key(f: Features) -> tuple:
    return (f.arxiv,) if f.arxiv else ()


def _doi_key(f: Features) -> tuple:
    return (f.doi,) if f.doi else ()


def _label_key(f: Features) -> tuple:
    return (f.label,) if f.label else ()


def _named_link_keys(f: Features) -> list[tuple]:
    return [(f.acronym, link) for link in f.named_links]


def _word_pairs(title: str) -> list[str]:
    words = title.split()
    return [f"{x} {y}" for x, y in zip(words, words[1:])]


def _rare_keys(titles: list[str], words_of) -> list[list[str]]:
    """For each title, its RARE_KEYS rarest words (``words_of(title)``) that another title
    shares (at most MAX_TITLE_BLOCK titles per word: a word only one title has cannot find it a
    partner, one too many have finds too many). A title's words are made only while it is read:
    the words of all titles held at once were a tenth of the merge's memory."""
    df = Counter(chain.from_iterable(set(words_of(title)) for title in titles))
    usable = sorted((w for w, n in df.items() if 1 < n <= MAX_TITLE_BLOCK and len(w) > 2),
                    key=lambda w: (df[w], w))
    rank = {w: r for r, w in enumerate(usable)}
    by_rank = rank.__getitem__
    # the keys as ``usable`` holds them: one string per word, not one per title using it
    return [[usable[r] for r in sorted(map(by_rank, rank.keys() & words_of(title)))[:RARE_KEYS]]
            for title in titles]


def _attach_loose(mentions: list[Mention], feats: list[Features], groups: _Groups,
                  report: Report | None) -> list[list[int]]:
    """Give each loose mention to the one group its identifier, label or exact title names."""
    titled = [i for i, f in enumerate(feats) if not f.loose]
    out = groups.groups(titled)
    if len(titled) == len(feats):
        return sorted(out.values(), key=min)
    # only the keys some loose mention names are indexed (a few percent of the titled mentions')
    index: dict[tuple, set[int]] = {key: set() for f in feats if f.loose for key in _loose_keys(f)}
    for i in titled:
        for key in _loose_keys(feats[i]):
            held = index.get(key)
            if held is not None:
                held.add(i)
    for i, f in enumerate(feats):
        if not f.loose:
            continue
        named = sorted({groups.find(j) for key in _loose_keys(f) for j in index.get(key, ())})
        roots = [r for r in named if not _refuses(mentions[i], f, groups.representatives(r), mentions, feats)]
        if len(roots) == 1:
            out[roots[0]].append(i)
            if report is not None:
                report.add("merge", "merged", "loose mention joins the one record its identifier, label or "
                           "title names", match.describe(mentions[i]), match.describe(mentions[roots[0]]))
        elif not mentions[i].loose:
            out[i].append(i)  # an untitled entry that stands alone is still a record
        elif report is not None:
            rule = ("loose mention names several records" if roots
                    else "loose mention refused by the record it names (its title or year clashes)" if named
                    else "loose mention matches no titled mention")
            report.add("merge", "dropped", rule, match.describe(mentions[i]),
                       "; ".join(match.describe(mentions[r]) for r in roots or named))
    return sorted(out.values(), key=min)


def _refuses(loose: Mention, f: Features, members: list[int], mentions: list[Mention],
             feats: list[Features]) -> bool:
    """True when a group cannot take a loose mention: a member clearly differs from it (years),
    or its text reads as another title than every member's (``match.loose_title_clashes``)."""
    if any(match.conflict(f, feats[k]) for k in members):
        return True
    return bool(loose.title) and all(match.loose_title_clashes(loose.title, mentions[k].title) for k in members)


def _loose_keys(f: Features) -> list[tuple]:
    keys = []
    if f.arxiv:
        keys.append(("arxiv", f.arxiv))
    if f.doi:
        keys.append(("doi", f.doi))
    if f.label:
        keys.append(("label", f.label))
    if f.compact:
        keys.append(("title", f.compact))
    return keys


# ---- fields of the merged record -------------------------------------------------------------

def _record(indices: list[int], mentions: list[Mention], feats: list[Features]) -> Record:
    if len(indices) == 1:
        return _single(mentions[indices[0]], feats[indices[0]])
    group = [mentions[i] for i in indices]  # canonical order, so sorted by file and line
    group_feats = [feats[i] for i in indices]
    published = [m for m, f in zip(group, group_feats) if f.published]
    titled = ([k for k, f in enumerate(group_feats) if not f.loose]
              or [k for k, m in enumerate(group) if m.title])
    venue_from = _best_venue(published)
    arxiv = _most_common([f.arxiv for f in group_feats])
    record = Record(
        title=_best_title([(group_feats[k].title, group[k].title.strip(), bool(group_feats[k].authors))
                           for k in titled],
                          {group_feats[k].acronym for k in titled if group_feats[k].acronym}),
        authors=_best_authors(group),
        year=_best_year(published) or _best_year(group),
        venue=venue_from.venue if venue_from else _most_common([m.venue for m in group]),
        venue_acronym=(venue_from.venue_acronym if venue_from and venue_from.venue_acronym
                       else _most_common([m.venue_acronym for m in (published or group)])),
        type=_best_type(group, published, venue_from, arxiv),
        doi=_most_common([f.doi for f in group_feats]) or _most_common([_arxiv_doi(m, arxiv) for m in group]),
        arxiv=arxiv,
        arxiv_class=_most_common([m.arxiv_class for m, f in zip(group, group_feats) if f.arxiv == arxiv]),
        urls=_union([m.urls for m in group if m.authors] + [m.urls for m in group if not m.authors]),
        notes=_union([m.notes for m in group]),
    )
    if any(m.volume or m.issue or m.pages or m.publisher or m.number for m in group):
        source = published or group
        record.volume = _most_common([m.volume for m in source])
        record.issue = _most_common([m.issue for m in source])
        record.pages = _most_common([m.pages for m in source])
        record.publisher = _most_common([m.publisher for m in source])
        record.number = _most_common([m.number for m in group])
    sources = [group[0].source]
    for m in group:
        if m.source.line != sources[-1].line or m.source.path != sources[-1].path:
            sources.append(m.source)
    record.sources = sources
    record.owners = sorted({m.owner for m in group if m.owner})
    return record


def _single(m: Mention, f: Features) -> Record:
    """The record of a paper mentioned once: its fields as read, identifiers normalised."""
    record = Record(*_work_fields(m))  # a Record's first fields are the Work's, in their order
    record.title, record.doi, record.arxiv = m.title.strip(), f.doi or _arxiv_doi(m, f.arxiv), f.arxiv
    record.authors = list(m.authors)
    record.urls, record.notes = _union([m.urls]), _union([m.notes])
    record.sources, record.owners = [m.source], [m.owner] if m.owner else []
    return record


def _arxiv_doi(m: Mention, arxiv: str) -> str:
    """The arXiv DOI (10.48550/arXiv.ID) the mention wrote for the record's arXiv id: matching reads
    it as that id alone, the record keeps it as the DOI the page gave (a published DOI comes first)."""
    if not m.doi or not arxiv:
        return ""
    doi = bare_doi(m.doi).lower()
    return doi if match.compared_ids("", doi)[0] == arxiv else ""


_work_fields = attrgetter(*(f.name for f in fields(Work)))


def _counts(values: list) -> dict:
    """How often each value occurs (a plain dict: Counter costs more on the short lists here)."""
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def _most_common(values: list) -> str:
    """The most frequent non-empty value; ties go to the longest, then the smallest."""
    present = [v for v in values if v]
    if not present:
        return ""
    if present.count(present[0]) == len(present):
        return present[0]
    counts = _counts(present)
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def _union(lists: list[list[str]]) -> list[str]:
    """Every value once (compared without case, surrounding space or a final /), in order."""
    if len(lists) == 1 and len(lists[0]) <= 1:  # the common case: one value, nothing to compare
        return [v for v in lists[0] if v]
    seen, out = set(), []
    for values in lists:
        if not values:
            continue
        for v in values:
            key = v.strip().rstrip("/").lower()
            if v and key not in seen:
                seen.add(key)
                out.append(v)
    return out


def _best_title(titles: list[tuple[str, str, bool]], acronyms: set[str]) -> str:
    """The title most mentions agree on, never an acronym alone when a full title is known; among
    equally frequent ones, one a full entry gives (with its authors) over a link text or a bio's
    highlight; among its spellings the most frequent one in mixed case.
    ``titles``: (normalised, as written, whether that mention lists authors)."""
    if not titles:
        return ""
    by_norm: dict[str, list[str]] = defaultdict(list)
    authored: set[str] = set()
    for norm, written, with_authors in titles:
        by_norm[norm].append(written)
        if with_authors:
            authored.add(norm)
    full = [n for n in by_norm if n not in acronyms] or list(by_norm)
    best = full[0] if len(full) == 1 else min(
        full, key=lambda n: (-len(by_norm[n]), n not in authored, -len(n), n))
    spellings = by_norm[best]
    if spellings.count(spellings[0]) == len(spellings):
        return spellings[0]
    counts = _counts(spellings)
    return min(counts, key=lambda t: (t.isupper() or t.islower(), -counts[t], t))


def _best_authors(group: list[Mention]) -> list[Person]:
    """The longest complete list (no et al. when a full one exists), each name completed from
    the other mentions when they give the full given name where this one has initials.
    A new list; its people are the mentions' own (no stage changes a Person in place)."""
    best, best_key, lists = None, None, []
    for m in group:  # canonical order: the first of equally complete lists wins
        if not m.authors:
            continue
        named = full = 0
        for p in m.authors:
            if not p.literal:
                named += 1
                full += _full_given(p.given)
            elif not p.is_others:
                named += 1
                full += 1
        key = (named == len(m.authors), named, full)
        lists.append(m.authors)
        if named and (best_key is None or key > best_key):
            best, best_key = m.authors, key
    if best is None:
        return []
    if best_key[2] == best_key[1] or len(lists) == 1:
        return list(best)
    fuller: dict[str, Person] = {}
    for authors in lists:
        for p in authors:
            if not p.literal and _full_given(p.given):
                for key in match.person_keys(p):
                    current = fuller.get(key)
                    if current is None or (len(p.given), p.given) > (len(current.given), current.given):
                        fuller[key] = p
    out = []
    for p in best:
        better = None
        if not p.literal and not _full_given(p.given):
            better = next((fuller[k] for k in sorted(match.person_keys(p)) if k in fuller), None)
        out.append(Person(p.family, better.given, "") if better else p)
    return out


@lru_cache(maxsize=1 << 14)
def _full_given(given: str) -> bool:
    """True for a given name written out rather than as initials."""
    return any(len(w.strip(".-")) > 1 and not w.isupper() for w in given.split())


def _best_year(group: list[Mention]) -> int | None:
    years = [m.year for m in group if m.year]
    if not years:
        return None
    if years.count(years[0]) == len(years):
        return years[0]
    counts = _counts(years)
    return max(counts, key=lambda y: (counts[y], y))


def _best_venue(published: list[Mention]) -> Mention | None:
    """The published mention naming its venue most completely (a full name beats an acronym)."""
    if len(published) <= 1:
        return published[0] if published else None
    first = published[0]
    if all(m.venue == first.venue and m.venue_acronym == first.venue_acronym for m in published):
        return first
    counts = _counts([m.venue for m in published])
    return max(published, key=lambda m: (len(m.venue) > len(m.venue_acronym), counts[m.venue],
                                         bool(m.venue_acronym), len(m.venue), m.venue, m.venue_acronym))


def _best_type(group: list[Mention], published: list[Mention], venue_from: Mention | None, arxiv: str) -> str:
    """The type the published mentions give; else the most common; else preprint for arXiv."""
    given = [m.type for m in (published if venue_from is not None else group)
             if m.type and (venue_from is None or m.type != PREPRINT)]
    if given and given.count(given[0]) == len(given):
        return given[0]
    types = _counts(given)
    if types:
        return min(types, key=lambda t: (-types[t], t))
    if venue_from is not None:
        return venue_from.type
    return PREPRINT if arxiv else ""
