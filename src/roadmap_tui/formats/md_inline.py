"""Inline Markdown as (text, kind) spans, from markdown-it-py's tokens: what a row shows.

No Textual here (a test checks it): `widgets/labels.py` turns the spans into `Content` with
explicit styles, and `plain` gives the text alone (a toast, the command palette).

A text is parsed in CommonMark's inline mode (`parseInline`, plus GitHub's `~~strike~~`) and its
tokens walked; nothing of it is ever markup or an action:

- a link shows as its text, kind "link" (its address is not shown); an autolink `<https://…>`
  as its address; an image as its alt text;
- `*em*`/`_em_` as "em", `**strong**` as "strong", `~~strike~~` as "strike", `` `code` `` as
  "code"; kinds nest ("link strong");
- backslash escapes (`\\#1`) and entities (`&amp;`) are resolved;
- raw inline HTML (`<b>`, `<kbd>`, `<img …>`) is dropped, tag by tag, and the text between the
  tags stays; `<br>` becomes a space. A tag's attributes are never shown, and a README's layout
  HTML does not litter a row.

Results are cached by text: this runs for every row at every render.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: (text, kind): kind is "" or some of KINDS, space-separated, in that order.
Span = tuple[str, str]
KINDS = ("link", "strong", "em", "strike", "code")
#: A text with none of these (and no `&` with a `;` after it: an entity) has no Markdown in it:
#: it is one plain span, unparsed, and markdown-it need not even be imported (most titles).
_SPECIAL = frozenset("\\`*_[]<>!~\n")
_FLAG = {"link": "link", "strong": "strong", "em": "em", "s": "strike"}

_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark").enable("strikethrough")
    return _PARSER


def _kind(flags: dict[str, int], extra: str = "") -> str:
    return " ".join(k for k in KINDS if flags.get(k) or k == extra)


def _walk(tokens: list[Any], flags: dict[str, int], out: list[Span]) -> None:
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):
            out.append((token.content, _kind(flags)))
        elif kind in ("softbreak", "hardbreak"):
            out.append((" ", _kind(flags)))
        elif kind == "code_inline":
            out.append((token.content, _kind(flags, "code")))
        elif kind == "image":
            _walk(token.children or [], flags, out)  # its alt text
        elif kind == "html_inline":
            name = (token.content[1:].split(maxsplit=1) or [""])[0].rstrip("/>").lower()
            if name == "br":
                out.append((" ", _kind(flags)))
        elif kind.endswith("_open") and kind[:-5] in _FLAG:
            flag = _FLAG[kind[:-5]]
            flags[flag] = flags.get(flag, 0) + 1
        elif kind.endswith("_close") and kind[:-6] in _FLAG:
            flag = _FLAG[kind[:-6]]
            flags[flag] = flags.get(flag, 0) - 1
        elif token.content:  # anything else inline markdown-it may make: its text, as it is
            out.append((token.content, _kind(flags)))


@lru_cache(maxsize=16_384)
def inline_spans(text: str) -> tuple[Span, ...]:
    """`text` (one line of inline Markdown) as spans of shown text and their kind."""
    if _SPECIAL.isdisjoint(text) and not ("&" in text and ";" in text[text.index("&") :]):
        return ((text, ""),) if text else ()
    out: list[Span] = []
    for block in _parser().parseInline(text):
        _walk(block.children or [], {}, out)
    merged: list[Span] = []
    for piece, kind in out:
        if not piece:
            continue
        if merged and merged[-1][1] == kind:
            merged[-1] = (merged[-1][0] + piece, kind)
        else:
            merged.append((piece, kind))
    return tuple(merged)


def plain(text: str) -> str:
    """`text`'s inline Markdown as the text it shows, without any styling."""
    return "".join(piece for piece, _ in inline_spans(text))
