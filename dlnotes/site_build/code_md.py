r"""A Python-Markdown extension that trims and regroups the HTML of highlighted code blocks.

**Inert token spans go.** Pygments wraps every token in a span, and on a long page those
spans were a third of all elements, each styled and laid out by the reader's browser. A name
(``n``) takes Material's name colour, which is the code's own colour in both palettes;
``dlnotes.css`` gives operators (``o``, ``ow``) and punctuation (``p``) that colour too; and
whitespace (``w``) has no rule at all. Their spans change nothing on screen, so the build
keeps their text and drops the span (:data:`INERT`; ``tests/site_build/test_code_md.py``
checks against Material's stylesheets and ours that these classes stay so).

**A session's output lines become units.** Pygments closes every token before the end of
its line, so an output line of a ``pycon`` block comes out as ``<span class="go">0.5</span>``
followed by a bare newline, and a traceback's last line as ``<span class="gr">ValueError</span>:
message``. CSS that hides ``.go`` while the copy button reads the block (see ``dlnotes.css``)
then leaves a blank line for each output line, and copies a traceback's ``...`` and
``ValueError: ...`` as if they were code. So every line of a session that does not start
with a prompt, newline included, is wrapped in one ``<span class="go">`` (Generic.Output:
what the session printed); hiding ``.go`` removes whole lines and the copy is exactly the code:

>>> import markdown
>>> html = markdown.markdown("```pycon\n>>> print(1 / x)\nTraceback (most recent call last):\n"
...                          "ZeroDivisionError: division by zero\n```",
...                          extensions=["pymdownx.superfences", "pymdownx.highlight", "dlnotes_code"],
...                          extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}})
>>> print(html[html.index("<code>"):])
<code><span class="gp">&gt;&gt;&gt; </span><span class="nb">print</span>(<span class="mi">1</span> / x)
<span class="go"><span class="gt">Traceback (most recent call last):</span>
</span><span class="go"><span class="gr">ZeroDivisionError</span>: division by zero
</span></code></pre></div>

Blocks with highlighted lines or line numbers keep their lines as Pygments made them (their
lines are already wrapped, or laid out in a table).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

#: Pygments' classes whose spans draw nothing of their own on this site: the code's own colour, or no rule.
INERT = ("n", "w", "o", "ow", "p")
INERT_SPAN = re.compile(r'<span class="(?:' + "|".join(INERT) + r')">([^<]*)</span>')
BLOCK = re.compile(r'(<div class="([^"]*)\bhighlight">(?:(?!</div>).)*?<code>)(.*?)(</code>)', re.S)
OUTPUT = re.compile(r'<span class="go">([^<]*)</span>')
PROMPT = '<span class="gp">'


def unwrap_inert(code: str) -> str:
    """The inner HTML of a highlighted <code>, the spans of :data:`INERT` classes replaced by their text."""
    return INERT_SPAN.sub(r"\1", code)


def wrap_output_lines(code: str) -> str:
    """The inner HTML of a pycon block's <code>, with each line that is not input wrapped whole in .go."""
    if 'class="hll"' in code or 'class="linenos"' in code:
        return code
    ends = code.endswith("\n")
    lines = code.split("\n")
    if ends:
        lines.pop()
    wrapped = []
    for number, line in enumerate(lines, 1):
        newline = "\n" if ends or number < len(lines) else ""
        output = OUTPUT.fullmatch(line)
        if line.startswith(PROMPT):
            wrapped.append(line + newline)
        else:
            wrapped.append(f'<span class="go">{output.group(1) if output else line}{newline}</span>')
    return "".join(wrapped)


def _regroup(match: re.Match[str]) -> str:
    code = unwrap_inert(match.group(3))
    if "language-pycon" in match.group(2).split():
        code = wrap_output_lines(code)
    return match.group(1) + code + match.group(4)


class _Regroup(Postprocessor):
    def run(self, text: str) -> str:
        if "highlight" not in text:
            return text
        return BLOCK.sub(_regroup, text)


class CodeExtension(Extension):
    """Drops the spans of inert tokens and wraps each output line of a ``pycon`` block in ``<span class="go">``."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After raw HTML, where highlighted blocks wait, is put back (30).
        md.postprocessors.register(_Regroup(md), "dlnotes_code", 20)


def makeExtension(**kwargs: Any) -> CodeExtension:
    return CodeExtension(**kwargs)
