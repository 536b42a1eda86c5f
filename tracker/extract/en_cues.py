"""Word cues the English engine reads sentences by: tense, intent, generic subjects, user actions.

Pure constants (compiled patterns), shared by ``tracker.extract.en``.
"""

from __future__ import annotations

import re

from tracker.models import Category

MAX_DATES_PER_UNIT = 16  # a sentence or list line names a handful of days; past this it is not prose
FUTURE = re.compile(
    r"\b(?:will|shall|is set to|are set to|set to|scheduled|slated|is due|are due|expected to be|plans? to"
    r"|planned|upcoming|to be (?:held|released|published|announced)|takes? place|is to|are to|kicks? off"
    r"|begins?|starts?|goes live|sees|opens?)\b",
    re.I,
)
PAST = re.compile(
    r"^(?:recently|last (?:week|month|year)|earlier|previously|yesterday)\b"
    r"|\b(?:was|were|stood at|rose|fell|occurred|happened|had been|found|ended)\b",
    re.I,
)
COMMENT = re.compile(
    r"\b(?:is|are) expected to (?i:increase|rise|fall|grow|remain|show|peak|come in|decline|stay|hold)"
    r"|\b[Ff]orecast|\b[Nn]owcast|^[^,]*\b(?:may|might|could|would)\b",
)
GENERIC = re.compile(
    r"^(?:(?:the|in the [\w.]+,|on the \w+ front,)\s+)?(?:multiple"
    r"|several|many|a number of|various|a few|two|three"
    r"|four|five|some|other|key|major|main|important)\b",
    re.I,
)
BACKREF = re.compile(
    r"^(?:all\s+)?(?:users|holders|customers|investors|clients"
    r"|depositors|stakers|lps|token holders)\b[^.]{0,60}?"
    r"\b(?:must|should|need to|needs to|have to|will need"
    r"|are (?:urged|advised|asked|reminded|encouraged|required))",
    re.I,
)
ACTION_WORDS = re.compile(
    r"\b(?:withdraw\w*|export\w*|claim|redeem\w*|swap"
    r"|return (?:their |your )?assets|migrate (?:their |your )?tokens"
    r"|unstake|move (?:their |your )?funds|close (?:their |your )?positions)\b",
    re.I,
)
CONTINUES = re.compile(
    r"^(?:the|this|that|it)\b[^,.;]{0,40}?\b(?:will\s+)?(?:continue|run|last|go on|remain)s?\b", re.I
)
CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|cancels|called off|scrapped)\b", re.I)
TAGS = re.compile(r"[#$]\w+")
NOT_RELEASES = frozenset(
    {
        Category.SHUTDOWN,
        Category.LISTING,
        Category.UNLOCK,
        Category.MIGRATION,
        Category.UPGRADE,
        Category.LAUNCH,
    }
)
NOTHING = re.compile(
    r"\b(?:none|nothing|no (?:events?|releases?|data|speakers?))\b\s+(?:is\s+|are\s+)?scheduled"
    r"|^\s*no (?:major |big |key )?(?:events?|releases?|data)\b",
    re.I,
)
PARTS = re.compile(r";\s*|,\s+and\s+")
CLAUSE = re.compile(r"[,;](?=\s)|\s(?=(?:since|while|whereas|because|but|and)\s)")
RECAP = re.compile(
    r"\b(?:recap|came in at|last week|last month|yesterday|earlier this (?:week|month)|rose|fell|jumped"
    r"|dropped|occurred|happened|took place|passed|was released|were released|rallied|surged|slumped"
    r"|plunged|climbed|tumbled|soared|posted|recorded|reported)\b",
    re.I,
)
LEAD = re.compile(
    r"^(?:(?:in other news|additionally|in addition|separately"
    r"|finally|meanwhile|also|however|moreover)\b[,:]?\s*)+",
    re.I,
)

SEPARATED = re.compile(r"\s[–—|]\s|\s-\s|^[^\s:]{2,20}:\s")  # "$ARB — 92.65M tokens — Mar 16"
QUIET = re.compile(r"\b(?:quiet|light|calm|slow|nothing|busy|volatile|watch for|keep an eye)\b", re.I)
