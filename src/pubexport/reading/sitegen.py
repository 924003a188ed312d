"""What static-site generators put in a page's source that is no content: front matter (YAML
``---``, TOML ``+++``, Franklin's ``@def`` lines) and Liquid template tags. Each is blanked,
not deleted, so that every line keeps its number."""
from __future__ import annotations

import re

FRONT_MATTER_FENCES = ("---", "+++")
FRONT_MATTER_MAX_LINES = 200
FRANKLIN_DEF = re.compile(r"^@def\s")
# ``{% tag %}`` and ``{{ value }}``: a generator fills them in; the page source holds no text there.
LIQUID = re.compile(r"\{%.{0,2000}?%\}|\{\{.{0,2000}?\}\}", re.S)


def blank_settings(text: str) -> str:
    """Front matter at the top and Franklin ``@def`` lines become empty lines."""
    if "@def" not in text and not text.startswith(FRONT_MATTER_FENCES):
        return text
    lines = text.split("\n")
    fence = lines[0].strip()
    if fence in FRONT_MATTER_FENCES:
        for end in range(1, min(len(lines), FRONT_MATTER_MAX_LINES)):
            if lines[end].strip() in (fence, "..."):
                for i in range(end + 1):
                    lines[i] = ""
                break
    if "@def" in text:
        lines = ["" if FRANKLIN_DEF.match(line) else line for line in lines]
    return "\n".join(lines)


# The page's own title in its settings (YAML ``title: "..."``, TOML ``title = "..."``, Franklin
# ``@def title = "..."``): the generator prints it as the page's heading.
TITLE_SETTING = re.compile(r"^(?:@def\s+)?title\s*[:=]\s*(.*?)\s*$")


def page_title(text: str) -> str:
    """The title a page's settings give it ("" when they give none): the heading its generator
    prints above the text, which says what the text before the page's first heading holds."""
    if "@def" not in text and not text.startswith(FRONT_MATTER_FENCES):
        return ""
    lines = text.split("\n", FRONT_MATTER_MAX_LINES)[:FRONT_MATTER_MAX_LINES]
    fence = lines[0].strip()
    settings = lines[:next((end for end in range(1, len(lines)) if lines[end].strip() in (fence, "...")), 0)] \
        if fence in FRONT_MATTER_FENCES else [line for line in lines if FRANKLIN_DEF.match(line)]
    for line in settings:
        found = TITLE_SETTING.match(line)
        if found:
            return found.group(1).strip("\"'")
    return ""


def drop_liquid(text: str) -> str:
    """Liquid tags go (their newlines stay): ``{{ site.url }}/cv.pdf`` is the link ``/cv.pdf``."""
    if "{%" not in text and "{{" not in text:
        return text
    return LIQUID.sub(lambda m: "\n" * m.group(0).count("\n"), text)
