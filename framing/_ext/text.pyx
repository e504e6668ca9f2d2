# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled twins of hot loops of :mod:`framing.clean` and :mod:`framing.segment` (optional; identical results).

:func:`line_words` is the first step of :func:`framing.clean.clean`: the lines of the raw
text (``text.split("\\n")``), each stripped (``str.strip``), with its offsets and its
number of ``WORD_RE`` tokens, in one pass over the code points instead of the line
lists, the ASCII fold, the numpy token scan and two ``searchsorted``.

:func:`split_paragraphs` is :func:`framing.segment.split_paragraphs` in one pass over the
code points (the hard-wrap test of its blocks included).

:func:`double_quotes` is :func:`framing.segment._double_marks` and
:func:`framing.segment._double_quotes` in one: the double quotation marks found in one
pass over the code points and paired paragraph by paragraph in C; the records are made
by the constructor the caller gives.

:func:`split_trimmed` is :func:`framing.segment._split_trimmed` (the ``_BOUNDARY_RE`` scan,
the token before a period, the quotation test) with the quotation spans as C arrays; a
period after anything but a plain lower-case word is judged by the pure-Python rules
(``framing.segment._period_ends_after``, called back). :func:`split_many` splits all the
paragraphs of an article in one call. :func:`maybe_not_english` is the cheap gate of the
Latin-language check of :func:`framing.segment.segment`.

The scans over the whole text (lines, marks, terminal punctuation) run one loop per
string kind (1, 2 or 4 bytes a code point, a fused type) instead of reading each code point
through ``PyUnicode_READ``.

The Unicode classes of the regexes are read as ``re`` reads them: ``\\s`` is
``Py_UNICODE_ISSPACE``, ``\\w`` is ``Py_UNICODE_ISALNUM`` or ``_``; ``str.strip`` strips
``Py_UNICODE_ISSPACE``; ``str.isalnum`` of one character is ``Py_UNICODE_ISALNUM``.

No ``cdivision`` result is visible to Python: there is no division; the one float
comparison (the hard-wrap share) is made in double precision as Python makes it.
"""

from cpython.unicode cimport PyUnicode_READ, PyUnicode_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE
from cpython.unicode cimport PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND
from libc.stdint cimport uint8_t, uint16_t, uint32_t

cdef extern from "Python.h":
    object PyUnicode_Substring(object s, Py_ssize_t start, Py_ssize_t end)


ctypedef fused _char:
    uint8_t
    uint16_t
    uint32_t


cdef inline bint _alnum(Py_UCS4 ch) noexcept:
    """``ch.isalnum()`` (``[^\\W_]`` of ``re``), with a fast ASCII path."""
    if ch < 128:
        return (48 <= ch <= 57) or (65 <= ch <= 90) or (97 <= ch <= 122)
    return Py_UNICODE_ISALNUM(ch)


cdef inline bint _space(Py_UCS4 ch) noexcept:
    """``ch.isspace()`` (``\\s`` of ``re``, what ``str.strip`` strips)."""
    if ch < 128:
        return ch == 32 or (9 <= ch <= 13) or (28 <= ch <= 31)
    return Py_UNICODE_ISSPACE(ch)


cdef inline bint _joint(Py_UCS4 ch) noexcept:
    """A character joining two parts of a ``WORD_RE`` token: ``’ ' - .``."""
    return ch == 39 or ch == 45 or ch == 46 or ch == 0x2019


cdef Py_ssize_t _line_words(const _char *d, Py_ssize_t pos, Py_ssize_t n, Py_ssize_t *s, Py_ssize_t *e,
                            Py_ssize_t *nw) noexcept:
    """The end of the line starting at ``pos`` (its newline, or ``n``); in ``s`` and ``e`` the span
    of the line without white space at either end (``s`` -1 when blank), in ``nw`` its number
    of ``WORD_RE`` tokens."""
    cdef Py_ssize_t i = pos
    cdef Py_UCS4 ch
    # the word class of the two characters before i
    cdef bint a1 = False  # text[i - 1] is alnum
    cdef bint a2 = False  # text[i - 2] is alnum
    cdef bint j1 = False  # text[i - 1] is a joint
    s[0] = -1
    e[0] = pos
    nw[0] = 0
    while i < n:
        ch = d[i]
        if ch == 10:
            break
        if _alnum(ch):
            # a token starts here unless the character before is in a token: alnum, or a
            # joint between two alnums (this one and the one before it)
            if not a1 and not (j1 and a2):
                nw[0] += 1
            a2 = a1
            a1 = True
            j1 = False
        else:
            a2 = a1
            a1 = False
            j1 = _joint(ch)
        if not _space(ch):
            if s[0] < 0:
                s[0] = i
            e[0] = i + 1
        i += 1
    return i


