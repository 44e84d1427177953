"""The example notebooks in Markdown, with the page's links.

sphinx-gallery writes each example's notebook next to its page source
(``<src>/<gallery>/<stem>.ipynb``); its rst→Markdown step converts headings and
``:math:`` but leaves most reST as it was: roles (``:term:`connectome```,
``:class:`~sklearn.pipeline.Pipeline```), ````literals````, escapes (```baseline`\\ s``),
and it turns ``:ref:`label``` into ```label```. Everything a reader gets is copied
from that one file: the ``.ipynb`` download, the per-example and download-all zips,
and the JupyterLite copy (staged from the same folder at the end of the build).
That is also where each exercise's solution cell becomes its starter cell
(:func:`exercises.to_starter_notebook`).

So the conversion runs once, on that file, when Sphinx has read every page
(``env-updated``): the glossary terms, labels and titles of the site are known and
the intersphinx inventories are loaded, and nothing has been copied yet. Each
notebook's markdown cells become Markdown:

* glossary terms, ``:ref:`` and ``:doc:`` → links to the site page and anchor, from
  the same objects Sphinx writes to the site's ``objects.inv``;
* API roles (``:class:``, ``:func:``, ``:meth:``, ``:mod:``, ``:attr:``, ``:obj:``, ...
  with ``~`` and explicit titles) → the URL intersphinx gives the page, from the
  inventories the build loaded, with the text Sphinx shows (``make_pipeline()``), as
  link text (notebooks do not colour code inside links); unresolved, a code span;
* ````literals```` → code spans; ``.. math::`` and ``:math:`` → ``$$…$$``/``$…$``;
  admonitions → blockquotes with their title; literal blocks → fenced code;
  reST escapes and comments disappear.

Site links are absolute, from one configuration value (``site_url``, the published
site's address), so a downloaded notebook's links work from a laptop.

sphinx-gallery rewrites a notebook only when its example runs again; the notebook
as sphinx-gallery wrote it is kept beside it (``<stem>.sphinx-gallery.json``), so
every build converts from the original and links follow the current glossary and
inventories. The zips that hold notebooks are refreshed, and one archive of the
whole course (every gallery, ``.py`` and ``.ipynb``) is written for the gallery
indexes to offer.

:func:`scan` is the list of raw reST constructs a converted notebook must not
contain; the build checks every converted cell with it, and the tests use it.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import string
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import exercises

# ---------------------------------------------------------------------------
# Scanner: raw reST constructs that must not be left in notebook Markdown
# ---------------------------------------------------------------------------

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)?[ \t]*(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)
# A Markdown code span that holds backticks is written with padding: `` a`b ``.
_PADDED_CODE = re.compile(r"(?<![^\s\[(])(?P<ticks>`+) (?:.+?) (?P=ticks)(?![`\w])", re.DOTALL)
# reST inline literal: ``text`` (content neither starts nor ends with whitespace).
_RST_LITERAL = re.compile(r"(?<!`)``(?=[^\s`])(?:.*?[^\s\\])?``(?!`)", re.DOTALL)
_ROLE = re.compile(
    r"(?<![\w`\\]):(?:(?P<domain>[A-Za-z][\w-]*):)?(?P<role>[A-Za-z][\w+-]*):`(?P<content>(?:[^`\\]|\\.)+?)`",
    re.DOTALL,
)
# Interpreted text after a role's name, ``text`:role:``.
_SUFFIX_ROLE = re.compile(r"(?<![\w`])`[^`]+`:[A-Za-z][\w-]*:")
# What sphinx-gallery makes of :ref:`label` and :ref:`title <label>`; reST hyperlink
# references `text`_ and anonymous ones `text`__.
_STRIPPED_REF = re.compile(r"(?<![\w`])`(?:[^`]+?\s<[^`\s>]+>|sphx_glr_[^`\s]+)`(?![`])")
_HYPERLINK_REF = re.compile(r"(?<![\w`])`[^`]+`__?(?!\w)")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)[^$]+?(?<!\\)\$", re.DOTALL)
_SG_ALIGN = re.compile(r"\\begin\{align\}.*?\\end\{align\}", re.DOTALL)

PATTERNS: dict[str, re.Pattern] = {
    # directives (.. note::), comments and targets (.. _label:, .. [1] text)
    "directive": re.compile(r"^[ \t]*\.\.(?:[ \t]+\S.*)?$", re.MULTILINE),
    # sphinx-gallery's rendering of note/warning
    "admonition-html": re.compile(r'<div class="alert alert-\w+"><h4>'),
    # sphinx-gallery's rendering of .. math:: outside $$
    "display-math": re.compile(r"\\begin\{align\}"),
    # escaped whitespace (``\ s``) and escaped letters or digits
    "escape": re.compile(r"\\(?:[ \t\n]|(?=[A-Za-z0-9]))"),
    # a paragraph announcing a literal block
    "literal-block": re.compile(r"::[ \t]*$", re.MULTILINE),
    "footnote-reference": re.compile(r"\[(?:\d+|#[\w-]*|\*|[A-Za-z][\w.-]*)\]_(?!\w)"),
    "auto-enumerator": re.compile(r"^[ \t]*#\.[ \t]", re.MULTILINE),
}
KINDS = ("role", "literal", "interpreted", *PATTERNS)


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:80]!r}"


def _blank(match: re.Match) -> str:
    """Remove a match but keep its line breaks, so line-anchored patterns still work."""
    return "\n" * match.group(0).count("\n") or " "


def scan(markdown: str) -> list[Finding]:
    """Every raw reST construct in ``markdown`` (the text of one cell)."""
    findings: list[Finding] = []

    def take(kind: str, pattern: re.Pattern, text: str) -> str:
        findings.extend(Finding(kind, m.group(0)) for m in pattern.finditer(text))
        return pattern.sub(_blank, text)

    text = _FENCE.sub(_blank, markdown)
    text = _PADDED_CODE.sub(_blank, text)
    text = take("literal", _RST_LITERAL, text)
    text = take("role", _ROLE, text)
    text = take("role", _SUFFIX_ROLE, text)
    text = take("interpreted", _STRIPPED_REF, text)
    text = take("interpreted", _HYPERLINK_REF, text)
    text = _CODE_SPAN.sub(_blank, text)
    text = take("display-math", _SG_ALIGN, text)
    text = _DISPLAY_MATH.sub(_blank, text)
    text = _INLINE_MATH.sub(_blank, text)
    text = text.replace("\\\\", "  ")  # an escaped backslash is one in Markdown too
    for kind, pattern in PATTERNS.items():
        text = take(kind, pattern, text)
    return findings


def cell_text(cell: Mapping) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def scan_notebook(notebook: Mapping) -> list[Finding]:
    """The raw reST constructs of every markdown cell of ``notebook``."""
    return [
        finding
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "markdown"
        for finding in scan(cell_text(cell))
    ]


def count(findings: Iterable[Finding]) -> Counter:
    return Counter(finding.kind for finding in findings)


# ---------------------------------------------------------------------------
# Links: where each reference of a page points
# ---------------------------------------------------------------------------

# Sphinx's intersphinx format: {"py:class": {name: item}}, item an _InventoryItem
# (project_name, project_version, uri, display_name) or, in older Sphinx, a tuple.
Inventory = Mapping[str, Mapping[str, object]]


def _item(item) -> tuple[str, str]:
    """``(uri, display_name)`` of an inventory item."""
    uri = getattr(item, "uri", None)
    if uri is not None:
        return uri, item.display_name
    return item[2], item[3]


@dataclass
class Links:
    """Where references point: the site's own objects (terms, labels, documents, at
    absolute URLs under ``base_url``) and the external inventories intersphinx loaded."""

    base_url: str
    site: Inventory
    external: Inventory = field(default_factory=dict)
    named: Mapping[str, Inventory] = field(default_factory=dict)
    function_parentheses: bool = True

    @classmethod
    def from_sphinx(cls, app, base_url: str) -> Links:
        """The links of this build: the objects Sphinx writes to ``objects.inv``,
        and the intersphinx inventories it resolved the pages' references with."""
        env = app.env
        base_url = normalized_base_url(base_url)
        site: dict[str, dict[str, tuple]] = {}
        domains = env.domains.sorted() if hasattr(env.domains, "sorted") else env.domains.values()
        for domain in domains:
            for name, display, objtype, docname, anchor, _priority in domain.get_objects():
                uri = app.builder.get_target_uri(docname) + (f"#{anchor}" if anchor else "")
                display = "-" if display == name else display
                site.setdefault(f"{domain.name}:{objtype}", {})[name] = ("", "", base_url + uri, display)
        return cls(
            base_url=base_url,
            site=site,
            external=getattr(env, "intersphinx_inventory", {}) or {},
            named=getattr(env, "intersphinx_named_inventory", {}) or {},
            function_parentheses=app.config.add_function_parentheses,
        )

    @classmethod
    def from_files(cls, base_url: str, site_inventory: Path, external: Mapping[str, tuple[str, Path]]) -> Links:
        """The same from inventory files: the built site's ``objects.inv`` and
        ``{name: (base URL, inventory file)}`` for intersphinx."""
        from sphinx.util.inventory import InventoryFile

        def load(path: Path, uri: str) -> Inventory:
            with Path(path).open("rb") as stream:
                inventory = InventoryFile.load(stream, uri, posixpath.join)
            return inventory.data if hasattr(inventory, "data") else inventory

        base_url = normalized_base_url(base_url)
        named = {name: load(path, uri) for name, (uri, path) in external.items()}
        merged: dict[str, dict[str, object]] = {}
        for inventory in named.values():
            for objtype, entries in inventory.items():
                for name, item in entries.items():
                    merged.setdefault(objtype, {}).setdefault(name, item)
        return cls(base_url=base_url, site=load(site_inventory, base_url), external=merged, named=named)

    def lookup(self, objtypes: Iterable[str], target: str) -> tuple[str, str] | None:
        """``(url, display name)`` of ``target`` as Sphinx resolves it: the site's own
        objects first, then intersphinx (any inventory, then ``name:target``)."""
        objtypes = list(objtypes)
        for inventory in (self.site, self.external):
            hit = _lookup(inventory, objtypes, target)
            if hit:
                return hit
        name, colon, rest = target.partition(":")
        if colon and name in self.named:
            return _lookup(self.named[name], objtypes, rest)
        return None

    def site_page(self, uri: str) -> str:
        return self.base_url + uri


