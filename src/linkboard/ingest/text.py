"""Text out of HTML with a real parser (lxml): visible text, title, images, canonical URL."""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

DROP = ("script", "style", "noscript", "template", "svg", "head")
BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
}


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    text: str
    images: list[str]
    url: str
    posted_at: str
    location: str


def _meta(doc: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for el in doc.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            content = (el.get("content") or "").strip()
            if content:
                return content
    return ""


def _text(root: lxml.html.HtmlElement) -> str:
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in BLOCK:
                parts.append("\n")
            if el.text and tag not in DROP:
                parts.append(el.text)
        else:
            if tag in BLOCK:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


#: Characters no HTML text holds (C0 controls but tab and line ends, noncharacters): lxml
#: refuses to set a text containing one, as dropping a script beside it does.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: A tag. The name is matched possessively (``*+``): a tag left open over a long run of letters
#: would otherwise backtrack through every split of the run, quadratic in its length.
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*+)[^<>]*>|<[!?][^<>]*>")
DROPPED = re.compile(r"<(script|style|noscript|template|svg|head)\b|<!--", re.IGNORECASE)
IMG_SRC = re.compile(r"""<img\b[^<>]*?\bsrc\s*=\s*["']?([^"'\s<>]+)""", re.IGNORECASE)


def parse_page(html: str) -> Page:
    """Parse an HTML page; never raises on malformed markup (lxml repairs it).

    libxml2 stops at 256 nested elements ("Excessive depth in document") and drops the rest of
    the page; such a page's text and images are then read from its markup without a tree."""
    html = UNSAFE.sub(" ", html)
    if not html.strip():
        return Page("", "", [], "", "", "")
    parser = lxml.html.HTMLParser()
    try:
        doc = lxml.html.document_fromstring(html, parser=parser)
    except etree.ParserError:  # nothing an element can hold: a comment, a lone doctype
        return Page("", flat_text(html), [], "", "", "")
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        page = _from_tree(doc)
        images = [m.group(1) for m in IMG_SRC.finditer(html)]
        return Page(page.title, flat_text(html), images, page.url, page.posted_at, page.location)
    return _from_tree(doc)


def _from_tree(doc: lxml.html.HtmlElement) -> Page:
    title = " ".join((doc.findtext(".//title") or "").split())
    h1 = doc.find(".//h1")
    if not title and h1 is not None:
        title = " ".join(h1.text_content().split())
    for el in doc.xpath("//script|//style|//noscript|//template|//svg"):
        el.drop_tree()
    body = doc.find("body")
    text = _text(body if body is not None else doc)
    images = [src for src in (img.get("src") for img in doc.iter("img")) if src]
    canonical = doc.xpath('//link[@rel="canonical"]/@href')
    url = canonical[0] if canonical else _meta(doc, "og:url")
    times = doc.xpath("//time/@datetime")
    posted = _meta(doc, "article:published_time", "date") or (times[0] if times else "")
    location = _meta(doc, "geo.placename", "location")
    return Page(title, text, images, url, posted, location)


def flat_text(html: str) -> str:
    """Visible text of markup without building a tree: the head, scripts, styles and comments
    dropped, block tags as line breaks, entities decoded. Linear in the page's length."""
    parts: list[str] = []
    at = 0
    while (found := DROPPED.search(html, at)) is not None:
        parts.append(html[at : found.start()])
        closing = "-->" if found.group(0) == "<!--" else f"</{found.group(1)}"
        end = re.compile(re.escape(closing), re.IGNORECASE).search(html, found.end())
        at = len(html) if end is None else _find(html, ">", end.start()) + 1
    parts.append(html[at:])
    text = TAG.sub(lambda m: "\n" if (m.group(2) or "").lower() in BLOCK else "", "".join(parts))
    lines = (" ".join(line.split()) for line in entities.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _find(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    return len(text) if found < 0 else found
