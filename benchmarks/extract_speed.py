"""How fast extraction is: mentions per second over many small pages, and one very large file.

Builds (with a fixed random seed) a folder of fictional profile pages in every shape the
extractor reads: markdown news bullets, numbered lists with linked titles and a bold owner,
reference style ``[n]``, quoted titles, APA, plain-text blocks, HTML lists and LaTeX ``\\item``s,
with prose, other sections, accents and the odd mojibake line around them. Runs
``pubexport.extract`` on each page (decoding included, as ``pipeline.read`` does) and prints
mentions/s; then, each in a fresh subprocess, one large file of mixed page text (10 MB and 50 MB
by default) plus one with a single 1 MB line, printing wall time, mentions and peak RSS.

    python benchmarks/extract_speed.py [--files 2000] [--large 10,50] [--profile] [--dump OUT.json]

``--profile`` prints the top of a cProfile of the small-page run; ``--dump`` writes every
mention found (all cases) as JSON, to check that a speed change leaves the output unchanged.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MENTIONS_PER_S = 8000
LARGE_TIME_LIMIT_S = 60
LARGE_MEMORY_LIMIT_MB = 1024

GIVEN = ["Wei", "Anna", "José", "Li", "Marta", "Kenji", "Olga", "Søren", "Priya", "Tomás", "Chen", "Zoë",
         "Ada", "Bo", "Noor", "Omar", "Jia-Bin", "Lucía", "Dmitri", "Elif", "Ming", "Sam", "Ines", "Karim"]
FAMILY = ["Zhang", "Müller", "García", "Wang", "Kowalski", "Tanaka", "Ivanova", "Nielsen", "Patel", "Ruiz",
          "Okonkwo", "Berg", "Lund", "Weber", "Costa", "Sato", "Reyes", "Nord", "Zhu", "van der Berg", "Li",
          "Chan", "Ode", "Quist", "Rivera"]
WORDS = ("learning robust sparse graph neural attention models for efficient image video language "
         "segmentation detection reasoning retrieval adaptive scalable self-supervised transformers "
         "representations benchmark dataset analysis towards understanding generalization tactile cloth "
         "folding soil moisture acoustic thermal drift crop mapping private queries encrypted logs "
         "federated membership inference caching edge latency serverless scheduling microcontrollers "
         "genomic indexes alignment sketches débruitage naïve über").split()
SMALL = ("of", "with", "for", "via", "and", "in", "on", "the")
VENUES = [("CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition"),
          ("ICCV", "International Conference on Computer Vision"),
          ("NeurIPS", "Advances in Neural Information Processing Systems"),
          ("ICML", "International Conference on Machine Learning"),
          ("ICLR", "International Conference on Learning Representations"),
          ("ICRA", "IEEE International Conference on Robotics and Automation"),
          ("ICASSP", "IEEE International Conference on Acoustics, Speech and Signal Processing"),
          ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
          ("IJCV", "International Journal of Computer Vision"),
          ("JMLR", "Journal of Machine Learning Research"),
          ("", "IEEE Transactions on Geoscience and Remote Sensing"),
          ("", "Workshop on Embedded Learning"),
          ("", "Nature Methods")]
NOTES = ["", "", "", "", "Oral", "Spotlight", "Poster", "long oral", "under review"]
PROSE = ("Our group studies how machines can learn from few examples and explain what they learned. "
         "We collaborate with hospitals, museums and city councils, and we teach two courses each term.")
MOJIBAKE = "Our lab moved to ZÃ¼rich â€” see the new address. ðŸŽ‰"
SHAPES = ("news", "numbered", "reference", "quoted", "apa", "block", "html", "latex")
SUFFIX = {"news": ".md", "numbered": ".md", "reference": ".md", "quoted": ".md", "apa": ".md",
          "block": ".txt", "html": ".html", "latex": ".tex"}


@dataclasses.dataclass
class Paper:
    title: str
    authors: list[tuple[str, str]]
    year: int
    acronym: str
    venue: str
    arxiv: str
    doi: str
    note: str


class Pages:
    """Fictional pages drawn from one seeded random generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def paper(self, owner: tuple[str, str]) -> Paper:
        rng = self.rng
        words = [rng.choice(WORDS) if rng.random() < 0.75 else rng.choice(SMALL) for _ in range(rng.randint(4, 11))]
        title = " ".join(w if w in SMALL else w.capitalize() for w in words)
        title = title[0].upper() + title[1:]
        if rng.random() < 0.2:
            title = "".join(w[0] for w in words[:4]).upper() + ": " + title
        authors = [(rng.choice(GIVEN), rng.choice(FAMILY)) for _ in range(rng.randint(0, 5))]
        authors.insert(rng.randint(0, len(authors)), owner)
        year = rng.randint(2005, 2025)
        acronym, venue = rng.choice(VENUES)
        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}" \
            if year >= 2015 and rng.random() < 0.5 else ""
        doi = f"10.{rng.randint(1000, 9999)}/x.{year}.{rng.randint(1, 99999)}" if rng.random() < 0.3 else ""
        return Paper(title, authors, year, acronym, venue, arxiv, doi, rng.choice(NOTES))

    def url(self, p: Paper) -> str:
        if p.arxiv:
            return f"https://arxiv.org/abs/{p.arxiv}"
        return f"https://doi.org/{p.doi}" if p.doi else f"https://example.org/{p.year}/{len(p.title)}-{p.title.split()[0].lower()}.pdf"

    def names(self, p: Paper, owner: tuple[str, str], bold: str = "**{}**", initials: bool = False) -> str:
        out = []
        for given, family in p.authors:
            shown = (". ".join(part[0] for part in given.split("-")) + ".") if initials else given
            name = f"{shown} {family}"
            out.append(bold.format(name) if (given, family) == owner else name)
        if len(out) > 4 and self.rng.random() < 0.3:
            return ", ".join(out[:3]) + ", et al."
        return ", ".join(out[:-1]) + ", and " + out[-1] if len(out) > 1 else out[0]

    def venue(self, p: Paper) -> str:
        if p.acronym and self.rng.random() < 0.5:
            return p.acronym
        return p.venue + (f" ({p.acronym})" if p.acronym and self.rng.random() < 0.5 else "")

    def page(self, shape: str, papers: int) -> str:
        """One page of the given shape holding about ``papers`` entries."""
        rng = self.rng
        owner = (rng.choice(GIVEN), rng.choice(FAMILY))
        items = [self.paper(owner) for _ in range(papers)]
        name = f"{owner[0]} {owner[1]}"
        prose = PROSE + ("\n\n" + MOJIBAKE if rng.random() < 0.1 else "")
        education = ["PhD, Lakeside University, 2015 - 2020", "BSc, Hill College, 2011 - 2015"]
        service = ["Reviewer: NeurIPS'22, ICML'23, CVPR'23", "Area chair, ICLR 2024"]
        body = getattr(self, f"_{shape}")(items, owner)
        if shape == "html":
            lines = ["<html><body>", f"<h1>{name}</h1>", f"<p>{prose}</p>", "<h2>Education</h2>", "<ul>"]
            lines += [f"<li>{e}</li>" for e in education] + ["</ul>"] + body + ["<h2>Service</h2>", "<ul>"]
            lines += [f"<li>{e}</li>" for e in service] + ["</ul>", "</body></html>"]
        elif shape == "latex":
            lines = ["\\documentclass{article}", "\\begin{document}", f"\\section*{{{name}}}", prose,
                     "\\section*{Education}", "\\begin{itemize}"] + [f"\\item {e}" for e in education]
            lines += ["\\end{itemize}"] + body + ["\\section*{Service}", "\\begin{itemize}"]
            lines += [f"\\item {e}" for e in service] + ["\\end{itemize}", "\\end{document}"]
        else:
            lines = [f"# {name}", "", prose, "", "## Education"] + [f"- {e}" for e in education] + [""] + body
            lines += ["", "## Service"] + [f"- {e}" for e in service]
        return "\n".join(lines) + "\n"

    def _news(self, items: list[Paper], owner) -> list[str]:
        rng = self.rng
        lines = ["# 🔥 News"]
        listed = []
        for p in items:
            tag = f"{p.acronym or 'arXiv'} {p.year}" + (f" ({p.note})" if p.note and p.note[0].isupper() else "")
            r = rng.random()
            if r < 0.5:
                lines.append(f'* [**{p.year}**] **{tag}** publication: "{p.title}". [Paper]({self.url(p)})')
            elif r < 0.7:
                lines.append(f"* [**{p.year}**] One paper accepted by {tag}: [{p.title}]({self.url(p)}).")
            else:
                lines.append(f"* [**{p.year}**] Our new work, [{p.title.lower()}]({self.url(p)}) is out!")
                listed.append(p)
        lines += ["", "# Publications", ""]
        for p in listed:
            lines += [f"- [{p.title}]({self.url(p)})", self.names(p, owner), f"**{p.acronym or p.venue} {p.year}**", ""]
        return lines

    def _numbered(self, items: list[Paper], owner) -> list[str]:
        lines = ["# 📝 Publications", "### Topic: Sensing"]
        for p in items:
            lines += [f"1. [{p.title}]({self.url(p)})  \\|  [[Code](https://github.com/x/y)]",
                      self.names(p, owner) + "  ",
                      f"**{self.venue(p)} {p.year}**" + (f" ({p.note})" if p.note else ""), ""]
        return lines

    def _reference(self, items: list[Paper], owner) -> list[str]:
        lines = ["## PUBLICATIONS", ""]
        for n, p in enumerate(items, start=1):
            lines.append(f"- [{n}] {self.names(p, owner, initials=self.rng.random() < 0.3).rstrip('.')}. {p.title}. "
                         f"In *{self.venue(p)}*, {p.year}." + (f" [arXiv]({self.url(p)})" if p.arxiv else ""))
        return lines

    def _quoted(self, items: list[Paper], owner) -> list[str]:
        lines = ["## Selected Papers", ""]
        for n, p in enumerate(items, start=1):
            lines.append(f'- [{n}] {self.names(p, owner).rstrip(".")}. "{p.title}." {self.venue(p)}. {p.year}.'
                         + (f" ({p.note.lower()})" if p.note else ""))
        lines += ["", "## PROJECTS", ""]
        lines += [f"- **{p.title}.**<sup>[{n}]</sup>: We study widgets at scale." for n, p in enumerate(items[:3], 1)]
        return lines

    def _apa(self, items: list[Paper], owner) -> list[str]:
        lines = ["## Journal Articles", ""]
        for p in items:
            names = ", ".join(f"{family}, {given[0]}." for given, family in p.authors)
            lines += [f"{names} ({p.year}). {p.title}. {p.venue}." + (f" https://doi.org/{p.doi}" if p.doi else ""),
                      ""]
        return lines

    def _block(self, items: list[Paper], owner) -> list[str]:
        lines = ["Selected Work", "", "A short selection of papers.", ""]
        for p in items:
            lines += [p.title, "", f"{self.venue(p)}, {p.year}" + (f" {p.note}" if p.note else ""), "",
                      "A scheme that answers queries without decrypting the logs.", ""]
        return lines

    def _html(self, items: list[Paper], owner) -> list[str]:
        lines = ["<h2>Publications</h2>", "<ol>"]
        for p in items:
            lines.append(f'<li><a href="{self.url(p)}">{p.title}</a><br>'
                         f'{self.names(p, owner, "<b>{}</b>")}<br><i>{self.venue(p)}</i>, {p.year}</li>')
        lines += ["</ol>", f"<p>Contact: {owner[0].lower()}&#64;example.org &amp; lab</p>"]
        return lines

    def _latex(self, items: list[Paper], owner) -> list[str]:
        lines = ["\\section*{Journal Papers}", "\\begin{enumerate}"]
        for p in items:
            lines.append(f"\\item {self.names(p, owner, chr(92) + 'textbf{{{}}}').rstrip('.')}. \\emph{{{p.title}}}. "
                         f"{self.venue(p)}, {p.year}." + (f" \\href{{{self.url(p)}}}{{pdf}}" if p.arxiv else ""))
        lines += ["\\end{enumerate}"]
        return lines


