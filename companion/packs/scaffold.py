"""`companion pack new NAME`: a pack with one example of each kind, which validates as is."""

from __future__ import annotations

from pathlib import Path

from companion.errors import CompanionError
from companion.i18n import _, active_language
from companion.models.content import slugify

MANIFEST = """\
id = "{id}"
title = "{title}"
version = "0.1.0"
language = "en"
author = ""
licence = "CC-BY-4.0"
description = "What this pack is for, in one sentence."
min_app_version = "0.1"
"""

EXAMPLES = {
    "reflections/end-of-week.md": """\
---
kind: reflection
id: end-of-week
title: End of the week
minutes: 3
audience: rep
---
# End of the week

Each '## ' heading is a prompt. The line 'Answer:' says how it is answered:
scale 1-5, text, choice, tags or commitment.

## How did the week feel?

1 is a week to forget, 5 is one to repeat.

Answer: scale 1-5

## The conversation you are proudest of

Answer: text

## Next week I will

Answer: commitment
""",
    "scripts/quick-check-in.md": """\
---
kind: script
id: quick-check-in
title: Quick check-in
minutes: 15
audience: manager
---
# Quick check-in

Each '## ' heading is a step; '(5 min)' is its suggested time. Bullets are questions,
'> Tip:' and '> Avoid:' lines are advice for the manager.

## How are you? (5 min)

Start with the person, not the numbers.

- How are you doing, really?
- What is taking most of your energy?

> Tip: Listen more than you talk.
> Avoid: Opening with the pipeline.

## What would help? (10 min)

Ask what gets in the way, and offer help rather than instructions.

- What is in your way right now?
- What can I do to help you with that?

> Avoid: Giving the answer before the rep has found one.
""",
    "cards/one-question.md": """\
---
kind: card
id: one-question
title: One good question
tags: [coaching]
---
# One good question

A card holds one idea in a few sentences. Replace this with yours.

*Which question will you ask instead of giving an answer today?*
""",
    "questions/openers.md": """\
---
kind: questions
id: openers
title: Openers
audience: manager
---
# Openers

Every bullet under a heading is a question in that group.

## Checking in

- What has been on your mind this week?
- Where did you spend most of your energy?

## Looking ahead

- What would make next week a good week?
""",
}


MANIFEST_NL = """\
id = "{id}"
title = "{title}"
version = "0.1.0"
language = "nl"
author = ""
licence = "CC-BY-4.0"
description = "Waar dit pakket voor is, in één zin."
min_app_version = "0.1"
"""

# The same examples for a coach who speaks Dutch: the keys and keywords of the format
# ('kind:', 'Answer:', '> Tip:') stay as the loader reads them.
EXAMPLES_NL = {
    "reflections/end-of-week.md": """\
---
kind: reflection
id: end-of-week
title: Einde van de week
minutes: 3
audience: rep
---
# Einde van de week

Elk kopje '## ' is een vraag. De regel 'Answer:' zegt hoe die beantwoord wordt:
scale 1-5, text, choice, tags of commitment.

## Hoe voelde de week?

1 is een week om te vergeten, 5 een week om te herhalen.

Answer: scale 1-5

## Het gesprek waar je het meest trots op bent

Answer: text

## Volgende week ga ik

Answer: commitment
""",
    "scripts/quick-check-in.md": """\
---
kind: script
id: quick-check-in
title: Korte check-in
minutes: 15
audience: manager
---
# Korte check-in

Elk kopje '## ' is een stap; '(5 min)' is de tijd die je ervoor neemt. De opsommingen
zijn vragen, regels met '> Tip:' en '> Vermijd:' zijn adviezen voor de manager.

## Hoe gaat het? (5 min)

Begin bij de persoon, niet bij de cijfers.

- Hoe gaat het echt met je?
- Waar gaat de meeste energie naartoe?

> Tip: Luister meer dan je praat.
> Vermijd: Beginnen over de pipeline.

## Wat zou helpen? (10 min)

Vraag wat in de weg zit, en bied hulp aan in plaats van instructies.

- Wat zit je nu in de weg?
- Wat kan ik doen om je daarbij te helpen?

> Vermijd: Het antwoord geven voordat de verkoper er zelf een heeft gevonden.
""",
    "cards/one-question.md": """\
---
kind: card
id: one-question
title: Eén goede vraag
tags: [coaching]
---
# Eén goede vraag

Een kaart bevat één idee in een paar zinnen. Vervang dit door dat van jou.

*Welke vraag stel je vandaag, in plaats van een antwoord te geven?*
""",
    "questions/openers.md": """\
---
kind: questions
id: openers
title: Openingsvragen
audience: manager
---
# Openingsvragen

Elk opsommingsteken onder een kopje is een vraag in die groep.

## Even bijpraten

- Waar heb je deze week veel aan gedacht?
- Waar ging de meeste energie naartoe?

## Vooruitkijken

- Wat zou volgende week tot een goede week maken?
""",
}


def new_pack(name: str, parent: Path) -> Path:
    """A new pack folder named after `name`, with examples in the interface's language
    (Dutch or English)."""
    pack_id = slugify(name)
    root = parent / pack_id
    if root.exists():
        problem = _("{folder} already exists; choose another name or folder")
        raise CompanionError(problem.format(folder=root))
    try:
        root.mkdir(parents=True)
        title = name.strip().replace('"', "'") or pack_id
        dutch = active_language() == "nl"
        manifest, examples = (MANIFEST_NL, EXAMPLES_NL) if dutch else (MANIFEST, EXAMPLES)
        (root / "pack.toml").write_text(manifest.format(id=pack_id, title=title), encoding="utf-8")
        for relative, text in examples.items():
            path = root / relative
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        problem = _("{folder}: cannot create the pack ({reason})")
        raise CompanionError(problem.format(folder=root, reason=error.strerror or error)) from None
    return root
