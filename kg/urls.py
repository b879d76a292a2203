"""URLs in a paper's text: code repositories (normalized to https://github.com/OWNER/NAME) and
every other link (project pages, Hugging Face models, datasets and spaces)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from pyoxigraph import NamedNode
from spacy.tokens import Doc

from kg.normalize import doc_text
from kg.records import Evidence, Link
from kg.sentences import sentence_at

_URL = re.compile(r"https?://[^\s<>\"'\]\[{}|\\^`]+", re.IGNORECASE)
# Bare links with a path, as abstracts often write them: "tiny.one/arxivedits".
_BARE = re.compile(
    r"(?<![\w@/.:-])(?:www\.)?(?:[a-z0-9-]+\.)+(?:io|ai|com|org|net|one|dev|co|me|app|page|site|"
    r"xyz|cn|info)/[^\s<>\"'\]\[{}|\\^`]*",
    re.IGNORECASE,
)
_GITHUB = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)", re.I)
_TRAILING = ".,;:!?'\""
_SAFE = ":/?#@!$&'()*+,;=%-._~"  # RFC 3987 less "[]", which only an IPv6 host may use


def clean_url(url: str) -> str:
    """Strip sentence punctuation and an unbalanced closing parenthesis from the end."""
    while url:
        if url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def repository(url: str) -> str | None:
    """https://github.com/OWNER/NAME for a GitHub URL, without .git or /tree/... ; else None."""
    match = _GITHUB.match(url)
    if not match:
        return None
    owner, name = match.group(1), match.group(2)
    name = re.sub(r"\.git$", "", name.rstrip("."))
    if not name or owner.lower() in {"orgs", "topics", "features", "sponsors"}:
        return None
    return f"https://github.com/{owner}/{name}"


def safe_iri(url: str) -> str:
    """Percent-encode what may not appear in an IRI, keeping characters already escaped."""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)  # a "%" that escapes nothing
    head, hash_, fragment = url.partition("#")
    encoded = quote(head, safe=_SAFE, errors="replace")
    if hash_:  # one "#" starts the fragment; any later one is data
        encoded += "#" + quote(fragment, safe=_SAFE.replace("#", ""), errors="replace")
    return encoded


def link_iri(url: str) -> str | None:
    """The URL as an IRI every RDF engine accepts, or None (for instance an empty host)."""
    iri = safe_iri(url)
    try:
        NamedNode(iri)
    except ValueError:
        return None
    return iri


def find_links(doc: Doc) -> Iterator[Link]:
    text = doc_text(doc)
    if "/" not in text:
        return  # every link pattern needs one
    seen: set[str] = set()
    spans = [(m.start(), m.group(0)) for m in _URL.finditer(text)]
    covered = [(s, s + len(u)) for s, u in spans]
    for match in _BARE.finditer(text):
        if not any(s <= match.start() < e for s, e in covered):
            spans.append((match.start(), match.group(0)))
    for start, raw in sorted(spans):
        url = clean_url(raw)
        if len(url) < 8:
            continue
        url_value = "https://" + url if not re.match(r"https?://", url, re.IGNORECASE) else url
        repo = repository(url_value)
        value = repo or link_iri(url_value)
        if value is None:
            continue
        if value in seen:
            continue
        seen.add(value)
        first, last = sentence_at(doc, start)
        yield Link(value, repo is not None, Evidence(text[first:last], first, last))