def normalized_base_url(url: str) -> str:
    if not re.match(r"https?://[^/]+", url or ""):
        raise ValueError(f"site_url must be the published site's absolute address, not {url!r}")
    return url.rstrip("/") + "/"


def _lookup(inventory: Inventory, objtypes: list[str], target: str) -> tuple[str, str] | None:
    """intersphinx's own matching: exact names, case-insensitive for terms and labels."""
    for objtype in objtypes:
        entries = inventory.get(objtype)
        if not entries:
            continue
        if target in entries:
            return _item(entries[target])
        if objtype in ("std:term", "std:label"):
            lowered = target.lower()
            for name, item in entries.items():
                if name.lower() == lowered:
                    return _item(item)
    return None


@lru_cache(maxsize=1)
def domain_roles() -> dict[str, dict[str, list[str]]]:
    """``{"py": {"class": ["py:class", "py:exception", ...]}, "std": {...}}``, from
    Sphinx's own domain definitions (the object types each role may refer to)."""
    from sphinx.domains.python import PythonDomain
    from sphinx.domains.std import StandardDomain

    table: dict[str, dict[str, list[str]]] = {}
    for domain in (PythonDomain, StandardDomain):
        roles = table.setdefault(domain.name, {})
        for objtype, definition in domain.object_types.items():
            for role in definition.roles:
                roles.setdefault(role, []).append(f"{domain.name}:{objtype}")
    # intersphinx: properties are stored as py:method since Sphinx 2.1
    for objtypes in table["py"].values():
        if "py:attribute" in objtypes:
            objtypes.append("py:method")
    return table


