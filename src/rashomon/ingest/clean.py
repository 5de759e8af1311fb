"""Cleaning scraped news text: the body every later stage reads.

Entry function: :func:`clean_text`. It works line by line on the raw text and
applies small named rules in a fixed order; every line a rule takes out becomes a
:class:`~rashomon.model.Removed` with offsets into the raw text, so nothing is
silently lost:

1. ``title``     — the first line, when it is a headline (or equals the given title);
2. ``sidebar``   — from a "Related articles" / "Popular" / ... heading past the body to the end;
3. ``credit``    — "Source: X", "Link: ...", "Via X", "(Reporting by ...)", "© 2017 X" at the end;
4. ``duplicate`` — a line of 20+ characters seen before (the later copies);
5. ``caption``   — photo captions and credits ("... (Photo: X)", "Image: X", "(AP Photo/X)");
6. ``sidebar``   — a teaser block inside the text: a "Don't miss" / "Read more" heading
   and the short headline lines under it;
7. ``share`` / ``navigation`` / ``boilerplate`` — share buttons, "Read more", "Advertisement", ...;
   promotion and contact sentences ("Follow X on Twitter", "Sign up for our newsletter",
   "Read more: <headline>", "Write to X at x@example.com"), bare URLs and timestamps.

Duplicates run before captions on purpose: a caption pasted twice loses its first
copy as ``caption`` and its second as ``duplicate``, so the count of duplicates says
how often something was pasted again. The sidebar runs first so that the repeated
teasers of a sidebar go with it as one piece.

Paragraphs of the result are separated by one blank line; lines inside a paragraph
are kept as they are (only stripped), never re-flowed. A removed line ends a paragraph.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rashomon.model import Removed

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# A headline is a first line of at most 200 characters: news headlines run 40-130
# characters (live-blog headlines with "(Updated 5)" reach ~140); a longer first
# line is a lead paragraph.
MAX_TITLE_CHARS = 200

# A sidebar heading counts only past this share of the text: in the first half a
# "Related" or "Latest news" line is more likely a section of the article (or a
# menu, handled as navigation). Long sidebars that start before the middle are
# caught by the other two signals: a credit line just before the heading (the
# article has ended) or a second sidebar heading right after it.
SIDEBAR_MIN_SHARE = 0.5

# Lines shorter than this may repeat legitimately ("Reaction", "Update", a
# one-word quote); from 20 characters on, a repeat is a pasted copy.
MIN_DUPLICATE_CHARS = 20

# Captions are one or two sentences; a longer line ending in "(Photo: X)" is a
# paragraph that merely credits a photo and is kept.
MAX_CAPTION_CHARS = 300

# Share/navigation lines are button labels: short. 80 characters holds
# "Click to share on WhatsApp (Opens in new window)" and "Follow us on Telegram".
MAX_BUTTON_CHARS = 80

# Promotion, contact and licence sentences ("Follow The Times on Facebook and
# Twitter.", "Get the latest updates in your inbox. Subscribe to our newsletters.")
# run to two sentences; a longer line that matches is a paragraph of the article.
MAX_PROMO_CHARS = 300

# A teaser block inside the text is a teaser heading and up to this many headline
# lines (no final full stop) of at most TEASER_MAX_CHARS each: outlets put three to
# six teasers in such a box.
TEASER_MAX_LINES = 8
TEASER_MAX_CHARS = 160
# ... and the box stands inside the article when the article goes on after it: the
# next line is prose (MIN_PROSE_CHARS or more, ending a sentence), and so are at
# least TEASER_PROSE_SHARE of the next TEASER_PROSE_WINDOW lines (and there are at
# least TEASER_PROSE_MIN of them). An article has a subheading now and then (~10% of
# its lines); a sidebar alternates headline and blurb (50%), so it does not pass.
TEASER_PROSE_WINDOW = 10
TEASER_PROSE_MIN = 3
TEASER_PROSE_SHARE = 0.75
MIN_PROSE_CHARS = 40

# Trailing credit blocks: "Source", "Link", "(Reporting by; Editing by)", "©": at
# most a handful of lines; stop looking after this many.
MAX_CREDIT_LINES = 6

# --------------------------------------------------------------------------- patterns

_SIDEBAR_HEADING = re.compile(
    r"""(?:related(?:\s+(?:articles?|stories|news|content|posts|coverage|reading|topics))?
      |(?:most\s+)?popular(?:\s+(?:stories|articles|news|now|posts))?
      |most\s+(?:read|viewed|shared|commented|emailed|recent)(?:\s+(?:stories|articles|news))?(?:\s+(?:in|on|from)\s+.{1,40})?
      |editor['’]?s['’]?\s+(?:choice|picks?)
      |read\s+(?:also|next|more\s+(?:stories|news|articles))|also\s+read|see\s+also|further\s+reading
      |more\s+(?:from|on|in|stories|news|articles)(?:\s+\S+){0,5}
      |recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?
      |you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in|have\s+missed)
      |trending(?:\s+(?:now|stories|news|topics))?
      |latest(?:\s+(?:news|stories|articles|headlines|posts|videos))?
      |top\s+(?:stories|news)|other\s+news|in\s+other\s+news)\s*:?""",
    re.IGNORECASE | re.VERBOSE,
)

_CREDIT = re.compile(
    r"""(?:(?:sources?|credits?|link|url)\s*[:|]\s*\S.*
      |via\s*:?\s+\S.{0,80}
      |\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+by\s+.+?\)?
      |(?:©|\(c\)|copyright\b).{0,120}
      |all\s+rights\s+reserved\.?
      |.{1,120}?\s+contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?
      |(?:this\s+(?:article|story|report)\s+)?(?:was\s+|is\s+)?(?:originally|first)\s+(?:published|appeared)\s+(?:on|in|at|by)\s+.{1,120})""",
    re.IGNORECASE | re.VERBOSE,
)

_CAPTION = re.compile(
    r"""(?:^(?:photo(?:graph)?s?|image|picture|pic|caption|illustration|file\s+photo|photo\s+credit|video)\s*(?:credit\s*)?[:/|]\s*\S
      |^(?:photo(?:graph)?|image|picture)\s+(?:by|courtesy\s+of|from)\s+\S
      |\((?:[A-Z][\w.&-]*\s+){0,2}(?:photo(?:graph)?s?|image|picture|pic|file\s+photo|illustration|video)\b[^()]*\)\s*$
      |[|–—-]\s*(?:photo(?:graph)?|image|picture)\s*(?:credit)?\s*:\s*[^.]{1,80}$
      |\bgetty\s+images\s*\)?\s*$)""",
    re.IGNORECASE | re.VERBOSE,
)

_SHARE = re.compile(
    r"""(?:share(?:\s+(?:this|the|on|via|with)(?:\s+\w+){0,3})?\s*:?
      |(?:click\s+to\s+)?(?:share|post|send)\s+(?:on|to|via)\s+\w+(?:\s*\(opens\s+in\s+new\s+window\))?
      |tweet(?:\s+this)?|pin\s+it|copy\s+link|link\s+copied|like\s+this\s*:|like\s+loading\.*
      |print(?:\s+(?:this|article|page|story)(?:\s+(?:article|page|story))?)?
      |e-?mail(?:\s+(?:this|article|story|to\s+a\s+friend)(?:\s+(?:article|story))?)?
      |(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|viber|vk|email|e-mail|messenger|print|flipboard)[\s|,·•/]*){1,12})""",
    re.IGNORECASE | re.VERBOSE,
)

_NAVIGATION = re.compile(
    r"""(?:read\s+more\s*[»>.…]*|continue\s+reading\s*[»>.…]*|read\s+(?:the\s+)?full\s+(?:story|article)
      |follow\s+us(?:\s+on\s+.{1,60})?|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|(?:go\s+to\s+)?top
      |home|menu|search|log\s*in|sign\s+in|register|previous(?:\s+(?:article|post|story))?|next(?:\s+(?:article|post|story))?
      |comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|view\s+comments|show\s+comments
      |listen\s+to\s+(?:this\s+)?article|\d+\s+min(?:ute)?s?\s+read|tags?\s*:.{0,120}|topics?\s*:.{0,120}
      |text\s+size|font\s+size|post\s+(?:a\s+)?comments?(?:\s*\(\+\))?|tell\s+us\s+what\s+you\s+think\W*)""",
    re.IGNORECASE | re.VERBOSE,
)

_BOILERPLATE = re.compile(
    r"""(?:advertisement|advertising|ad|sponsored(?:\s+content)?|promoted(?:\s+content)?
      |subscribe(?:\s+(?:to|for|now|today).{0,60})?|sign\s+up(?:\s+(?:to|for)\s+.{1,60})?
      |(?:get\s+(?:our|the)\s+)?newsletter.{0,60}|download\s+(?:our|the)\s+app.{0,40}
      |support\s+(?:our|independent)\s+journalism.{0,60}|donate(?:\s+now)?)""",
    re.IGNORECASE | re.VERBOSE,
)

_SOCIAL = (r"(?:twitter|facebook|instagram|youtube|linkedin|telegram|tiktok|threads|mastodon|bluesky|whatsapp"
           r"|flipboard|snapchat|reddit|x)")

# Sentences that promote, ask for contact or state a licence: (pattern, reason). Each
# is anchored at the start of the line and needs the words that make it a promotion,
# so that an article sentence which merely mentions Twitter or a newsletter stays.
_PROMO = tuple(
    (re.compile(pattern, re.IGNORECASE | re.VERBOSE), reason)
    for pattern, reason in (
        # "Read more: <headline>", "RELATED: ...", "See also: ...", "MORE: ..."
        (r"(?:read\s+(?:more|also|next|this)|related(?:\s+(?:articles?|stories|news|content|coverage|reading))?"
         r"|see\s+also|also\s+read|more|watch|listen|most\s+read)\s*:\s*\S.*", "navigation"),
        # "Follow The Times Opinion section on Facebook, Twitter and Instagram."
        (rf"(?:and\s+)?follow\s+(?:\S+\s+){{0,8}}?(?:on|at|via)\s+{_SOCIAL}\b.*", "boilerplate"),
        (rf"(?:like|find|join)\s+us\s+on\s+{_SOCIAL}\b.*", "boilerplate"),
        # an author's note ending in "Follow him on Twitter @x."
        (rf".{{0,200}}?[.!?]\s+follow\s+(?:him|her|them|us|me)\s+(?:on|at|via)\s+{_SOCIAL}\b.*", "boilerplate"),
        # "Follow AP's full coverage of the election at https://..."
        (r"follow\s+.{1,80}?\b(?:coverage|updates|live\s+blog)\b.{0,120}", "boilerplate"),
        (r"if\s+you\s+(?:enjoyed|liked|value|appreciate)\s+(?:this|our|reading)\b.*", "boilerplate"),
        # "Email Jane Roe at jroe@example.com or follow her @jroe", "Write to X at x@y.com"
        (r"(?:e-?mail|write\s+to|contact|reach)\s+.{1,80}?\s+(?:at|on|via)\s+\S+@\S+.*", "boilerplate"),
        (r"(?:[\w.'’-]+\s+){1,4}(?:may|can)\s+be\s+(?:reached|contacted)\s+(?:at|on|via)\s+.*", "boilerplate"),
        (r"(?:have\s+a\s+(?:news\s+)?tip|got\s+a\s+(?:news\s+)?tip|send\s+(?:us\s+)?(?:your\s+)?(?:news\s+)?tips?)\b.*",
         "boilerplate"),
        # "Click here to subscribe to ...", "CLICK HERE TO GET THE APP"
        (r"(?:click|tap)\s+here\s+(?:to|for)\b.*", "navigation"),
        # newsletters and subscriptions: the phrase must name what is subscribed to
        (r"(?:.{0,120}?[.!?]\s+)?(?:subscribe|sign\s+up|register)\b.{0,80}?"
         r"\b(?:newsletters?|inbox|e-?mail\s+(?:alerts|updates)|podcasts?|channel|our\s+\w+)\b.*", "boilerplate"),
        (r"(?:get|receive|have)\s+(?:the\s+|our\s+)?(?:latest|best|top|daily|breaking)\b.{0,80}?"
         r"\b(?:inbox|newsletters?|e-?mail)\b.*", "boilerplate"),
        (r"(?:get|download)\s+(?:the|our)\s+.{0,40}?\bapp\b.*", "boilerplate"),
        # affiliate and licence notices
        (r".{0,80}?\b(?:if|when)\s+you\s+(?:buy|purchase|click|shop)\b.{0,120}?"
         r"\b(?:commission|share\s+of\s+(?:the\s+)?sales?|affiliate|compensat\w+|earn)\b.*", "boilerplate"),
        (r".{0,120}?\bfor\s+your\s+personal,?\s+non-?commercial\s+use\s+only\b.*", "boilerplate"),
        (r"(?:order\s+)?reprints?(?:\s+(?:&|and)\s+permissions)?", "share"),
        # a bare address, or a short label and an address ("Listen: https://...")
        (r"(?!(?:sources?|credits?|link|url|via)\b)(?:[\w’' ]{1,20}:\s*)?(?:https?://|www\.)\S+", "navigation"),
        # a bare timestamp left from markup ("2019-11-19T08:57:40+01:00")
        (r"\d{4}-\d{2}-\d{2}(?:[T\s]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|\s?[+-]\d{2}:?\d{2})?)?", "boilerplate"),
    )
)

# Headings of teaser boxes set inside an article ("DON'T MISS", "Read more").
_TEASER_HEADING = re.compile(
    r"""(?:don['’]?t\s+miss|must\s+read|read\s+(?:more|also|next)|also\s+read|see\s+also|related(?:\s+(?:articles?|stories|news|content|coverage))?
      |more\s+(?:on\s+this(?:\s+story)?|stories|news)|recommended(?:\s+(?:for\s+you|stories|reading))?|you\s+(?:may|might)\s+(?:also\s+)?like
      |(?:most\s+)?popular(?:\s+(?:stories|articles|now))?|most\s+(?:read|viewed|shared)(?:\s+(?:in|on|from)\s+.{1,40})?
      |trending(?:\s+(?:now|stories))?|top\s+stories|editor['’]?s['’]?\s+(?:choice|picks?))\s*:?""",
    re.IGNORECASE | re.VERBOSE,
)

_BULLETS = " \t-–—•·|*>»"
_SPACES = re.compile(r"\s+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_SENTENCE_END = re.compile(r"[.;:,]$")
_SITE_SUFFIX = re.compile(r"\s*[|–—:·•»/-]\s*\S")
_PROSE_END = re.compile(r"[.!?][\"”’')]?$")
_HEADLINE_END_BAD = re.compile(r"[.;:,][\"”’']?$")  # a sentence, not a headline
_SECTION_PREFIX = re.compile(r"\S\s*[|–—:·•»/-]\s*$")
_BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of the raw text (without its newline) and where it lies."""

    index: int
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Cleaned:
    """The cleaned body, the headline taken out of it, and what was removed."""

    text: str
    title: str | None
    removed: tuple[Removed, ...]
    credits: tuple[str, ...]  # the trailing credit lines, in text order
    masthead: str | None = None  # the issuer named above a statement or page ("MINISTRY OF DEFENCE ...")


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    keep: Callable[[str], bool] | None = None,
    structured: bool = False,
) -> Cleaned:
    """Remove boilerplate from scraped news text, keeping offsets of every removal.

    Args:
        raw: the decoded text (for HTML: trafilatura's text).
        title: a title known from elsewhere (HTML metadata); the first line is
            removed as ``title`` when it repeats it. Without it, a headline first line
            (short, no final full stop, followed by a blank line) becomes the title.
        keep: a test for lines no rule may touch (live-blog update markers).
        structured: the text was extracted from markup (HTML), one block a paragraph:
            a repeated line is then only removed when it repeats the title or the
            paragraph just before it, since pages repeat lines on purpose (recipes,
            tables, a heading per section) while pasted text repeats them by accident.

    Returns:
        A :class:`Cleaned` whose ``removed`` offsets index ``raw``.

    Notes:
        Does not touch datelines ("KYIV (AP) —"): they stay in the text and are read
        by ``credits.py``.
    """
    lines = split_lines(raw)
    marks: dict[int, str] = {}
    protected = {ln.index for ln in lines if keep and ln.bare and keep(ln.bare)}
    removed: list[Removed] = []

    masthead, masthead_lines = _masthead(lines, protected)
    for index in masthead_lines:
        marks[index] = "masthead"
    found_title, title_index = _title_line([ln for ln in lines if ln.index not in marks], title, protected)
    if title_index is not None:
        marks[title_index] = "title"
    for first, last in _teaser_blocks(lines, marks, protected, len(raw.rstrip())):
        start, end = lines[first].start, lines[last].end
        start += len(lines[first].text) - len(lines[first].text.lstrip())
        end -= len(lines[last].text) - len(lines[last].text.rstrip())
        removed.append(Removed(reason="sidebar", start=start, end=end, text=raw[start:end]))
        for ln in lines[first : last + 1]:
            marks[ln.index] = "sidebar"
    sidebar = _sidebar_start(lines, marks, protected, len(raw.rstrip()))
    if sidebar is not None:
        start, end = lines[sidebar].start, [ln for ln in lines[sidebar:] if ln.bare][-1].end
        removed.append(Removed(reason="sidebar", start=start, end=end, text=raw[start:end]))
        for ln in lines[sidebar:]:
            marks[ln.index] = "sidebar"
    credits = _trailing_credits(lines, marks, protected)
    marks.update(_duplicate_lines(lines, marks, protected, title, structured=structured))
    for rule in (_caption_lines, _button_lines):
        marks.update(rule(lines, marks, protected, title))

    for index, reason in sorted(marks.items()):
        ln = lines[index]
        if reason != "sidebar" and ln.bare:
            start = ln.start + (len(ln.text) - len(ln.text.lstrip()))
            end = ln.start + len(ln.text.rstrip())
            removed.append(Removed(reason=reason, start=start, end=end, text=raw[start:end]))
    removed.sort(key=lambda r: r.start)
    logger.debug("removed: %s", dict(Counter(r.reason for r in removed)))
    return Cleaned(
        text=_assemble(lines, marks),
        title=title or found_title,
        removed=tuple(removed),
        credits=tuple(lines[i].bare for i in credits),
        masthead=masthead,
    )


