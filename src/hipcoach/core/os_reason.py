"""Why a file operation failed, in the words of the language shown.

Python gives the C library's words (``strerror``), which follow the process's
locale, not the language chosen in hipcoach, and from the command line they are
always English. The failures people meet with their own files get our own words;
the English ones are the C library's, so English readers see what they always saw.
"""

from __future__ import annotations

import errno
import os

from hipcoach.i18n import N_, _

_WORDS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.EIO: N_("Input/output error"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.ENOTEMPTY: N_("Directory not empty"),
}


def os_reason(err: OSError) -> str:
    """The reason ``err`` gives ("Permission denied"), without the path, in the language shown.

    A reason the program wrote itself (an ``OSError`` raised with its own words) is kept.
    """
    words = err.strerror
    known = _WORDS.get(err.errno) if err.errno is not None else None
    if known is not None and (not words or words == os.strerror(err.errno)):
        return _(known)
    return words or str(err)