def build_folder(folder: Path, files: int, seed: int) -> None:
    pages = Pages(seed)
    for i in range(files):
        shape = SHAPES[i % len(SHAPES)]
        (folder / f"p{i:05d}{SUFFIX[shape]}").write_text(pages.page(shape, pages.rng.randint(4, 16)),
                                                         encoding="utf-8")


def build_large(path: Path, size: int, seed: int) -> None:
    """Markdown, text and reference pages one after another until ``size`` bytes (a large export)."""
    pages = Pages(seed)
    text_shapes = ("news", "numbered", "reference", "quoted", "apa", "block")
    written = 0
    with open(path, "w", encoding="utf-8") as fp:
        while written < size:
            chunk = pages.page(pages.rng.choice(text_shapes), pages.rng.randint(4, 30)) + "\n"
            fp.write(chunk)
            written += len(chunk.encode("utf-8"))


def build_long_line(path: Path, size: int, seed: int) -> None:
    """A page whose publications are one minified HTML line of ``size`` bytes."""
    pages = Pages(seed)
    owner = ("Ada", "Quist")
    parts = ["<html><body><h2>Publications</h2><ul>"]
    written = 0
    while written < size:
        p = pages.paper(owner)
        part = f'<li><a href="{pages.url(p)}">{p.title}</a><br>{pages.names(p, owner, "<b>{}</b>")}<br>' \
               f"<i>{pages.venue(p)}</i>, {p.year}</li>"
        parts.append(part)
        written += len(part)
    path.write_text("".join(parts) + "</ul></body></html>\n", encoding="utf-8")


