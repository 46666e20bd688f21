"""The safety wording shown before a first session and beside breath-hold patterns.

Plain text, no Qt: the UI decides how to lay it out. Paragraphs are separated
by blank lines; lines starting with "• " are bullets.
"""

from __future__ import annotations

from hipcoach.i18n import N_

# Marked here and translated where shown (``_(SAFETY_NOTE)``), so a change of language
# while hipcoach runs shows the note in the new one.

SAFETY_NOTE_TITLE = N_("Before you start")

# TRANSLATORS: keep the paragraphs (blank lines) and the "• " bullets. Say exactly what
# the English says: no more, no less, and no promises.
SAFETY_NOTE = N_("""\
hipcoach is a timer for breathing and stretching. It is not medical advice, \
and it does not diagnose or treat anything.

Talk to a doctor or physiotherapist first if any of these apply to you:
• you are pregnant
• you have had hip or knee surgery, including a joint replacement
• you have a heart, lung or blood-pressure condition
• you have glaucoma, a hernia, or panic disorder

While you stretch:
• Go only as far as a mild, comfortable pull.
• Stop if you feel sharp pain, pain in a joint, pins and needles, or numbness.
• Sore or sensitive knees: pad them with a folded blanket, or pick the \
alternative shown for the pose.

While you breathe:
• Keep it slow and gentle, not bigger.
• Breath holds are always optional: shorten them or breathe straight through.
• If you feel dizzy, tingly, short of air or your heart races, stop and \
breathe normally.
• Never practise in water, in the bath, or while driving.

If you are pregnant: after about 20 weeks, skip anything that has you lying \
on your back, don't push into deep stretches, and avoid practising somewhere hot.

Some people notice strong feelings come up during long, quiet holds. You can \
pause or stop at any time. If what comes up stays with you, consider talking \
to someone you trust or to a mental-health professional; your doctor can help \
you find one, and if you are in crisis, call a crisis line in your country.""")

#: Shown on screen while a pattern with breath holds runs: short enough to read from the mat.
HOLDS_OPTIONAL = N_("Holds are optional: shorten or skip them.")

BREATH_SAFETY_HINT = N_(
    "Holds are optional: shorten or skip them, and if you feel dizzy or tingly, "
    "stop and breathe normally."
)