def split_lines(raw: str) -> list[Line]:
    """The lines of ``raw`` with their offsets (newlines excluded)."""
    lines, start = [], 0
    for index, text in enumerate(raw.split("\n")):
        lines.append(Line(index, start, start + len(text), text))
        start += len(text) + 1
    return lines


def is_credit_line(text: str) -> bool:
    """A trailing credit: "Source: X", "Link: ...", "Via X", "(Reporting by X)", "© 2017 X"."""
    return bool(_CREDIT.fullmatch(text.strip()))


# --------------------------------------------------------------------------- rules


#: A masthead is a short block opening the text that names the issuer of a statement or
#: the site of a page: at most 3 lines of at most 80 characters, no sentence in them.
MASTHEAD_MAX_LINES = 3
MASTHEAD_MAX_CHARS = 80
_ISSUER = re.compile(r"\b(ministry|ministries|service|administration|office|government|department|command|"
                     r"relations|agency|press|embassy|mission|headquarters|staff|forces|council|presidency|"
                     r"secretariat|news|wire|daily|times|post|ledger|monitor|gazette|herald|tribune|radio|tv)\b", re.I)


def _masthead(lines: list[Line], protected: set[int]) -> tuple[str | None, list[int]]:
    """The issuer block opening a statement ("MINISTRY OF DEFENCE OF ...\nPress Service"), if any."""
    block: list[Line] = []
    for ln in lines:
        if not ln.bare:
            if block:
                break
            continue
        block.append(ln)
    if not block or len(block) > MASTHEAD_MAX_LINES or any(ln.index in protected for ln in block):
        return None, []
    first = block[0].bare.split("|")[0].strip()
    if any(len(ln.bare) > MASTHEAD_MAX_CHARS or _SENTENCE_END.search(ln.bare) for ln in block):
        return None, []
    shouting = first.isupper() and len(first.split()) >= 2
    if re.search(r"\d", first) or "," in first:
        return None, []
    # a lone mixed-case line is a headline ("Attack repelled, ministry says"), not a masthead
    if not (shouting or (_ISSUER.search(first) and (len(block) >= 2 or "|" in block[0].bare))):
        return None, []
    rest = [ln for ln in lines if ln.bare and ln.index > block[-1].index]
    if not rest:
        return None, []
    for ln in block[1:]:
        if re.match(r"(government|republic|state) of\b", ln.bare, re.I):
            first = f"{first}, {ln.bare}"  # "Ministry of External Affairs, Government of India"
    name = _title_case(first) if first.isupper() else first
    name = re.sub(r"\b(Of|The|And|For|On|In)\b", lambda m: m.group(1).lower(), name)
    return name[:1].upper() + name[1:], [ln.index for ln in block]