def line_words(str text):
    """The stripped lines of ``text`` with their offsets and word counts.

    Returns
    -------
    texts : list of str
        ``[line.strip() for line in text.split("\\n")]``.
    starts, ends : list of int
        Offsets of each stripped line in ``text`` (a blank line: both at the line's end).
    nwords : list of int
        The number of ``WORD_RE`` tokens starting in each line.
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t pos = 0, i, s, e, nw
    texts = []
    starts = []
    ends = []
    nwords = []
    while True:
        # the line [pos, i)
        # the line [pos, i) (a loop per string kind)
        if kind == PyUnicode_1BYTE_KIND:
            i = _line_words(<uint8_t *>data, pos, n, &s, &e, &nw)
        elif kind == PyUnicode_2BYTE_KIND:
            i = _line_words(<uint16_t *>data, pos, n, &s, &e, &nw)
        else:
            i = _line_words(<uint32_t *>data, pos, n, &s, &e, &nw)
        if s < 0:
            s = e = i  # blank: the stripped line is empty, at the line's end
        texts.append(PyUnicode_Substring(text, s, e))
        starts.append(s)
        ends.append(e)
        nwords.append(nw)
        if i >= n:
            break
        pos = i + 1
    return texts, starts, ends, nwords


cdef int _hard_wrapped(int kind, void *data, list block) except -1:
    """``framing.segment._hard_wrapped`` of a block of at least three lines."""
    cdef Py_ssize_t m = len(block), k, s, e, w, lo = -1, hi = -1, ends_open = 0
    cdef Py_UCS4 ch
    for k in range(m - 1):
        s, e = block[k]
        w = e - s
        if lo < 0 or w < lo:
            lo = w
        if hi < 0 or w > hi:
            hi = w
        ch = PyUnicode_READ(kind, data, e - 1)
        # not ending in . ! ? ” "
        if not (ch == 46 or ch == 33 or ch == 63 or ch == 0x201D or ch == 34):
            ends_open += 1
    if lo < 40 or hi > 100 or hi - lo > 30:
        return 0
    return 1 if <double>ends_open >= 0.6 * <double>(m - 1) else 0


cdef Py_ssize_t _line(const _char *d, Py_ssize_t pos, Py_ssize_t n, Py_ssize_t *s, Py_ssize_t *e) noexcept:
    """The end of the line starting at ``pos`` (its newline, or ``n``); in ``s`` and ``e`` the span
    of the line without white space at either end (``s`` -1 when blank)."""
    cdef Py_ssize_t i = pos
    cdef Py_UCS4 ch
    s[0] = -1
    e[0] = pos
    while i < n:
        ch = d[i]
        if ch == 10:
            break
        if not _space(ch):
            if s[0] < 0:
                s[0] = i
            e[0] = i + 1
        i += 1
    return i


def split_paragraphs(str text):
    """:func:`framing.segment.split_paragraphs`: paragraph spans, as a list of (start, end)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t pos = 0, i, s, e
    cdef Py_UCS4 ch
    cdef list spans = []
    cdef list block = []
    while True:
        # the line [pos, i): its first and last non-space characters (a loop per string kind)
        if kind == PyUnicode_1BYTE_KIND:
            i = _line(<uint8_t *>data, pos, n, &s, &e)
        elif kind == PyUnicode_2BYTE_KIND:
            i = _line(<uint16_t *>data, pos, n, &s, &e)
        else:
            i = _line(<uint32_t *>data, pos, n, &s, &e)
        if s >= 0:
            block.append((s, e))
        elif block:
            _flush(kind, data, block, spans)
            block = []
        if i >= n:
            break
        pos = i + 1
    if block:
        _flush(kind, data, block, spans)
    return spans


