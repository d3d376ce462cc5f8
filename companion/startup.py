"""Python's cyclic garbage collector during the app's start-up.

Importing Textual, Rich and our screens makes a few hundred thousand objects (modules, classes,
functions, styles) that all live until the app quits. The collector does not know that: it
walks them again and again while they are made, which was about a tenth of the time to the
first frame of the home screen. So the app pauses it from before those imports until its first
frame, then moves everything made so far to the permanent generation (`gc.freeze`), where
later collections do not walk it, and collects as usual from then on.

Only the app pauses: a quick command makes too few objects for it to matter (measured on
`companion log`), and a long one must not hold its garbage.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Pause the collector until `resume_collector` (if it runs at all now)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """End the pause `pause_collector` began; nothing if it did not begin one (a test that
    builds the app directly, or a second call)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