# ---------------------------------------------------------------------------
# Conversion of one markdown cell
# ---------------------------------------------------------------------------

PY_ROLES = {"data", "exc", "func", "deco", "class", "const", "attr", "type", "meth", "mod", "obj"}
FIX_PARENS = {"func", "meth"}
CODE_ROLES = {"literal", "code", "file", "samp", "kbd", "command", "program", "envvar", "option", "makevar",
              "mimetype", "regexp", "token", "confval"}
EMPHASIS_ROLES = {"emphasis", "title-reference", "title", "t", "dfn", "manpage"}
STRONG_ROLES = {"strong", "guilabel", "menuselection"}
ADMONITIONS = {
    "note": "Note", "warning": "Warning", "tip": "Tip", "hint": "Hint", "important": "Important",
    "caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
    "seealso": "See also", "todo": "To do",
}
VERSION_NOTES = {"versionadded": "Added in version", "versionchanged": "Changed in version",
                 "deprecated": "Deprecated since version", "versionremoved": "Removed in version"}
CODE_DIRECTIVES = {"code-block", "code", "sourcecode"}
TRANSPARENT_DIRECTIVES = {"container", "compound", "epigraph", "highlights", "pull-quote", "rst-class", "cssclass"}
DROPPED_DIRECTIVES = {"highlight", "index", "contents", "sectionauthor", "codeauthor", "meta", "tabularcolumns"}

_SPLIT_TITLE = re.compile(r"^(?P<title>.+?)\s*(?<!\x00)<(?P<target>.*?)>$", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_ESCAPE = re.compile(r"\\(?P<char>.)", re.DOTALL)
_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<name>[\w:+-]+)::(?P<args>[^\n]*)$")
_COMMENT = re.compile(r"^(?P<indent>[ \t]*)\.\.(?:[ \t]+.*)?$")
_SG_ALERT = re.compile(r'^<div class="alert alert-\w+"><h4>(?P<title>.*?)</h4>\n\n(?P<body>.*?)\n\n</div>[ \t]*\n?',
                       re.MULTILINE | re.DOTALL)
