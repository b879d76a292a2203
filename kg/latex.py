"""LaTeX in abstracts, masked to spaces of the same length before tokenization.

About one abstract in ten of an arXiv listing holds LaTeX: `\\textbf{DPO}`, `\\emph{ImageNet}`,
`$\\times$`, `50\\%`, `Models~(LLMs)`. A name inside markup is a name (guidelines: "written
without the markup"), but the tokenizer sees `\\textbf{DPO},` as one chunk and no rule finds DPO
in it. Masking replaces command names, braces and math delimiters by spaces, so `\\textbf{DPO}`
becomes `        DPO ` of the same length: the name is a plain word, and every character that
is kept sits where it sat, so the offsets that evidence records index the original text, which
is what a user checks them against.

pylatexenc's LatexWalker does the parsing: it knows which macros take arguments, nests groups,
and tolerates unbalanced braces; each node carries its position and length. What it reads as
TeX does, and abstracts are not TeX, is done here before it parses:
- `%` outside `\\%` opens a comment in TeX, but in an abstract it is a percent sign ("5% on X"):
  the walker is given a neutral character in its place.
- `$` pairs as TeX pairs it, which turns "costs $5 and $10" into math. Only dollars that pandoc's
  rule takes as math delimiters (an opening `$` followed by a non-space, a closing one preceded
  by a non-space and not followed by a digit) reach the walker as dollars.
- A blank line ends every group (TeX ends a paragraph there), so unbalanced markup in the title
  cannot reach into the abstract: each paragraph is parsed on its own.

What is masked: the names of letter commands (`\\textbf`, `\\times`, unknown macros such as
`\\method`), the braces of groups, math delimiters, `~` (a tie, read as a space) and spacing
commands (`\\,`). Citations, labels and references (`\\cite{key}`) are blanked whole: their keys
are no names. Math content is kept, with its commands masked: `$\\texttt{AutoMod}$` and
`$\\mathrm{OSS}$` hold names, and the letters left by `$k$` or `$\\ell_2$` are no candidates.
Escaped characters keep their character: `50\\%` becomes `50% `. Accents (`\\'e`) are left as
they are: no same-length spelling keeps the word whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexSpecialsNode,
    LatexWalker,
)

from kg.records import Evidence, Extraction, Mention

# Commands whose arguments are keys, colours or code points, not text: blanked with them.
_DROPPED = frozenset(
    {
        "cite",
        "citep",
        "citet",
        "citealp",
        "citeauthor",
        "citeyear",
        "nocite",
        "ref",
        "eqref",
        "autoref",
        "cref",
        "Cref",
        "label",
        "color",
        "hspace",
        "vspace",
        "unicode",
        "includegraphics",
    }
)
# Commands whose first argument is dropped and whose second is text: \textcolor{red}{X}.
_FIRST_DROPPED = frozenset({"textcolor", "colorbox"})
# Commands whose argument is a URL, kept verbatim (a `~` there is part of it).
_VERBATIM = frozenset({"url", "href", "path"})
# The arguments of commands the walker does not know, where they matter: it reads their groups
# as text that follows them.
_ARITY = {"unicode": 1, "href": 2, "colorbox": 2, "citealp": 1, "Cref": 1, "cref": 1}
# Escaped characters that stand for themselves; `\%` keeps its percent next to the number.
_ESCAPED = frozenset("%&_#${}")
# Spacing and line-break commands: nothing but space.
_SPACING = frozenset({",", "!", ";", ":", " ", "\\", "/", "@", "-"})
# A stand-in for an unescaped percent sign that the walker reads as plain text.
_NEUTRAL = ","
# Where the walker is started: what opens a command, a group, math or a tie.
_MARKUP_OPENS = re.compile(r"[\\${~]")
# A word of the text as LaTeX spaces it: a tie separates words ("Models~(LLMs)").
_CHUNK = re.compile(r"[^\s~]+")
# Two letters or digits with only masked markup, now spaces, between them.
_SPLIT_WORD = re.compile(r"[^\W_] +[^\W_]")
_SPACE_RUN = re.compile(r"\s{2,}")
_HAS_MARKUP_CHAR = re.compile(r"[\\{}$]")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
# The longest markup that is blanked whole: a `\cite{` left open must not blank the abstract.
_MAX_DROPPED = 300


def has_markup(text: str) -> bool:
    """Whether the text may hold LaTeX at all: every construct masked here needs a backslash
    or a dollar. Most abstracts have neither, and skip the parser."""
    return "\\" in text or "$" in text


def mask(text: str) -> str:
    """The text with LaTeX markup replaced by spaces; same length, every kept character at its
    offset. A text without markup is returned as it is (the same object)."""
    if not has_markup(text):
        return text
    paragraphs = text.split("\n\n")
    masked = "\n\n".join(_mask_paragraph(p) for p in paragraphs)
    return text if masked == text else masked


def _mask_paragraph(text: str) -> str:
    if not has_markup(text):
        return text
    source = _walker_source(text)
    out = list(text)
    try:
        for nodes in _markup_nodes(source):
            _mask_nodes(nodes, text, out)
    except Exception:  # a parser error must not lose a paper: its text is read unmasked
        return text
    if "\\" not in text:
        # Without a command the text is no LaTeX source: "~50%" means about 50%.
        out = [t if t == "~" else c for c, t in zip(out, text, strict=True)]
    if len(out) != len(text):
        return text
    return _unsplit("".join(out), text)


def _unsplit(masked: str, text: str) -> str:
    """The masked text, with every word that masking would split left as written.

    Markup inside a word (`\\textbf{S}teerable`, `\\textbf{4}D\\textbf{GS}`,
    `$\\textbf{DI}$stilled`, `256$\\times$256`) cannot be masked to the same length without
    leaving spaces inside the word, which would read as two words ('S teerable', 'DI', 'GS'):
    such a chunk of text keeps its markup, as it read before kg masked any."""
    pieces: list[str] = []
    done = 0
    for chunk in _CHUNK.finditer(text):
        start, end = chunk.span()
        if masked[start:end] == text[start:end]:
            continue
        if _SPLIT_WORD.search(masked, start, end):
            pieces += (masked[done:start], text[start:end])
            done = end
    if not pieces:
        return masked
    pieces.append(masked[done:])
    return "".join(pieces)


def _markup_nodes(source: str) -> Iterator[list]:
    """The walker's nodes for each piece of markup, with the groups that an unknown command
    takes. The walker reads plain text a character at a time (about 13 ms for an abstract), so
    it is started only where markup opens, found by a regex, and reads one node there."""
    walker = LatexWalker(source, tolerant_parsing=True)
    i = 0
    while (found := _MARKUP_OPENS.search(source, i)) is not None:
        nodes, pos, length = walker.get_latex_nodes(pos=found.start(), read_max_nodes=1)
        end = pos + length
        if nodes and isinstance(nodes[0], LatexMacroNode) and nodes[0].macroname in _ARITY:
            for _ in range(_ARITY[nodes[0].macroname]):
                if not source.startswith("{", end):
                    break
                group, pos, length = walker.get_latex_nodes(pos=end, read_max_nodes=1)
                nodes += group
                end = pos + length
        yield nodes
        i = max(end, found.start() + 1)


def _walker_source(text: str) -> str:
    """The text as the walker should read it: percent signs neutral, and dollars that are
    no math delimiters (prices) neutral. Same length as the text."""
    source = _UNESCAPED_PERCENT.sub(_NEUTRAL, text) if "%" in text else text
    if "$" not in source:
        return source
    chars = list(source)
    for index in _plain_dollars(source):
        chars[index] = _NEUTRAL
    return "".join(chars)


def _plain_dollars(text: str) -> list[int]:
    """Offsets of the `$` signs that do not delimit math, by pandoc's rule for `$...$`: the
    opening one is followed by a non-space, the closing one preceded by a non-space and, where
    a digit follows the opening one ("$5 and $10"), not followed by a digit either. `$$...$$`
    is display math; an escaped `\\$` is left to the walker."""
    plain: list[int] = []
    i, n = 0, len(text)
    while i < n:
        i = text.find("$", i)
        if i < 0:
            break
        if i > 0 and text[i - 1] == "\\":
            i += 1
            continue
        if text.startswith("$$", i):
            close = text.find("$$", i + 2)
            if close < 0:
                plain.extend((i, i + 1))
                i += 2
            else:
                i = close + 2
            continue
        close = _closing_dollar(text, i)
        if close is None:
            plain.append(i)
            i += 1
        else:
            i = close + 1
    return plain


def _closing_dollar(text: str, opening: int) -> int | None:
    """The `$` that closes inline math opened at `opening`, or None where it is no math."""
    start = opening + 1
    if start >= len(text) or text[start].isspace():
        return None
    j = start
    while (j := text.find("$", j)) >= 0:
        if text[j - 1] == "\\":
            j += 1
            continue
        price = text[start].isdigit() and j + 1 < len(text) and text[j + 1].isdigit()
        if text[j - 1].isspace() or price:
            return None  # "$5 and $10": the next dollar opens a price, not a closing
        return j
    return None


def _blank(out: list[str], start: int, end: int) -> None:
    """Spaces over out[start:end], keeping line breaks: the blank line between title and
    abstract is a sentence boundary."""
    for i in range(max(start, 0), min(end, len(out))):
        if out[i] != "\n":
            out[i] = " "


def _mask_nodes(nodes, text: str, out: list[str]) -> None:
    nodes = [n for n in nodes or () if n is not None]
    taken: set[int] = set()  # groups read as the arguments of the macro before them
    for index, node in enumerate(nodes):
        if index in taken or isinstance(node, LatexCharsNode | LatexCommentNode):
            continue
        if isinstance(node, LatexMacroNode):
            args = _arguments(node)
            if not args and node.macroname in _ARITY:
                # A macro the walker does not know takes the groups that follow it.
                following = nodes[index + 1 : index + 1 + _ARITY[node.macroname]]
                for offset, arg in enumerate(following, start=index + 1):
                    if not isinstance(arg, LatexGroupNode):
                        break
                    args.append(arg)
                    taken.add(offset)
            _mask_macro(node, args, text, out)
        elif isinstance(node, LatexGroupNode):
            _mask_group(node, text, out)
        elif isinstance(node, LatexMathNode):
            opening, closing = node.delimiters
            end = node.pos + node.len
            _blank(out, node.pos, node.pos + len(opening))
            if text.startswith(closing, end - len(closing)) and node.len > len(opening):
                _blank(out, end - len(closing), end)
            _mask_nodes(node.nodelist, text, out)
        elif isinstance(node, LatexSpecialsNode):
            # A tie is a space; "/~user" in a URL is no tie. Dashes and quotes stay.
            if node.specials_chars == "~" and (node.pos == 0 or text[node.pos - 1] != "/"):
                out[node.pos] = " "
        elif isinstance(node, LatexEnvironmentNode):
            _mask_environment(node, text, out)


def _arguments(node: LatexMacroNode) -> list:
    return [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]


def _mask_group(node: LatexGroupNode, text: str, out: list[str]) -> None:
    """Blank the braces of a group (the closing one only where the group is closed) and mask
    what it holds."""
    end = node.pos + node.len
    if text[node.pos] == "{":
        out[node.pos] = " "
    if node.len > 1 and text[end - 1] == "}":
        out[end - 1] = " "
    _mask_nodes(node.nodelist, text, out)


def _closed(node, text: str) -> bool:
    """A group that ends with its closing brace (or bracket, for an optional argument)."""
    return node.len <= _MAX_DROPPED and text[node.pos + node.len - 1] in "}]"


def _mask_macro(node: LatexMacroNode, args: list, text: str, out: list[str]) -> None:
    name = node.macroname
    pos = node.pos
    if not name.isalpha():
        if name in _ESCAPED:
            if name == "%":
                out[pos], out[pos + 1] = "%", " "  # "50\%" reads "50% "
            else:
                out[pos] = " "
        elif name in _SPACING:
            _blank(out, pos, pos + 1 + len(name))
        return  # accents and other symbols stay as written
    _blank(out, pos, pos + 1 + len(name))
    if name in _DROPPED or name.startswith("cite"):
        if args and all(_closed(a, text) for a in args if isinstance(a, LatexGroupNode)):
            _blank(out, pos, args[-1].pos + args[-1].len)
        return
    for index, arg in enumerate(args):
        if not isinstance(arg, LatexGroupNode):
            _mask_nodes([arg], text, out)
        elif name in _VERBATIM:
            _mask_group_braces(arg, text, out)
        elif name in _FIRST_DROPPED and index == 0 and _closed(arg, text):
            _blank(out, arg.pos, arg.pos + arg.len)
        else:
            _mask_group(arg, text, out)


def _mask_group_braces(node: LatexGroupNode, text: str, out: list[str]) -> None:
    end = node.pos + node.len
    if text[node.pos] == "{":
        out[node.pos] = " "
    if node.len > 1 and text[end - 1] == "}":
        out[end - 1] = " "


def _mask_environment(node: LatexEnvironmentNode, text: str, out: list[str]) -> None:
    """`\\begin{itemize} ... \\end{itemize}`: blank the two commands, mask the body."""
    begin = f"\\begin{{{node.environmentname}}}"
    end_command = f"\\end{{{node.environmentname}}}"
    end = node.pos + node.len
    if text.startswith(begin, node.pos):
        _blank(out, node.pos, node.pos + len(begin))
    if text.startswith(end_command, end - len(end_command)):
        _blank(out, end - len(end_command), end)
    _mask_nodes(node.nodelist, text, out)


def quote_original(extraction: Extraction) -> Extraction:
    """The extraction with each evidence sentence quoted from the paper's own text, where the
    rules read it masked: the offsets are the same, and the quote is what the abstract says.

    A name that spans markup (`\\textbf{Eliminating-Floating-Artifacts} Gaussian Splatting`)
    was read with a run of spaces where the markup was: its spaces are collapsed, and its
    offsets still span it in the text. An alias that holds markup ("P}rompt Pool", from a word
    left as written) is dropped: the acronym it spells out is the entity."""
    text = extraction.paper.text
    if not has_markup(text):
        return extraction

    def quoted(evidence: Evidence) -> Evidence:
        return replace(evidence, sentence=text[evidence.start : evidence.end])

    return replace(
        extraction,
        mentions=tuple(_plain_names(m, quoted(m.sentence)) for m in extraction.mentions),
        links=tuple(replace(k, evidence=quoted(k.evidence)) for k in extraction.links),
        results=tuple(replace(r, evidence=quoted(r.evidence)) for r in extraction.results),
        tasks=tuple(
            replace(t, text=_SPACE_RUN.sub(" ", t.text), sentence=quoted(t.sentence))
            for t in extraction.tasks
        ),
    )


def _plain_names(mention: Mention, sentence: Evidence) -> Mention:
    alias = mention.alias
    if alias is not None:
        alias = None if _HAS_MARKUP_CHAR.search(alias) else _SPACE_RUN.sub(" ", alias)
    return replace(
        mention,
        text=_SPACE_RUN.sub(" ", mention.text),
        canonical=mention.canonical and _SPACE_RUN.sub(" ", mention.canonical),
        alias=alias,
        sentence=sentence,
    )
