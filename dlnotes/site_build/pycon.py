r"""A Python-Markdown extension that makes each line of a highlighted ``pycon`` session one unit.

Pygments closes every token before the end of its line, so an output line comes out as
``<span class="go">0.5</span>`` followed by a bare newline, and a traceback's last line as
``<span class="gr">ValueError</span>: message``. CSS that hides ``.go`` while the copy
button reads the block (see ``dlnotes.css``) then leaves a blank line for each output
line, and copies a traceback's ``...`` and ``ValueError: ...`` as if they were code.

This extension wraps every line of a session that does not start with a prompt, newline
included, in one ``<span class="go">`` (Generic.Output: what the session printed), so
hiding ``.go`` removes whole lines and the copy is exactly the code:

>>> import markdown
>>> html = markdown.markdown("```pycon\n>>> 1 / 0\nTraceback (most recent call last):\n"
...                          "ZeroDivisionError: division by zero\n```",
...                          extensions=["pymdownx.superfences", "pymdownx.highlight", "dlnotes_pycon"],
...                          extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}})
>>> print(html[html.index("<code>"):])
<code><span class="gp">&gt;&gt;&gt; </span><span class="mi">1</span> <span class="o">/</span> <span class="mi">0</span>
<span class="go"><span class="gt">Traceback (most recent call last):</span>
</span><span class="go"><span class="gr">ZeroDivisionError</span>: <span class="n">division by zero</span>
</span></code></pre></div>

Blocks with highlighted lines or line numbers are left as Pygments made them (their
lines are already wrapped, or laid out in a table).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

BLOCK = re.compile(r'(<div class="language-pycon highlight">(?:(?!</div>).)*?<code>)(.*?)(</code>)', re.S)
OUTPUT = re.compile(r'<span class="go">([^<]*)</span>')
PROMPT = '<span class="gp">'


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


class _WrapOutput(Postprocessor):
    def run(self, text: str) -> str:
        if "language-pycon" not in text:
            return text
        return BLOCK.sub(lambda m: m.group(1) + wrap_output_lines(m.group(2)) + m.group(3), text)


class PyconExtension(Extension):
    """Wraps each output line of a ``pycon`` block, newline included, in ``<span class="go">``."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After raw HTML, where highlighted blocks wait, is put back (30).
        md.postprocessors.register(_WrapOutput(md), "dlnotes_pycon", 20)


def makeExtension(**kwargs: Any) -> PyconExtension:
    return PyconExtension(**kwargs)