_SG_ALIGN_BLOCK = re.compile(r"\\begin\{align\}(?P<body>.*?)\\end\{align\}", re.DOTALL)
_OPTION = re.compile(r"^:[\w-]+:(?:\s.*)?$")
_LIST_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d+[.)]|#\.|\(?[A-Za-z0-9]\))[ \t]+")
_PLACEHOLDER = "\x00{}\x00"
_TOKEN = re.compile(r"\x00(\d+)\x00")
MARKDOWN_PUNCTUATION = set(string.punctuation)


@dataclass
class Problem:
    """Something the conversion could not render as the page does."""

    docname: str
    message: str

    def __str__(self) -> str:
        return f"{self.docname}: {self.message}"


class _Converter:
    def __init__(self, links: Links, docname: str):
        self.links = links
        self.docname = docname
        self.problems: list[Problem] = []
        self.roles = domain_roles()
        self._kept: list[str] = []

    # -- blocks ---------------------------------------------------------------

    def convert(self, text: str) -> str:
        text = _SG_ALERT.sub(lambda m: self._keep(self._quote(m["title"], m["body"])), text)
        text = _SG_ALIGN_BLOCK.sub(lambda m: self._keep(display_math(m["body"]).rstrip("\n")), text)
        text = self._blocks(text)
        text = self._inline(text)
        # what was removed (comments, targets) leaves no run of blank lines
        text = re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", text)
        while _TOKEN.search(text):
            text = _TOKEN.sub(lambda m: self._kept[int(m.group(1))], text)
        return text

    def _keep(self, converted: str) -> str:
        """Set converted Markdown aside from the inline pass."""
        self._kept.append(converted)
        return _PLACEHOLDER.format(len(self._kept) - 1)

    def _quote(self, title: str, body: str, indent: str = "") -> str:
        inner = self._sub(body).strip("\n")
        lines = [f"**{title.strip()}**", "", *inner.split("\n")] if inner else [f"**{title.strip()}**"]
        return "\n".join(indent + (f"> {line}" if line.strip() else ">") for line in lines) + "\n"

    def _sub(self, text: str) -> str:
        """Convert a nested block (a directive's body) with the same links."""
        nested = _Converter(self.links, self.docname)
        converted = nested.convert(text)
        self.problems.extend(nested.problems)
        return converted

    def _blocks(self, text: str) -> str:
        lines = text.split("\n")
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            fence = re.match(r"^([ \t]*)(`{3,}|~{3,})", line)
            if fence:
                end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence.group(2))),
                           len(lines) - 1)
                out.append(self._keep("\n".join(lines[i:end + 1])))
                i = end + 1
                continue
            directive = _DIRECTIVE.match(line)
            comment = _COMMENT.match(line)
            if directive or comment:
                indent = (directive or comment).group("indent")
                end = _block_end(lines, i + 1, len(indent))
                converted = ""
                if directive:
                    body = _dedent(lines[i + 1:end])
                    converted = self._directive(directive["name"], directive["args"].strip(), body, indent)
                if converted:
                    out.append(self._keep(converted.rstrip("\n")))
                elif not out or not out[-1].strip():
                    # nothing shown (a comment, a hyperlink target): nor the blank lines after it
                    while end < len(lines) and not lines[end].strip():
                        end += 1
                i = end
                continue
            if re.search(r"::[ \t]*$", line):
                start = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
                base = _indent_width(line)
                marker = _LIST_MARKER.match(line)
                if start is not None and start > i + 1 and _indent_width(lines[start]) > base:
                    end = _block_end(lines, start, base)
                    code = _dedent(lines[start:end])
                    pad = " " * (len(marker.group(0)) if marker else base)
                    marker_line = _literal_marker(line)
                    if marker_line.strip():
                        out += [marker_line, ""]
                    fenced = "\n".join(pad + row if row else row for row in ["```", *code.rstrip("\n").split("\n"),
                                                                              "```"])
                    out.append(self._keep(fenced))
                    out.append("")
                    i = end
                    continue
            out.append(re.sub(r"^([ \t]*)#\.(?=[ \t])", r"\g<1>1.", line))
            i += 1
        return "\n".join(out)

    def _directive(self, name: str, args: str, body: str, indent: str) -> str:
        name = name.split(":")[-1] if name.startswith(("rst:", "py:", "std:")) else name
        options, content = _split_options(body)
        if name in ADMONITIONS:
            content = f"{args}\n{content}" if args else content
            return self._quote(ADMONITIONS[name], content, indent)
        if name == "admonition":
            return self._quote(args or "Note", content, indent)
        if name in VERSION_NOTES:
            version, _, rest = args.partition(" ")
            text = "\n".join(part for part in (rest, content) if part.strip())
            return self._quote(f"{VERSION_NOTES[name]} {version}", text, indent)
        if name in ("topic", "sidebar"):
            return self._quote(args, content, indent)
        if name == "rubric":
            return f"{indent}**{self._inline(args)}**\n"
        if name == "math":
            equations = "\n".join(part for part in (args, content) if part.strip())
            if "nowrap" in options:
                return _indent(f"$$\n{equations.strip()}\n$$\n", indent)
            return _indent(display_math(equations), indent)
        if name in CODE_DIRECTIVES:
            language = args.split()[0] if args else ""
            return _indent(f"```{language}\n{content.rstrip()}\n```\n", indent)
        if name in TRANSPARENT_DIRECTIVES:
            return _indent(self._sub(content), indent)
        if name == "only":
            return _indent(self._sub(content), indent) if re.search(r"\bhtml\b", args) else ""
        if name == "raw":
            return _indent(content, indent) if "html" in args.split() else ""
        if name in DROPPED_DIRECTIVES:
            return ""
        self.problems.append(Problem(self.docname, f"no Markdown for the directive '.. {name}::'"))
        block = "\n".join([f".. {name}::{' ' + args if args else ''}", *_indent(body, "   ").split("\n")])
        return _indent(block.rstrip() + "\n", indent)

    # -- inline ---------------------------------------------------------------

    _INLINE = re.compile(
        r"(?P<token>\x00\d+\x00)"
        r"|(?P<math>\$\$.+?\$\$|(?<![\\$])\$(?!\$)[^$]+?(?<!\\)\$)"
        r"|(?P<literal>(?<!`)``(?=[^\s`])(?:.*?[^\s\\])?``(?!`))"
        r"|(?<![\w`\\]):(?:(?P<domain>[A-Za-z][\w-]*):)?(?P<role>[A-Za-z][\w+-]*):`(?P<content>(?:[^`\\]|\\.)+?)`"
        r"|(?P<mdlink>\[[^\]\n]*\]\([^)\s]*\))(?P<anonymous>_(?!\w))?"
        r"|(?<![\w`])`(?P<interpreted>(?:[^`\\]|\\.)+?)`(?P<hyperlink>__?(?!\w))?"
        r"|(?P<footnote>\[(?:\d+|#[\w-]*|\*|[A-Za-z][\w.-]*)\])_(?!\w)"
        r"|\\(?P<escaped>.)",
        re.DOTALL,
    )

    def _inline(self, text: str) -> str:
        return self._INLINE.sub(self._inline_one, text)

    def _inline_one(self, match: re.Match) -> str:
        if match["token"] or match["math"]:
            return match.group(0)
        if match["literal"]:
            return code_span(match["literal"][2:-2])
        if match["role"]:
            return self._role(match["domain"], match["role"], match["content"])
        if match["mdlink"]:
            return match["mdlink"]
        if match["interpreted"] is not None:
            return self._interpreted(match["interpreted"], bool(match["hyperlink"]))
        if match["footnote"]:
            return match["footnote"]
        char = match["escaped"]
        if char.isspace():
            return ""
        return "\\" + char if char in MARKDOWN_PUNCTUATION else char

    def _role(self, domain: str | None, role: str, content: str) -> str:
        if domain is None:
            domain = "py" if role in PY_ROLES else "std"
        if domain == "py" and role in PY_ROLES:
            return self._python(role, content)
        if domain == "std" and role == "term":
            return self._site(["std:term"], content, shown=None)
        if domain == "std" and role in ("ref", "numref"):
            return self._site(["std:label"], content, shown="display", lowercase=True)
        if domain == "std" and role == "doc":
            return self._doc(content)
        if role == "math":
            return f"${unescape(content)}$"
        if role == "any":
            return self._any(content)
        number = unescape(content).split("#")[0].strip()
        if role.lower() == "pep" and number.isdigit():
            return link(f"PEP {number}", f"https://peps.python.org/pep-{int(number):04d}/")
        if role.lower() == "rfc" and number.isdigit():
            return link(f"RFC {number}", f"https://datatracker.ietf.org/doc/html/rfc{int(number)}.html")
        title, _target, _explicit = split_title(content)
        if role in CODE_ROLES or role == "download":
            return code_span(title)
        if role in EMPHASIS_ROLES:
            return f"*{title}*"
        if role in STRONG_ROLES:
            return f"**{title}**"
        if role == "abbr":
            return re.sub(r"\s*\(.*\)\s*$", "", title, flags=re.DOTALL)
        if role in ("sub", "sup"):
            return f"<{role}>{title}</{role}>"
        self.problems.append(Problem(self.docname, f"no Markdown for the role :{role}:`{content}`"))
        return title

    def _python(self, role: str, content: str) -> str:
        """A py role as Sphinx shows and resolves it (``PyXRefRole``)."""
        disabled = content.startswith("!")
        title, target, explicit = split_title(content[1:] if disabled else content)
        if role in FIX_PARENS:
            if not explicit:
                title = title.removesuffix("()") + ("()" if self.links.function_parentheses else "")
            target = target.removesuffix("()")
        if not explicit:
            title = title.lstrip(".")
            target = target.lstrip("~")
            if title.startswith("~"):
                title = title[1:].rpartition(".")[2]
        target = target.removeprefix(".")
        title = _WHITESPACE.sub(" ", title)
        hit = None if disabled else self.links.lookup(self.roles["py"].get(role, []), _WHITESPACE.sub(" ", target))
        return api_link(title, hit[0]) if hit else code_span(title)

    def _site(self, objtypes: list[str], content: str, shown: str | None, lowercase: bool = False) -> str:
        title, target, explicit = split_title(content)
        target = _WHITESPACE.sub(" ", target).strip()
        hit = self.links.lookup(objtypes, target.lower() if lowercase else target)
        if hit is None:
            self.problems.append(Problem(self.docname, f"nothing on the site is called {target!r} ({objtypes[0]})"))
            return escape_text(title)
        url, display = hit
        if not explicit and shown == "display" and display != "-":
            title = display
        return link(escape_text(title), url)

    def _doc(self, content: str) -> str:
        title, target, explicit = split_title(content)
        docname = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(self.docname), target))
        hit = self.links.lookup(["std:doc"], docname.removesuffix(".rst"))
        if hit is None:
            self.problems.append(Problem(self.docname, f"no page {docname!r} for :doc:`{content}`"))
            return escape_text(title)
        url, display = hit
        return link(escape_text(title if explicit or display == "-" else display), url)

    def _any(self, content: str) -> str:
        title, target, explicit = split_title(content)
        for objtypes in (["std:term"], ["std:label"], ["std:doc"]):
            hit = self.links.lookup(objtypes, target)
            if hit:
                return link(escape_text(title if explicit or hit[1] == "-" else hit[1]), hit[0])
        every_py = sorted({t for types in self.roles["py"].values() for t in types})
        hit = self.links.lookup(every_py, target)
        return api_link(title, hit[0]) if hit else code_span(title)

    def _interpreted(self, content: str, hyperlink: bool) -> str:
        """```label``` and ```title <label>```: sphinx-gallery's rendering of ``:ref:``;
        otherwise reST's default role, shown in italics on the page."""
        title, target, explicit = split_title(content)
        hit = self.links.lookup(["std:label"], _WHITESPACE.sub(" ", target).strip().lower())
        if hit:
            url, display = hit
            return link(escape_text(title if explicit or display == "-" else display), url)
        if target.startswith("sphx_glr_") or explicit:
            self.problems.append(Problem(self.docname, f"no label {target!r} on the site for `{content}`"))
        return escape_text(title) if hyperlink else f"*{escape_text(title)}*"


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index of the first line after ``start`` that is not blank and not indented
    deeper than ``indent``; trailing blank lines are not part of the block."""
    end = start
    j = start
    while j < len(lines):
        if lines[j].strip():
            if _indent_width(lines[j]) <= indent:
                break
            end = j + 1
        j += 1
    return end


def _indent_width(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _dedent(lines: list[str]) -> str:
    widths = [_indent_width(line) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return "\n".join(line[cut:] if line.strip() else "" for line in lines)


def _indent(text: str, indent: str) -> str:
    if not indent:
        return text
    return "\n".join(indent + line if line.strip() else line for line in text.split("\n"))


def _split_options(body: str) -> tuple[dict[str, str], str]:
    lines = body.split("\n")
    options: dict[str, str] = {}
    i = 0
    while i < len(lines) and _OPTION.match(lines[i]):
        name, _, value = lines[i][1:].partition(":")
        options[name] = value.strip()
        i += 1
    return options, "\n".join(lines[i:]).strip("\n")


def _literal_marker(line: str) -> str:
    """reST's ``::``: "text::" shows "text:", "text ::" and a lone "::" show nothing."""
    if line.strip() == "::":
        return ""
    if re.search(r"\s::[ \t]*$", line):
        return re.sub(r"\s+::[ \t]*$", "", line)
    return re.sub(r"::[ \t]*$", ":", line)


