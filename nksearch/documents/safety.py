"""Strip terminal control sequences from untrusted corpus text.

``clean_text`` removes everything a terminal would interpret instead of print:
ANSI/VT escape sequences (CSI, OSC such as the OSC 52 clipboard write, DCS and
friends), their 8-bit C1 forms, lone C0/C1 control characters except newline
and tab, and the Unicode bidi override/isolate controls that can visually
reorder a line. It is one compiled regular expression, cheap enough to run on
every document.

``escape_undecodable`` writes the bytes of a file name that is not UTF-8
(which Python hands over as lone surrogates) as ``\\xNN`` text, so the name
can be printed and stored.

It deliberately does not escape Rich or Textual markup (``[bold]`` stays as
literal text; escaping belongs to the display layer), does not normalise
whitespace, and does not change any printable character.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(
    # Every C0 control but \t and \n, DEL, every C1 control, the bidi controls;
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
    # and after ESC, the rest of its sequence:
    r"(?:(?<=\x1b)(?:"
    # OSC (e.g. OSC 52, the clipboard), DCS, SOS, PM, APC: up to BEL or ST, but
    # never past a line end, so an unterminated one cannot eat a whole document;
    r"[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    # CSI: parameters, intermediates, final byte;
    r"|\[[0-?]*[ -/]*[@-~]?"
    # any other escape sequence.
    r"|[ -/]*[0-~]?"
    # After the 8-bit CSI, its parameters. Other 8-bit introducers are only
    # dropped: mojibake text is full of them.
    r")|(?<=\x9b)[0-?]*[ -/]*[@-~]?)?"
)


def clean_text(text: str) -> str:
    """Return ``text`` without terminal control sequences or bidi controls."""
    return _CONTROLS.sub("", text)


def escape_undecodable(text: str) -> str:
    """Return ``text`` with undecodable file-name bytes written as ``\\xNN``."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # surrogates that did not come from bytes
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")
