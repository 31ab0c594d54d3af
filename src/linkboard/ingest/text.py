"""Text out of HTML with a real parser (lxml): visible text, title, images, canonical URL."""

from __future__ import annotations

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


def parse_page(html: str) -> Page:
    """Parse an HTML page; never raises on malformed markup (lxml repairs it)."""
    if not html.strip():
        return Page("", "", [], "", "", "")
    doc = lxml.html.document_fromstring(html)
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