def split_title(content: str) -> tuple[str, str, bool]:
    """``(title, target, explicit)`` of a role's content ``title <target>`` or ``target``,
    with reST escapes removed (``sphinx.util.nodes.split_explicit_title`` + unescape)."""
    match = _SPLIT_TITLE.match(content)
    if match:
        return unescape(match["title"]), unescape(match["target"]), True
    return unescape(content), unescape(content), False


def unescape(text: str) -> str:
    """reST escapes: an escaped space disappears, an escaped character is itself."""
    return _ESCAPE.sub(lambda m: "" if m["char"].isspace() else m["char"], text)


def escape_text(text: str) -> str:
    """Text for a Markdown link label."""
    return re.sub(r"([\[\]])", r"\\\1", text)


def api_link(name: str, url: str) -> str:
    """A link to API documentation, shown as plain link text: notebook front ends
    (JupyterLab, Notebook) colour links but not code inside links, so a code span
    would hide that the name is a link. Unlinked names stay code, as on the page."""
    label = re.sub(r"([\\`*\[\]<>])", r"\\\1", name)
    label = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", label)
    return link(label, url)


def code_span(text: str) -> str:
    text = _WHITESPACE.sub(" ", text) if "\n" in text else text
    if "`" not in text:
        return f"`{text}`"
    longest = max(len(run) for run in re.findall(r"`+", text))
    ticks = "`" * (longest + 1)
    return f"{ticks} {text} {ticks}"