def _title_case(text: str) -> str:
    """"INTER SERVICES PUBLIC RELATIONS (ISPR)" -> "Inter Services Public Relations (ISPR)"."""
    words = []
    for w in text.split(" "):
        words.append(w if w.startswith("(") else w.capitalize())
    return " ".join(words)


def _title_line(lines: list[Line], title: str | None, protected: set[int]) -> tuple[str | None, int | None]:
    """The first non-blank line if it is the headline: (title text, line index)."""
    body = [ln for ln in lines if ln.bare]
    if len(body) < 2:
        return None, None
    first = body[0]
    text = _MARKDOWN_HEADING.sub("", first.bare)
    if title is not None:
        return (None, first.index) if _same_title(text, title) else (None, None)
    followed_by_blank = first.index + 1 < len(lines) and not lines[first.index + 1].bare
    if (
        first.index not in protected
        and followed_by_blank
        and len(text) <= MAX_TITLE_CHARS
        and len(text.split()) >= 2
        and not _SENTENCE_END.search(text)
        and not _is_button(text)
        and not is_credit_line(text)
        and not _CAPTION.search(text)
        and not _BYLINE.match(text)
    ):
        return text, first.index
    return None, None


def _sidebar_start(lines: list[Line], marks: dict[int, str], protected: set[int], length: int) -> int | None:
    """Index of the first sidebar heading standing past the body, if any."""
    body = [ln for ln in lines if ln.bare and ln.index not in marks]
    for position, ln in enumerate(body):
        if position == 0 or ln.index in protected or not _SIDEBAR_HEADING.fullmatch(_strip_bullets(ln.bare)):
            continue
        past_middle = length and ln.start / length >= SIDEBAR_MIN_SHARE
        after_credit = is_credit_line(body[position - 1].bare)
        following = body[position + 1].bare if position + 1 < len(body) else ""
        next_is_heading = bool(_SIDEBAR_HEADING.fullmatch(_strip_bullets(following)))
        if past_middle or after_credit or next_is_heading:
            return ln.index
    return None


