"""Azure naming rules for the entities bindings name: containers, blobs, queues, tables, Event Hubs
and Service Bus entities (H-35, H-37).

The rules are the services' own (the `templates_validator_regex` values in the reference data
agree on characters and edges; where they cap lengths below the service limit, the service limit
is used so that valid names are not flagged). A value containing `%Setting%` or `{token}`
expressions is checked only where it can be: the characters of its literal parts, the first and
last character when they are literal, and lengths that the literal parts alone already exceed.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

from funcls.core.values.expressions import LiteralText, ParsedValue, parse_expressions
from funcls.core.values.issue import ValueIssue

_LOWER_DIGITS = frozenset(string.ascii_lowercase + string.digits)
_ALNUM = frozenset(string.ascii_letters + string.digits)
_LETTERS = frozenset(string.ascii_letters)
_DEAD_LETTER = "/$deadletterqueue"


@dataclass(frozen=True, kw_only=True)
class NamingError(ValueIssue):
    """A name (or part of a path) that the service or the binding would reject."""


@dataclass(frozen=True)
class _Rule:
    kind: str
    noun: str
    min_len: int
    max_len: int
    chars: frozenset[str]
    chars_text: str
    edge: frozenset[str]
    edge_text: str
    first: frozenset[str] | None = None
    first_text: str = ""
    single_hyphens: bool = False
    reserved: frozenset[str] = frozenset()
    specials: frozenset[str] = frozenset()
    lowercase: bool = False
    specials_ignore_case: bool = False


CONTAINER_RULE = _Rule(
    kind="Container names",
    noun="container name",
    min_len=3,
    max_len=63,
    chars=_LOWER_DIGITS | {"-"},
    chars_text="lowercase letters, digits and hyphens",
    edge=_LOWER_DIGITS,
    edge_text="a lowercase letter or a digit",
    single_hyphens=True,
    specials=frozenset({"$root", "$logs", "$web"}),
    lowercase=True,
)
QUEUE_RULE = _Rule(
    kind="Queue names",
    noun="queue name",
    min_len=3,
    max_len=63,
    chars=_LOWER_DIGITS | {"-"},
    chars_text="lowercase letters, digits and hyphens",
    edge=_LOWER_DIGITS,
    edge_text="a lowercase letter or a digit",
    single_hyphens=True,
    lowercase=True,
)
TABLE_RULE = _Rule(
    kind="Table names",
    noun="table name",
    min_len=3,
    max_len=63,
    chars=_ALNUM,
    chars_text="letters and digits",
    edge=_ALNUM,
    edge_text="a letter or a digit",
    first=_LETTERS,
    first_text="a letter",
    reserved=frozenset({"tables"}),
)
EVENT_HUB_RULE = _Rule(
    kind="Event Hub names",
    noun="Event Hub name",
    min_len=1,
    max_len=256,
    chars=_ALNUM | {".", "-", "_"},
    chars_text="letters, digits, '.', '-' and '_'",
    edge=_ALNUM,
    edge_text="a letter or a digit",
)
CONSUMER_GROUP_RULE = _Rule(
    kind="Consumer group names",
    noun="consumer group name",
    min_len=1,
    max_len=50,
    chars=_ALNUM | {".", "-", "_"},
    chars_text="letters, digits, '.', '-' and '_'",
    edge=_ALNUM,
    edge_text="a letter or a digit",
    specials=frozenset({"$Default"}),
    # Event Hubs entity names are case-insensitive: '$default' is the default group too.
    specials_ignore_case=True,
)
SERVICE_BUS_ENTITY_RULE = _Rule(
    kind="Service Bus queue and topic names",
    noun="Service Bus entity name",
    min_len=1,
    max_len=260,
    chars=_ALNUM | {".", "-", "_", "/"},
    chars_text="letters, digits, '.', '-', '_' and '/'",
    edge=_ALNUM,
    edge_text="a letter or a digit",
)
SUBSCRIPTION_RULE = _Rule(
    kind="Service Bus subscription names",
    noun="Service Bus subscription name",
    min_len=1,
    max_len=50,
    chars=_ALNUM | {".", "-", "_"},
    chars_text="letters, digits, '.', '-' and '_'",
    edge=_ALNUM,
    edge_text="a letter or a digit",
)


def _pieces(parsed: ParsedValue, lo: int, hi: int) -> list[tuple[bool, int, int]]:
    """(is_literal, start, end) for the parts of the value inside [lo, hi), clipped."""
    out: list[tuple[bool, int, int]] = []
    for part in parsed.parts:
        s, e = max(part.start, lo), min(part.end, hi)
        if s >= e:
            continue
        out.append((isinstance(part, LiteralText), s, e))
    return out


def _runs(text: str, s: int, e: int, bad: Callable[[str], bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = s
    while i < e:
        if bad(text[i]):
            j = i
            while j < e and bad(text[j]):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _lowered(text: str, parsed: ParsedValue, lo: int, hi: int) -> str:
    """The value with its literal characters in [lo, hi) lower-cased."""
    chars = list(text)
    for literal, s, e in _pieces(parsed, lo, hi):
        if literal:
            for i in range(s, e):
                chars[i] = chars[i].lower()
    return "".join(chars)


def _check(
    text: str,
    parsed: ParsedValue,
    lo: int,
    hi: int,
    rule: _Rule,
    what: tuple[str, str] | None = None,
) -> list[NamingError]:
    """Apply `rule` to text[lo:hi] (part of `text`, already split into expressions).

    Over 80 lines on purpose: one pass over the rule's tests in a fixed order (specials,
    length, characters, doubled hyphens, first and last character, reserved names), all
    reading the same split of the value into literal and expression pieces.
    """
    label, singular = what or (rule.kind, rule.noun)
    article = "An" if singular[0].lower() in "aeiou" else "A"
    value = text[lo:hi]
    if value in rule.specials or (
        rule.specials_ignore_case and value.lower() in {v.lower() for v in rule.specials}
    ):
        return []
    pieces = _pieces(parsed, lo, hi)
    has_expr = any(not literal for literal, _, _ in pieces)
    errors: list[NamingError] = []
    literal_len = sum(e - s for literal, s, e in pieces if literal)
    if not has_expr and not (rule.min_len <= hi - lo <= rule.max_len):
        errors.append(
            NamingError(
                start=lo,
                end=hi,
                code="naming.length",
                message=(
                    f"{label} must be {rule.min_len} to {rule.max_len} characters long; "
                    f"'{value}' has {hi - lo}."
                ),
            )
        )
    elif has_expr and literal_len > rule.max_len:
        errors.append(
            NamingError(
                start=lo,
                end=hi,
                code="naming.length",
                message=f"{label} can be at most {rule.max_len} characters long.",
            )
        )
    only_case = True
    bad_runs: list[tuple[int, int]] = []
    for literal, s, e in pieces:
        if literal:
            bad_runs.extend(_runs(text, s, e, lambda ch: ch not in rule.chars))
    for s, e in bad_runs:
        run = text[s:e]
        if not (
            rule.lowercase and run.lower() != run and all(c.lower() in rule.chars for c in run)
        ):
            only_case = False
    if bad_runs:
        # One problem per value, naming every character at fault (not one per run).
        suggestion = None
        if rule.lowercase and only_case:
            suggestion = _lowered(text, parsed, lo, hi)
        if only_case:
            detail = "uppercase letters are not allowed"
        else:
            chars: dict[str, None] = {}
            for s, e in bad_runs:
                for ch in text[s:e]:
                    chars.setdefault(ch, None)
            listed = ", ".join(f"'{ch}'" for ch in chars)
            detail = f"{listed} {'is' if len(chars) == 1 else 'are'} not allowed"
        errors.append(
            NamingError(
                start=bad_runs[0][0],
                end=bad_runs[-1][1],
                code="naming.characters",
                message=f"{label} can contain only {rule.chars_text}; {detail}.",
                suggestion=suggestion,
            )
        )
    if rule.single_hyphens:
        for literal, s, e in pieces:
            if not literal:
                continue
            i = text.find("--", s, e)
            if i >= 0:
                errors.append(
                    NamingError(
                        start=i,
                        end=i + 2,
                        code="naming.hyphens",
                        message=f"{label} cannot contain two hyphens in a row.",
                    )
                )
    if pieces and hi > lo:
        first_literal, first_s, _ = pieces[0]
        if first_literal:
            ch = text[first_s]
            allowed = rule.first if rule.first is not None else rule.edge
            allowed_text = rule.first_text if rule.first is not None else rule.edge_text
            if ch in rule.chars and ch not in allowed:
                errors.append(
                    NamingError(
                        start=first_s,
                        end=first_s + 1,
                        code="naming.edge",
                        message=f"{article} {singular} must start with {allowed_text}.",
                    )
                )
        last_literal, _, last_e = pieces[-1]
        if last_literal and hi - lo > 1:
            ch = text[last_e - 1]
            if ch in rule.chars and ch not in rule.edge:
                errors.append(
                    NamingError(
                        start=last_e - 1,
                        end=last_e,
                        code="naming.edge",
                        message=f"{article} {singular} must end with {rule.edge_text}.",
                    )
                )
    if not has_expr and value.lower() in rule.reserved:
        errors.append(
            NamingError(
                start=lo,
                end=hi,
                code="naming.reserved",
                message=f"'{value}' is a reserved name and cannot be used.",
            )
        )
    errors.sort(key=lambda e: (e.start, e.end))
    return errors


def _expression_errors(parsed: ParsedValue) -> list[NamingError]:
    return [
        NamingError(start=e.start, end=e.end, code=e.code, message=e.message) for e in parsed.errors
    ]


def _check_value(text: str, rule: _Rule) -> list[NamingError]:
    parsed = parse_expressions(text)
    if parsed.errors:
        return _expression_errors(parsed)
    return _check(text, parsed, 0, len(text), rule)


def check_container_name(text: str) -> list[NamingError]:
    """Blob container names: 3-63 lowercase letters, digits and single hyphens, starting and
    ending with a letter or digit (`$root`, `$logs` and `$web` are also valid)."""
    return _check_value(text, CONTAINER_RULE)


def check_queue_name(text: str) -> list[NamingError]:
    """Storage queue names: 3-63 lowercase letters, digits and single hyphens, starting and
    ending with a letter or digit.

    The queue extension lower-cases the name before it validates or uses it ("must be lowercase.
    coerce here to be nice.": Azure/azure-sdk-for-net sdk/storage/
    Microsoft.Azure.WebJobs.Extensions.Storage.Queues/src/Config/QueuesExtensionConfigProvider.cs
    at d2ac0d96fc1f, and QueueTriggerAttributeBindingProvider.cs; the same in extension 4.x,
    Azure/azure-webjobs-sdk at f79ea0bf), so capitals are not a mistake: only the rest is checked.
    """
    lowered = "".join(c.lower() if c.isascii() else c for c in text)  # ToLowerInvariant, ASCII
    return _check_value(lowered, QUEUE_RULE)


def check_table_name(text: str) -> list[NamingError]:
    """Storage table names: 3-63 letters and digits, starting with a letter; not `tables`."""
    return _check_value(text, TABLE_RULE)


def check_event_hub_name(text: str) -> list[NamingError]:
    """Event Hub names: 1-256 letters, digits, '.', '-', '_', starting and ending with a letter
    or digit."""
    return _check_value(text, EVENT_HUB_RULE)


def check_consumer_group(text: str) -> list[NamingError]:
    """Event Hub consumer groups: `$Default` or 1-50 letters, digits, '.', '-', '_', starting and
    ending with a letter or digit."""
    return _check_value(text, CONSUMER_GROUP_RULE)


def _strip_dead_letter(text: str) -> int:
    """Length of the entity name before a `/$DeadLetterQueue` suffix (or the whole length)."""
    if text.lower().endswith(_DEAD_LETTER):
        return len(text) - len(_DEAD_LETTER)
    return len(text)


def check_service_bus_queue_name(text: str) -> list[NamingError]:
    """Service Bus queue names: 1-260 letters, digits, '.', '-', '_', '/', starting and ending
    with a letter or digit; a trigger may add `/$DeadLetterQueue`."""
    parsed = parse_expressions(text)
    if parsed.errors:
        return _expression_errors(parsed)
    return _check(
        text,
        parsed,
        0,
        _strip_dead_letter(text),
        SERVICE_BUS_ENTITY_RULE,
        ("Service Bus queue names", "Service Bus queue name"),
    )


def check_service_bus_topic_name(text: str) -> list[NamingError]:
    """Service Bus topic names: 1-260 letters, digits, '.', '-', '_', '/', starting and ending
    with a letter or digit."""
    parsed = parse_expressions(text)
    if parsed.errors:
        return _expression_errors(parsed)
    what = ("Service Bus topic names", "Service Bus topic name")
    return _check(text, parsed, 0, len(text), SERVICE_BUS_ENTITY_RULE, what)


def check_service_bus_subscription_name(text: str) -> list[NamingError]:
    """Service Bus subscription names: 1-50 letters, digits, '.', '-', '_', starting and ending
    with a letter or digit; a trigger may add `/$DeadLetterQueue`."""
    parsed = parse_expressions(text)
    if parsed.errors:
        return _expression_errors(parsed)
    return _check(text, parsed, 0, _strip_dead_letter(text), SUBSCRIPTION_RULE)


def check_blob_path(text: str, *, trigger: bool = False) -> list[NamingError]:
    """A blob binding `path`: `container/blob` (H-35).

    For a `blobTrigger` (`trigger=True`) the path may be a container alone and the container
    cannot hold `{token}` expressions. For `blob` input/output bindings the path needs a '/',
    unless it is a single expression (a blob URL) or an absolute URL. The container part is
    checked with the container naming rules; the blob part, when it has no expressions, must be
    1-1024 characters, not end with '.' or '/' and not contain '\\'.
    """
    parsed = parse_expressions(text)
    if parsed.errors:
        return _expression_errors(parsed)
    if not trigger and text.lower().startswith(("https://", "http://")):
        return []
    slash = -1
    for part in parsed.parts:
        if isinstance(part, LiteralText):
            i = text.find("/", part.start, part.end)
            if i >= 0:
                slash = i
                break
    fmt = (
        f"Invalid blob path '{text}': paths must have the form 'container/blob', for example "
        "'samples/{name}'."
    )
    if slash < 0:
        if trigger:
            return _check(text, parsed, 0, len(text), CONTAINER_RULE) + _trigger_container(
                parsed, len(text)
            )
        if len(parsed.tokens) == 1 and not parsed.settings:
            return []
        return [NamingError(start=0, end=len(text), code="naming.blob-path", message=fmt)]
    if slash == 0 or slash == len(text) - 1:
        return [NamingError(start=0, end=len(text), code="naming.blob-path", message=fmt)]
    errors = _check(text, parsed, 0, slash, CONTAINER_RULE)
    if trigger:
        errors.extend(_trigger_container(parsed, slash))
    blob_pieces = _pieces(parsed, slash + 1, len(text))
    if all(literal for literal, _, _ in blob_pieces):
        blob = text[slash + 1 :]
        if len(blob) > 1024:
            errors.append(
                NamingError(
                    start=slash + 1,
                    end=len(text),
                    code="naming.blob-name",
                    message="A blob name can be at most 1024 characters long.",
                )
            )
        if blob.endswith("."):
            errors.append(
                NamingError(
                    start=len(text) - 1,
                    end=len(text),
                    code="naming.blob-name",
                    message="A blob name cannot end with '.'.",
                )
            )
        if "\\" in blob:
            i = text.index("\\", slash + 1)
            errors.append(
                NamingError(
                    start=i,
                    end=i + 1,
                    code="naming.blob-name",
                    message="A blob name cannot contain '\\'; use '/' for virtual folders.",
                )
            )
    errors.sort(key=lambda e: (e.start, e.end))
    return errors


def _trigger_container(parsed: ParsedValue, end: int) -> list[NamingError]:
    return [
        NamingError(
            start=token.start,
            end=token.end,
            code="naming.trigger-container-token",
            message=(
                "A blob trigger's container cannot contain {token} expressions; name the "
                "container, or use %AppSetting%."
            ),
        )
        for token in parsed.tokens
        if token.end <= end
    ]