_URL_SAFE = "".join(char for char in string.punctuation if char not in "()<>")


def link(label: str, url: str) -> str:
    """A Markdown link; parentheses, spaces and angle brackets in the URL are escaped."""
    return f"[{label}]({quote(url, safe=_URL_SAFE)})"


def display_math(body: str) -> str:
    """``$$…$$`` for the body of ``.. math::``, built as Sphinx's MathJax output is:
    equations separated by blank lines are aligned, one with ``\\\\`` is split."""
    _options, body = _split_options(body.strip("\n"))
    parts = [part.strip() for part in re.split(r"\n[ \t]*\n", body.strip("\n")) if part.strip()]
    parts = ["\n".join(line.strip() for line in part.split("\n")) for part in parts]
    rendered = [rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts]
    if len(rendered) > 1:
        inner = "\\begin{aligned}\n" + " \\\\\n".join(rendered) + "\n\\end{aligned}"
    else:
        inner = rendered[0] if rendered else ""
    return f"$$\n{inner}\n$$\n"


def to_markdown(text: str, links: Links, docname: str = "") -> tuple[str, list[Problem]]:
    """The Markdown of one cell of reST (as sphinx-gallery left it), and what could
    not be rendered as on the page."""
    converter = _Converter(links, docname)
    return converter.convert(text), converter.problems