cdef int _flush(int kind, void *data, list block, list spans) except -1:
    if len(block) >= 3 and _hard_wrapped(kind, data, block):
        spans.append((block[0][0], block[len(block) - 1][1]))
    else:
        spans.extend(block)
    return 0


# ---------------------------------------------------------------------------
# Double quotation marks (framing.segment._double_marks and _double_quotes)

from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free

# the marks as the pure-Python code spells them ('' and `` for the doubled ones)
cdef dict _MARK_STR = {c: (chr(c) * 2 if c in (39, 96) else chr(c)) for c in map(ord, "“”\"«»„「」『』'`")}


cdef inline bint _dq_mark(Py_UCS4 ch) noexcept:
    """One of ``framing.segment._DQ_MARKS``: “ ” " « » „ 「 」 『 』."""
    return (ch == 0x201C or ch == 0x201D or ch == 34 or ch == 0xAB or ch == 0xBB or ch == 0x201E
            or ch == 0x300C or ch == 0x300D or ch == 0x300E or ch == 0x300F)


cdef inline bint _opener_before(Py_UCS4 ch) noexcept:
    """``ch in framing.segment._OPENERS_BEFORE``: `` \\t\\n([{—–-/:;,`` “ ‘ « „ and no-break space."""
    return (ch == 32 or ch == 9 or ch == 10 or ch == 40 or ch == 91 or ch == 123 or ch == 0x2014
            or ch == 0x2013 or ch == 45 or ch == 47 or ch == 58 or ch == 59 or ch == 44
            or ch == 0x201C or ch == 0x2018 or ch == 0xAB or ch == 0x201E or ch == 0xA0)


cdef inline Py_UCS4 _closer(Py_UCS4 omark) noexcept:
    """The closing mark of opening mark ``omark`` (``_PAIRS``; ``''`` for ````)``; else itself)."""
    if omark == 0x201C:
        return 0x201D
    if omark == 0xAB:
        return 0xBB
    if omark == 0x201E:
        return 0x201C
    if omark == 0x300C:
        return 0x300D
    if omark == 0x300E:
        return 0x300F
    if omark == 0x2039:
        return 0x203A
    if omark == 96:
        return 39
    return omark


cdef inline bint _straight(Py_UCS4 m) noexcept:
    """``m in ('"', "''")``."""
    return m == 34 or m == 39


cdef Py_ssize_t _next_mark(const _char *d, Py_ssize_t i, Py_ssize_t n) noexcept:
    """The first offset from ``i`` holding a double mark, ``'`` or a backtick; ``n`` if none."""
    while i < n:
        if _dq_mark(d[i]) or d[i] == 39 or d[i] == 96:
            return i
        i += 1
    return n