def _trailing_credits(lines: list[Line], marks: dict[int, str], protected: set[int]) -> list[int]:
    """Credit lines at the end of what is left; marked "credit", returned in text order."""
    found: list[int] = []
    for ln in reversed(lines):
        if ln.index in marks or not ln.bare:
            continue
        if len(found) >= MAX_CREDIT_LINES or ln.index in protected or not is_credit_line(ln.bare):
            break
        found.append(ln.index)
        marks[ln.index] = "credit"
    return sorted(found)


def _duplicate_lines(
    lines: list[Line], marks: dict[int, str], protected: set[int], title: str | None, *, structured: bool = False
) -> dict[int, str]:
    """Later copies of a line of MIN_DUPLICATE_CHARS or more (the first copy stays).

    In structured text only copies of the title and of the line just before count.
    """
    title_key = _norm(title) if title else None
    seen: set[str] = {title_key} if title_key else set()
    previous: str | None = None
    found: dict[int, str] = {}
    for ln in lines:
        if not ln.bare or marks.get(ln.index) in ("sidebar", "credit") or ln.index in protected:
            continue
        key = _norm(_MARKDOWN_HEADING.sub("", ln.bare))
        if len(key) < MIN_DUPLICATE_CHARS:
            previous = key
            continue
        repeated = key in seen if not structured else key in (title_key, previous)
        if repeated and ln.index not in marks:
            found[ln.index] = "duplicate"
        seen.add(key)
        previous = key
    return found