def convert_notebook(notebook: Mapping, links: Links, docname: str = "") -> tuple[dict, list[Problem]]:
    """A copy of ``notebook`` whose markdown cells are Markdown."""
    converted = json.loads(json.dumps(notebook))
    problems: list[Problem] = []
    for cell in converted.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        markdown, cell_problems = to_markdown(cell_text(cell), links, docname)
        problems.extend(cell_problems)
        problems.extend(Problem(docname, f"raw reST left in Markdown: {finding}") for finding in scan(markdown))
        cell["source"] = markdown.splitlines(keepends=True)
    return converted, problems


# ---------------------------------------------------------------------------
# The gallery's files: notebooks, their zips and the course archive
# ---------------------------------------------------------------------------

AS_WRITTEN_SUFFIX = ".sphinx-gallery.json"
COURSE_ARCHIVE = "ml-dl-primer-examples.zip"
# Fixed member dates: an archive changes only when its content does.
ZIP_DATE = (2021, 1, 1, 0, 0, 0)


def notebook_bytes(notebook: Mapping) -> bytes:
    """A notebook file as nbformat writes one."""
    return (json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def _as_written(path: Path) -> dict:
    """The notebook as sphinx-gallery wrote it: the file itself when sphinx-gallery has
    (re)written it since our last conversion, else the copy kept beside it."""
    current = path.read_bytes()
    kept = path.with_name(path.stem + AS_WRITTEN_SUFFIX)
    if kept.is_file():
        record = json.loads(kept.read_text(encoding="utf-8"))
        if record.get("converted_sha256") == hashlib.sha256(current).hexdigest():
            return record["notebook"]
    return json.loads(current)


def convert_gallery_notebook(path: Path, links: Links, docname: str) -> list[Problem]:
    """Convert ``<gallery>/<stem>.ipynb`` in place, always from sphinx-gallery's version."""
    original = _as_written(path)
    converted, problems = convert_notebook(original, links, docname)
    # Readers get the exercises' starter cells, never the solutions (:mod:`exercises`).
    exercises.to_starter_notebook(converted, docname)
    data = notebook_bytes(converted)
    if path.read_bytes() != data:
        path.write_bytes(data)
    record = {"converted_sha256": hashlib.sha256(data).hexdigest(), "notebook": original}
    path.with_name(path.stem + AS_WRITTEN_SUFFIX).write_text(json.dumps(record), encoding="utf-8")
    return problems


def gallery_notebooks(src_dir: Path, galleries: Iterable[str]) -> Iterator[tuple[Path, str]]:
    """``(notebook path, docname of its page)`` of every example notebook."""
    for gallery in galleries:
        for path in sorted((Path(src_dir) / gallery).rglob("*.ipynb")):
            if "images" in path.relative_to(Path(src_dir) / gallery).parts:
                continue
            yield path, path.relative_to(src_dir).with_suffix("").as_posix()


def refresh_archive(archive: Path, notebooks_dir: Path) -> bool:
    """Replace each notebook in ``archive`` by the file of the same relative path under
    ``notebooks_dir`` (sphinx-gallery zipped the notebooks before they were converted)."""
    with zipfile.ZipFile(archive) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    changed = False
    refreshed = []
    for info, data in members:
        source = notebooks_dir / info.filename
        if info.filename.endswith(".ipynb") and source.is_file():
            new = source.read_bytes()
            changed |= new != data
            data = new
        refreshed.append((info, data))
    if changed:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as new_zip:
            for info, data in refreshed:
                new_zip.writestr(info, data)
        archive.write_bytes(buffer.getvalue())
    return changed


def write_course_archive(src_dir: Path, galleries: Iterable[str], target: Path) -> list[str]:
    """One zip of every example of every gallery, ``.py`` and ``.ipynb``, under
    ``<archive name>/<gallery>/``; written only when its content changes."""
    top = target.stem
    names = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for notebook, docname in gallery_notebooks(src_dir, galleries):
            for path in (notebook.with_suffix(".py"), notebook):
                if path.is_file():
                    name = f"{top}/{docname}{path.suffix}"
                    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, path.read_bytes())
                    names.append(name)
    data = buffer.getvalue()
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)
    return names