def as_json(mentions) -> list[dict]:
    return [dataclasses.asdict(m) for m in mentions]


def run_folder(folder: Path, profile: bool) -> tuple[int, float, list]:
    from pubexport.extract import extract
    from pubexport.sources import load

    paths = sorted(folder.iterdir())
    docs = [load(p) for p in paths]
    found = []
    if profile:
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        found.append(extract(doc))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profile:
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
    return sum(len(f) for f in found), elapsed, cpu, [m for f in found for m in f]


def child_large(path: str, dump: str | None) -> None:
    """Run in a subprocess: load and extract one file, print mentions and seconds as JSON."""
    from pubexport.extract import extract
    from pubexport.sources import load

    start, cpu = time.perf_counter(), time.process_time()
    mentions = extract(load(Path(path), max_file_size=None))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if dump:
        Path(dump).write_text(json.dumps(as_json(mentions), ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"mentions": len(mentions), "seconds": elapsed, "cpu": cpu}))


def run_large(path: Path, dump: str | None) -> dict:
    """Extract one file in a fresh interpreter; its wall time, mentions and peak RSS (os.wait4)."""
    cmd = [sys.executable, __file__, "--child", str(path)] + (["--child-dump", dump] if dump else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    result = json.loads(out) if os.waitstatus_to_exitcode(status) == 0 else {"mentions": -1, "seconds": -1, "cpu": -1}
    result["rss_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--large", default="10,50", help="sizes in MB of the large-file cases ('' for none)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path, help="write every mention found here as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-dump", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_large(args.child, args.child_dump)
        return 0
    ok = True
    dump: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # the large files first: a child's peak RSS counts this process's pages at fork time
        cases = [(f"{mb} MB of mixed page text", f"mixed{mb}.md", build_large, mb * 2**20)
                 for mb in (int(x) for x in args.large.split(",") if x)]
        cases.append(("one 1 MB HTML line", "oneline.html", build_long_line, 2**20))
        parts = {}
        for label, name, make, size in cases:
            path = Path(tmp) / name
            make(path, size, args.seed)
            parts[name] = str(Path(tmp) / f"{name}.json") if args.dump else None
            r = run_large(path, parts[name])
            within = 0 <= r["seconds"] <= LARGE_TIME_LIMIT_S and r["rss_mb"] <= LARGE_MEMORY_LIMIT_MB
            ok &= within
            print(f"{label}: {r['mentions']} mentions in {r['seconds']:.1f} s (CPU {r['cpu']:.1f} s), "
                  f"peak RSS {r['rss_mb']:.0f} MB ({'ok' if within else 'OVER TARGET'})", flush=True)
            path.unlink()
        folder = Path(tmp) / "pages"
        folder.mkdir()
        build_folder(folder, args.files, args.seed)
        count, elapsed, cpu, mentions = run_folder(folder, args.profile)
        rate = count / elapsed
        ok &= rate >= TARGET_MENTIONS_PER_S
        print(f"small pages: {args.files} files, {count} mentions in {elapsed:.2f} s = {rate:,.0f} mentions/s "
              f"({'ok' if rate >= TARGET_MENTIONS_PER_S else 'below'} target {TARGET_MENTIONS_PER_S:,}); "
              f"CPU {cpu:.2f} s = {count / cpu:,.0f} mentions/s")
        if args.dump:
            dump["small"] = as_json(mentions)
            for name, part in parts.items():
                dump[name] = json.loads(Path(part).read_text(encoding="utf-8"))
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=0), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