def double_quotes(str text, list paragraphs, list out, object new_quote_span):
    """:func:`framing.segment._double_marks` and :func:`framing.segment._double_quotes` in one.

    Appends to ``out`` the double-quote spans of ``text`` (made with
    ``new_quote_span``), as the pure-Python pair does. Returns False, having done
    nothing, when a paragraph span is not inside the text (the caller then runs
    the pure-Python code).
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t n_par = len(paragraphs), pi, ps, pe, q, i, last = 0, cap = 64, nm = 0, k
    try:
        for q in range(n_par):
            ps, pe = paragraphs[q]
            if not (0 <= ps <= pe <= n):
                return False
    except (TypeError, ValueError, OverflowError):
        return False  # not spans of integers: the pure-Python code decides what happens
    cdef Py_UCS4 ch, mark, omark, prev, nxt
    # the marks: positions and first characters (' and ` stand for '' and ``)
    cdef Py_ssize_t *pos = <Py_ssize_t *>PyMem_Malloc(cap * sizeof(Py_ssize_t))
    cdef Py_UCS4 *code = <Py_UCS4 *>PyMem_Malloc(cap * sizeof(Py_UCS4))
    cdef void *tmp
    cdef Py_ssize_t w, skip_to, start, npar, c_start = 0, c_npar = 0, end
    cdef bint has_open, has_carry = False, is_close
    cdef Py_UCS4 c_mark = 0
    try:
        if pos == NULL or code == NULL:
            raise MemoryError()
        i = 0
        while i < n:
            # skip to the next character that can be a mark (a loop per string kind)
            if kind == PyUnicode_1BYTE_KIND:
                i = _next_mark(<uint8_t *>data, i, n)
            elif kind == PyUnicode_2BYTE_KIND:
                i = _next_mark(<uint16_t *>data, i, n)
            else:
                i = _next_mark(<uint32_t *>data, i, n)
            if i >= n:
                break
            ch = PyUnicode_READ(kind, data, i)
            w = 0
            if _dq_mark(ch):
                w = 1
            elif (ch == 39 or ch == 96) and i + 1 < n and PyUnicode_READ(kind, data, i + 1) == ch:
                w = 2
            if w:
                if nm == cap:
                    cap *= 2
                    tmp = PyMem_Realloc(pos, cap * sizeof(Py_ssize_t))
                    if tmp == NULL:
                        raise MemoryError()
                    pos = <Py_ssize_t *>tmp
                    tmp = PyMem_Realloc(code, cap * sizeof(Py_UCS4))
                    if tmp == NULL:
                        raise MemoryError()
                    code = <Py_UCS4 *>tmp
                pos[nm] = i
                code[nm] = ch
                nm += 1
                i += w  # the second ' of a '' (or a third in a row) is no mark of its own
            else:
                i += 1
        if nm == 0:
            return True
        k = 0
        for pi in range(n_par):
            ps, pe = paragraphs[pi]
            while k < nm and pos[k] < ps:
                k += 1
            if not has_carry and (k == nm or pos[k] >= pe):
                continue
            has_open = has_carry
            skip_to = ps
            if has_carry:
                start, omark, npar = c_start, c_mark, c_npar
                ch = PyUnicode_READ(kind, data, ps) if ps < n else 0
                if (ch == 39 or ch == 96) and ps + 1 < n and PyUnicode_READ(kind, data, ps + 1) == ch:
                    skip_to = ps + 2
                else:
                    skip_to = ps + 1
            has_carry = False
            while k < nm and pos[k] < pe:
                i = pos[k]
                mark = code[k]
                k += 1
                if i < skip_to:
                    continue
                w = 2 if (mark == 39 or mark == 96) else 1
                prev = PyUnicode_READ(kind, data, i - 1) if i > ps else 32
                nxt = PyUnicode_READ(kind, data, i + w) if i + w < pe else 32
                if not has_open:
                    if mark == 0x201D or mark == 0xBB or mark == 0x300D or mark == 0x300F:
                        continue  # stray closer
                    if _straight(mark) and not _opener_before(prev) and not _space(prev):
                        continue  # a closer-like straight mark with nothing open: stray
                    if _space(nxt) and (_straight(mark) or mark == 0x201C):
                        continue  # mark followed by space cannot open
                    has_open = True
                    start, omark, npar = i, mark, 1
                    continue
                is_close = mark == _closer(omark) or (
                    (omark == 34 or omark == 39 or omark == 96) and _straight(mark)
                )
                if omark == 0x201C and mark == 34:
                    is_close = True  # mixed marks in sloppy text
                if omark == 0x201E and (mark == 0x201C or mark == 0x201D):
                    is_close = True
                if is_close and not (_space(prev) and not _space(nxt) and _straight(mark)):
                    out.append(new_quote_span(start, i + w, _MARK_STR[<long>omark], _MARK_STR[<long>mark], True, npar))
                    has_open = False
                elif (mark == 0x201C or mark == 0xAB or mark == 0x201E or mark == 0x300C or mark == 0x300E
                      or ((_straight(mark) or mark == 96) and _space(prev))):
                    # a new opening mark while one is open: the first was never closed
                    end = i
                    while end > start + 1 and _space(PyUnicode_READ(kind, data, end - 1)):
                        end -= 1
                    out.append(new_quote_span(start, end, _MARK_STR[<long>omark], None, False, npar))
                    start, omark, npar = i, mark, 1
            if has_open:
                if pi + 1 < n_par and _opens_with(kind, data, n, paragraphs[pi + 1][0], omark):
                    has_carry = True
                    c_start, c_mark, c_npar = start, omark, npar + 1
                else:
                    out.append(new_quote_span(start, pe, _MARK_STR[<long>omark], None, False, npar))
        return True
    finally:
        PyMem_Free(pos)
        PyMem_Free(code)


cdef bint _opens_with(int kind, void *data, Py_ssize_t n, Py_ssize_t p, Py_UCS4 mark) noexcept:
    """``framing.segment._opens_with_quote``."""
    cdef Py_UCS4 ch
    if p < 0 or p >= n:
        return False
    ch = PyUnicode_READ(kind, data, p)
    if mark == 39 or mark == 96:
        return (ch == 39 or ch == 96) and p + 1 < n and PyUnicode_READ(kind, data, p + 1) == ch
    return ch == 34 or ch == 0x201C or ch == 0xAB or ch == 0x201E


# ---------------------------------------------------------------------------
# Sentences (framing.segment._split_trimmed)

from cpython.unicode cimport Py_UNICODE_ISALPHA, Py_UNICODE_ISLOWER, Py_UNICODE_ISUPPER, Py_UNICODE_ISTITLE


cdef inline bint _terminal(Py_UCS4 ch) noexcept:
    """Terminal punctuation of ``_BOUNDARY_RE``: . ! ? … ։ । ؟ 。 ！ ？."""
    return (ch == 46 or ch == 33 or ch == 63 or ch == 0x2026 or ch == 0x0589 or ch == 0x0964
            or ch == 0x061F or ch == 0x3002 or ch == 0xFF01 or ch == 0xFF1F)


cdef inline bint _closing(Py_UCS4 ch) noexcept:
    """Closing marks of ``_BOUNDARY_RE``: ” " ’ ' » ) ] 」 』."""
    return (ch == 0x201D or ch == 34 or ch == 0x2019 or ch == 39 or ch == 0xBB or ch == 41 or ch == 93
            or ch == 0x300D or ch == 0x300F)