def _teaser_blocks(
    lines: list[Line], marks: dict[int, str], protected: set[int], length: int
) -> list[tuple[int, int]]:
    """Teaser boxes inside the text: (first, last) line index of each heading and its teasers.

    A box is a teaser or sidebar heading, the headline lines under it (none when the
    box was emptied by the extraction; such a lone heading only counts past the
    middle, as in ``_sidebar_start``), and then the article going on (see
    TEASER_PROSE_SHARE). Without the article going on,
    the heading opens a sidebar that runs to the end (``_sidebar_start``).
    """
    body = [ln for ln in lines if ln.bare and ln.index not in marks]
    blocks: list[tuple[int, int]] = []
    position = 0
    while position < len(body):
        ln = body[position]
        heading = _strip_bullets(ln.bare)
        if ln.index in protected or not (_TEASER_HEADING.fullmatch(heading) or _SIDEBAR_HEADING.fullmatch(heading)):
            position += 1
            continue
        teasers = []
        for follower in body[position + 1 : position + 1 + TEASER_MAX_LINES]:
            text = _strip_bullets(follower.bare)
            if follower.index in protected or len(text) > TEASER_MAX_CHARS or _HEADLINE_END_BAD.search(text):
                break
            teasers.append(follower)
        if not teasers and _is_button(ln.bare):
            position += 1  # a lone "Read more" is a button (navigation), not a box
            continue
        after = body[position + 1 + len(teasers) : position + 1 + len(teasers) + TEASER_PROSE_WINDOW]
        prose = [_is_prose(f.bare) for f in after]
        emptied_early = not teasers and ln.start < SIDEBAR_MIN_SHARE * length  # a section heading, maybe
        if (not emptied_early and len(after) >= TEASER_PROSE_MIN and prose[0]
                and sum(prose) >= TEASER_PROSE_SHARE * len(after)):
            blocks.append((ln.index, teasers[-1].index if teasers else ln.index))
            position += len(teasers) + 1
        else:
            position += 1
    return blocks


