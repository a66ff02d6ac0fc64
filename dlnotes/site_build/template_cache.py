"""Reuse the theme's compiled Jinja templates between the rebuilds of one process (``mkdocs serve``).

MkDocs makes a new Jinja environment for each build, and the first page compiles Material's
templates afresh: about a tenth of a rebuild under ``make serve``. Jinja's own answer is a
bytecode cache: `MemoryBytecodeCache` keeps the compiled code in this process, and Jinja
itself checks, on each load, a checksum of the template's source against the one the code was
compiled from, so an edited template (``overrides/``) compiles again. The environment's
syntax settings and extensions are part of the key, since the code depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


def environment_key(env: Environment) -> str:
    """What compiled code depends on in an environment besides the template: its syntax and extensions."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?")
    settings = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        autoescape,
        sorted(env.extensions),
    )
    return repr(settings)


@dataclass
class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in memory, by environment settings and template; Jinja rejects stale code itself."""

    code: dict[tuple[str, str], bytes] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def load_bytecode(self, bucket: Bucket) -> None:
        held = self.code.get((environment_key(bucket.environment), bucket.key))
        if held is not None:
            bucket.bytecode_from_string(held)  # resets the bucket if the source's checksum differs
        if bucket.code is None:
            self.misses += 1
        else:
            self.hits += 1

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[(environment_key(bucket.environment), bucket.key)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.code.clear()


# One per process: `mkdocs serve` makes a new environment for each rebuild, but keeps this module.
CACHE = MemoryBytecodeCache()


def reuse_compiled(env: Environment, cache: MemoryBytecodeCache | None = None) -> None:
    """Make ``env`` load compiled templates from ``cache`` (this process's by default), unless it has a cache of its own."""
    if env.bytecode_cache is None:
        env.bytecode_cache = CACHE if cache is None else cache