cdef inline bint _opening(Py_UCS4 ch) noexcept:
    """Opening marks of the look-ahead of ``_BOUNDARY_RE``: “ " ‘ ' « „ 「 ( [."""
    return (ch == 0x201C or ch == 34 or ch == 0x2018 or ch == 39 or ch == 0xAB or ch == 0x201E
            or ch == 0x300C or ch == 40 or ch == 91)


cdef inline bint _opening_mark(Py_UCS4 ch) noexcept:
    """``framing.segment._OPENING_MARKS``: “ " ‘ ' « ( [ and the space."""
    return ch == 0x201C or ch == 34 or ch == 0x2018 or ch == 39 or ch == 0xAB or ch == 40 or ch == 91 or ch == 32


cdef inline bint _capital(Py_UCS4 ch) noexcept:
    """``[^\\W_a-z]``: a letter or digit but a lower-case ASCII letter."""
    return _alnum(ch) and not (97 <= ch <= 122)


cdef bint _boundary(int kind, void *data, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *e1, Py_ssize_t *e2,
                    Py_ssize_t *e3) noexcept:
    """Whether ``_BOUNDARY_RE`` matches at ``i`` (``endpos`` ``end``); its group ends then in e1, e2, e3.

    The pattern's runs (terminal punctuation, closing marks, white space) are disjoint
    classes followed by a look-ahead that no white space satisfies: no backtracking can
    make a match, so the greedy runs decide.
    """
    cdef Py_ssize_t j = i + 1
    cdef Py_UCS4 c
    while j < end and _terminal(PyUnicode_READ(kind, data, j)):
        j += 1
    e1[0] = j
    while j < end and _closing(PyUnicode_READ(kind, data, j)):
        j += 1
    e2[0] = j
    while j < end and _space(PyUnicode_READ(kind, data, j)):
        j += 1
    e3[0] = j
    if j == e2[0] or j >= end:
        return False
    c = PyUnicode_READ(kind, data, j)
    if _capital(c) or c == 0x2026:
        return True
    if _opening(c) and j + 1 < end and _capital(PyUnicode_READ(kind, data, j + 1)):
        return True
    return (c == 46 and j + 2 < end and PyUnicode_READ(kind, data, j + 1) == 46
            and PyUnicode_READ(kind, data, j + 2) == 46)