def _is_prose(text: str) -> bool:
    """A paragraph of running text: long enough and ending a sentence."""
    return len(text) >= MIN_PROSE_CHARS and bool(_PROSE_END.search(text))


def _caption_lines(
    lines: list[Line], marks: dict[int, str], protected: set[int], title: str | None
) -> dict[int, str]:
    """Photo captions and photo credits."""
    return {
        ln.index: "caption"
        for ln in lines
        if ln.bare
        and ln.index not in marks
        and ln.index not in protected
        and len(ln.bare) <= MAX_CAPTION_CHARS
        and _CAPTION.search(ln.bare)
    }


def _button_lines(
    lines: list[Line], marks: dict[int, str], protected: set[int], title: str | None
) -> dict[int, str]:
    """Share buttons, navigation links and advertising labels."""
    found: dict[int, str] = {}
    for ln in lines:
        if ln.bare and ln.index not in marks and ln.index not in protected:
            reason = _button_reason(ln.bare)
            if reason:
                found[ln.index] = reason
    return found


def _button_reason(text: str) -> str | None:
    if len(text) > MAX_PROMO_CHARS:
        return None
    bare = _strip_bullets(text)
    if not bare:
        return None
    if len(text) <= MAX_BUTTON_CHARS:
        if _SHARE.fullmatch(bare):
            return "share"
        if _NAVIGATION.fullmatch(bare):
            return "navigation"
        if _BOILERPLATE.fullmatch(bare):
            return "boilerplate"
    for pattern, reason in _PROMO:
        if pattern.fullmatch(bare):
            return reason
    return None


def _is_button(text: str) -> bool:
    return _button_reason(text) is not None


# --------------------------------------------------------------------------- assembly


def _assemble(lines: list[Line], marks: dict[int, str]) -> str:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for ln in lines:
        if ln.bare and ln.index not in marks:
            current.append(ln.bare)
            continue
        if current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return "\n\n".join("\n".join(p) for p in paragraphs)


def _same_title(line: str, title: str) -> bool:
    """The line is the title, or the title with a site suffix or section prefix ("Title | Site",
    "Opinion | Title"), or the reverse."""
    a, b = sorted((_norm(line), _norm(title)), key=len)
    if a == b:
        return True
    if len(a) < MIN_DUPLICATE_CHARS:
        return False
    if b.startswith(a) and _SITE_SUFFIX.match(b[len(a) :]):
        return True
    return b.endswith(a) and bool(_SECTION_PREFIX.search(b[: -len(a)]))


def _strip_bullets(text: str) -> str:
    return text.strip(_BULLETS)


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()
