"""Reading what the user typed: folded words, reference tokens, and a clear message for a
query that cannot be searched."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dvcq.text import reference_tokens, strip_references, words

MAX_LENGTH = 200  # characters a query may have
MAX_WORDS = 10


class QueryError(ValueError):
    """A query that cannot be searched; ``str()`` is the message for the user."""


@dataclass
class ParsedQuery:
    words: list[str]  # folded free words, matched as whole words or prefixes
    tokens: list[str] = field(default_factory=list)  # reference tokens, matched exactly
    highlight: set[str] = field(default_factory=set)  # folded words to mark in results

    @property
    def terms(self) -> list[str]:
        return self.words + self.tokens


def parse(raw: str) -> ParsedQuery:
    text = (raw or "").strip()
    if not text:
        raise QueryError(_("Hãy nhập từ cần tìm."))
    if len(text) > MAX_LENGTH:
        raise QueryError(
            _("Nội dung tìm kiếm quá dài (tối đa %(n)s ký tự). Hãy nhập ít từ hơn.")
            % {"n": MAX_LENGTH}
        )
    tokens = reference_tokens(text)
    free = words(strip_references(text))
    if not tokens and not free:
        raise QueryError(_("Nội dung tìm kiếm chỉ có dấu câu. Hãy nhập chữ hoặc số."))
    if len(tokens) + len(free) > MAX_WORDS:
        raise QueryError(
            _("Nội dung tìm kiếm có quá nhiều từ (tối đa %(n)s từ).") % {"n": MAX_WORDS}
        )
    return ParsedQuery(words=free, tokens=tokens, highlight=set(words(text)))