cdef bint _three_words(int kind, void *data, Py_ssize_t a, Py_ssize_t b) noexcept:
    """At least three ``WORD_RE`` matches in ``text[a:b]`` (``framing.segment._several_sentences``)."""
    cdef Py_ssize_t i, cnt = 0
    cdef bint a1 = False, a2 = False, j1 = False
    cdef Py_UCS4 ch
    for i in range(a, b):
        ch = PyUnicode_READ(kind, data, i)
        if _alnum(ch):
            if not a1 and not (j1 and a2):
                cnt += 1
                if cnt >= 3:
                    return True
            a2 = a1
            a1 = True
            j1 = False
        else:
            a2 = a1
            a1 = False
            j1 = _joint(ch)
    return False


cdef bint _plain_lower_word(int kind, void *data, Py_ssize_t a, Py_ssize_t b) noexcept:
    """``tok.isalpha() and len(tok) > 1 and tok.islower()`` of ``tok = text[a:b]``."""
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    cdef bint cased = False
    if b - a < 2:
        return False
    for i in range(a, b):
        ch = PyUnicode_READ(kind, data, i)
        if ch < 128:
            if 97 <= ch <= 122:
                cased = True
                continue
            return False  # an upper-case ASCII letter, or no letter
        if not Py_UNICODE_ISALPHA(ch) or Py_UNICODE_ISUPPER(ch) or Py_UNICODE_ISTITLE(ch):
            return False
        if Py_UNICODE_ISLOWER(ch):
            cased = True
    return cased


cdef Py_ssize_t _next_terminal(const _char *d, Py_ssize_t i, Py_ssize_t end) noexcept:
    """The first offset from ``i`` holding terminal punctuation; ``end`` if none."""
    while i < end:
        if _terminal(d[i]):
            return i
        i += 1
    return end


cdef list _split(str text, int kind, void *data, Py_ssize_t n, Py_ssize_t start, Py_ssize_t end,
                 Py_ssize_t *qstart, Py_ssize_t *qend, Py_ssize_t *qinner, Py_ssize_t nq,
                 object lower_any, object ab, object period_ends):
    """The loop of :func:`framing.segment._split_trimmed` over ``text[start:end]``.

    ``qstart``, ``qend``, ``qinner`` (``nq`` of them): the quotation spans overlapping the
    span, in their order, with the end of their inner text (``QuoteSpan.inner[1]``).
    """
    cdef Py_ssize_t cur = start, i = start, e1 = 0, e2 = 0, e3 = 0, ws, j, k, best, qs, qe, p
    cdef Py_UCS4 ch
    cdef bint skip
    cdef list spans = []
    while i < end:
        # skip to the next terminal punctuation (a loop per string kind)
        if kind == PyUnicode_1BYTE_KIND:
            i = _next_terminal(<uint8_t *>data, i, end)
        elif kind == PyUnicode_2BYTE_KIND:
            i = _next_terminal(<uint16_t *>data, i, end)
        else:
            i = _next_terminal(<uint32_t *>data, i, end)
        if i >= end:
            break
        ch = PyUnicode_READ(kind, data, i)
        if not _boundary(kind, data, i, end, &e1, &e2, &e3):
            i += 1
            continue
        p = i  # punct_start
        i = e3  # the next search starts after the match
        if p - cur <= 2:
            # punctuation opening the sentence ("… I think"): not an end
            skip = True
            for j in range(cur, p):
                if not _opening_mark(PyUnicode_READ(kind, data, j)):
                    skip = False
                    break
            if skip:
                continue
        if e1 == p + 1 and ch == 46:  # the run is one period
            # the token before the period: a plain lower-case word after a space ends the sentence
            ws = p - 1
            while ws >= cur and PyUnicode_READ(kind, data, ws) != 32:
                ws -= 1
            j = ws + 1 if ws >= cur else cur
            if not (_plain_lower_word(kind, data, j, p) and PyUnicode_Substring(text, j, p) not in lower_any):
                if not period_ends(text, cur, p, PyUnicode_Substring(text, j, p), e3, end, ab, e2 > e1):
                    continue
        if nq:
            # the innermost quotation around the punctuation (framing.segment._enclosing_quote)
            best = -1
            for k in range(nq):
                qs = qstart[k]
                if qs < p < qend[k] and (best < 0 or qs > qstart[best]):
                    best = k
                elif qs > p:
                    break
            if best >= 0 and e2 < qend[best]:
                qe = qinner[best]
                if qe > n:
                    qe = n
                if not _three_words(kind, data, e3, qe):
                    continue
        spans.append((cur, e2))
        cur = e3
    if cur < end:
        spans.append((cur, end))
    return spans