def publish_markdown_notebooks(src_dir: Path, galleries: list[str], links: Links) -> tuple[int, list[Problem]]:
    """Convert every example notebook of the galleries in ``src_dir``, refresh the zips
    that hold them and rewrite the course archive; the notebooks converted, and the
    problems."""
    problems: list[Problem] = []
    notebooks = list(gallery_notebooks(src_dir, galleries))
    for path, docname in notebooks:
        problems += convert_gallery_notebook(path, links, docname)
    for gallery in galleries:
        for archive in sorted((Path(src_dir) / gallery).rglob("*.zip")):
            refresh_archive(archive, Path(src_dir) / gallery)
    write_course_archive(src_dir, galleries, Path(src_dir) / COURSE_ARCHIVE)
    return len(notebooks), problems


COURSE_DOWNLOAD = """
{indent}.. container:: sphx-glr-download sphx-glr-download-course

{indent}  :download:`Download the whole course, every gallery in Python and Jupyter notebooks: {name} </{name}>`
"""
_JUPYTER_DOWNLOAD = re.compile(r"^(?P<indent>[ \t]*)\.\. container:: sphx-glr-download sphx-glr-download-jupyter\n"
                               r"(?:[ \t]*\n|(?P=indent)[ \t]+\S.*\n)*", re.MULTILINE)


def with_course_download(index_rst: str, name: str = COURSE_ARCHIVE) -> str | None:
    """A gallery index with the course archive offered after sphinx-gallery's two
    download-all buttons, in the same footer; None when the index has no such footer."""
    match = _JUPYTER_DOWNLOAD.search(index_rst)
    if not match:
        return None
    block = COURSE_DOWNLOAD.format(indent=match["indent"], name=name)
    return index_rst[: match.end()] + block.lstrip("\n") + "\n" + index_rst[match.end():]


def main(argv: list[str] | None = None) -> int:
    """``python notebook_markdown.py NOTEBOOK...``: count the raw reST constructs."""
    total: Counter = Counter()
    paths = [Path(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    for path in paths:
        found = count(scan_notebook(json.loads(path.read_text(encoding="utf-8"))))
        total.update(found)
        print(f"{path}: {sum(found.values())} {dict(sorted(found.items()))}")
    print(f"{len(paths)} notebooks: {sum(total.values())} raw reST constructs {dict(sorted(total.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