cdef class _Quotes:
    """The start, end and inner end of quotation spans, as C arrays."""

    cdef Py_ssize_t *start
    cdef Py_ssize_t *end
    cdef Py_ssize_t *inner
    cdef Py_ssize_t *sel_start
    cdef Py_ssize_t *sel_end
    cdef Py_ssize_t *sel_inner
    cdef Py_ssize_t n, cap

    def __cinit__(self, Py_ssize_t n):
        self.n = 0
        self.cap = n
        self.start = <Py_ssize_t *>PyMem_Malloc((n + 1) * 6 * sizeof(Py_ssize_t))
        if self.start == NULL:
            raise MemoryError()
        self.end = self.start + (n + 1)
        self.inner = self.end + (n + 1)
        self.sel_start = self.inner + (n + 1)
        self.sel_end = self.sel_start + (n + 1)
        self.sel_inner = self.sel_end + (n + 1)

    def __dealloc__(self):
        PyMem_Free(self.start)

    cdef int fill(self, quote_spans) except -1:
        cdef Py_ssize_t k = 0
        for q in quote_spans:
            if k >= self.cap:
                raise TypeError("more spans than len() gave")
            self.start[k] = q.start
            self.end[k] = q.end
            self.inner[k] = q.inner[1]
            k += 1
        self.n = k
        return 0

    cdef Py_ssize_t select(self, Py_ssize_t start, Py_ssize_t end) noexcept:
        """Copy the spans overlapping ``[start, end)`` to the ``sel_`` arrays, in order; their number."""
        cdef Py_ssize_t k, m = 0
        for k in range(self.n):
            if self.start[k] < end and self.end[k] > start:
                self.sel_start[m] = self.start[k]
                self.sel_end[m] = self.end[k]
                self.sel_inner[m] = self.inner[k]
                m += 1
        return m


cdef _Quotes _quote_arrays(quote_spans):
    """The quotation spans as C arrays; None when one is not integers of C size."""
    cdef _Quotes qa
    if not quote_spans:
        return _Quotes(0)
    qa = _Quotes(len(quote_spans))
    try:
        qa.fill(quote_spans)
    except (TypeError, OverflowError):
        return None
    return qa


def split_trimmed(str text, Py_ssize_t start, Py_ssize_t end, quote_spans, ab, period_ends):
    """:func:`framing.segment._split_trimmed`: the sentence spans of ``text[start:end]``.

    The boundary candidates, the token before a period and the quotation test are
    read in C; a period after anything but a plain lower-case word is judged by
    ``period_ends(text, cur, punct_start, tok, nstart, end, ab, closed)`` (the pure-Python
    rules). ``start`` and ``end`` must be inside the text (else ``ValueError``). None
    (declined) when a quotation span's offsets are not integers of C size.
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    if not (0 <= start <= end <= n):
        raise ValueError("span outside the text")
    cdef _Quotes qa = _quote_arrays(quote_spans)
    if qa is None:
        return None
    cdef Py_ssize_t nq = qa.select(start, end)
    return _split(text, kind, data, n, start, end, qa.sel_start, qa.sel_end, qa.sel_inner, nq,
                  ab.lower_any, ab, period_ends)


def split_many(str text, list spans, quote_spans, ab, period_ends):
    """:func:`split_trimmed` of each ``(start, end)`` of ``spans`` (paragraphs, in order) with the
    quotation spans overlapping it: a list of span lists. None (declined) as there, or when
    a span is not inside the text."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t s, e, nq
    cdef _Quotes qa = _quote_arrays(quote_spans)
    if qa is None:
        return None
    cdef list out = []
    for s, e in spans:
        if not (0 <= s <= e <= n):
            return None
    for s, e in spans:
        nq = qa.select(s, e)
        out.append(_split(text, kind, data, n, s, e, qa.sel_start, qa.sel_end, qa.sel_inner, nq,
                          ab.lower_any, ab, period_ends))
    return out


# ---------------------------------------------------------------------------
# Language gate (framing.segment._maybe_not_english)

cdef inline bint _word(int kind, void *data, Py_ssize_t p, Py_ssize_t end, const char *w) noexcept:
    """``text[p:end].startswith(w)`` for an ASCII ``w``."""
    cdef Py_ssize_t k = 0
    while w[k] != 0:
        if p + k >= end or PyUnicode_READ(kind, data, p + k) != <Py_UCS4>(<unsigned char>w[k]):
            return False
        k += 1
    return True


cdef bint _cue_at(int kind, void *data, Py_ssize_t p, Py_ssize_t end) noexcept:
    """``_EN_CUE_WORDS`` matches ``text[p:end]`` at ``p``: a cue word (the The and of to that for
    with is it It he He we We), then one of ``\s , ; : . ! ? ” " ’``.

    The words that share a first letter differ in their second or third, so at most one
    of them is at ``p``: it decides.
    """
    cdef Py_ssize_t m = 0
    cdef Py_UCS4 c
    if p >= end:
        return False
    c = PyUnicode_READ(kind, data, p)
    if c == 116:  # t
        m = 3 if _word(kind, data, p, end, b"the") else 2 if _word(kind, data, p, end, b"to") else (
            4 if _word(kind, data, p, end, b"that") else 0)
    elif c == 84:  # T
        m = 3 if _word(kind, data, p, end, b"The") else 0
    elif c == 97:  # a
        m = 3 if _word(kind, data, p, end, b"and") else 0
    elif c == 111:  # o
        m = 2 if _word(kind, data, p, end, b"of") else 0
    elif c == 102:  # f
        m = 3 if _word(kind, data, p, end, b"for") else 0
    elif c == 119:  # w
        m = 4 if _word(kind, data, p, end, b"with") else 2 if _word(kind, data, p, end, b"we") else 0
    elif c == 105:  # i
        m = 2 if (_word(kind, data, p, end, b"is") or _word(kind, data, p, end, b"it")) else 0
    elif c == 73 or c == 104 or c == 72 or c == 87:  # I h H W: It he He We
        m = 2 if (_word(kind, data, p, end, b"It") or _word(kind, data, p, end, b"he")
                  or _word(kind, data, p, end, b"He") or _word(kind, data, p, end, b"We")) else 0
    if m == 0 or p + m >= end:
        return False
    c = PyUnicode_READ(kind, data, p + m)
    return (_space(c) or c == 44 or c == 59 or c == 58 or c == 46 or c == 33 or c == 63
            or c == 0x201D or c == 34 or c == 0x2019)


def maybe_not_english(str text, Py_ssize_t s, Py_ssize_t e, Py_ssize_t min_chars):
    """``e - s >= min_chars and _maybe_not_english(text[s:e])`` of :mod:`framing.segment`.

    No cue ``" the "``, ``" of "``, ``" and "``, ``" to "``, at least five spaces, and no
    cue word (``_EN_CUE_START_RE`` at the start, ``_EN_CUE_RE`` anywhere). ``s`` and ``e``
    must be inside the text (else ``ValueError``).
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), j, spaces = 0
    cdef Py_UCS4 c
    if not (0 <= s <= e <= n):
        raise ValueError("span outside the text")
    if e - s < min_chars:
        return False
    for j in range(s, e):
        if PyUnicode_READ(kind, data, j) == 32:
            spaces += 1
            if j + 1 < e:
                c = PyUnicode_READ(kind, data, j + 1)
                if (c == 116 and (_word(kind, data, j + 1, e, b"the ") or _word(kind, data, j + 1, e, b"to "))
                        or c == 111 and _word(kind, data, j + 1, e, b"of ")
                        or c == 97 and _word(kind, data, j + 1, e, b"and ")):
                    return False
    if spaces < 5 or _cue_at(kind, data, s, e):
        return False
    for j in range(s, e):
        c = PyUnicode_READ(kind, data, j)
        # [\s(“"‘] before a cue word
        if (_space(c) or c == 40 or c == 0x201C or c == 34 or c == 0x2018) and _cue_at(kind, data, j + 1, e):
            return False
    return True
