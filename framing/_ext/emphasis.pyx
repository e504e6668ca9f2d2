# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled twin of the token loop of :func:`framing.score.emphasis._scan` (optional; identical results).

:func:`scan_tokens` runs, in one C loop over ``Doc.token_bounds`` and the text's code points,
what the pure-Python ``_scan`` does token by token: the prefix filter (the same packed-prefix
hash as ``_PrefixFilter``, on a 32 KB bit table instead of numpy passes over the whole text),
the look-up of the token's candidates in the matcher's cache (the cache key, the lower-cased
token, is made in C), the single-word hits, the neighbour pre-check of multi-word patterns and
the multi-word match itself (``_match_at``) on C token offsets. The raw hits come out in the
same order as there.

The lower-cased text (``Doc.lower``) is not needed: a character's lower case is taken in C for
the characters whose lower case does not depend on context (Latin-1 and ``’ ‘``), which is
what ``str.lower`` gives them. A token holding any other character is looked up through
``doc.lower`` (computed then, as the pure-Python code does), and a multi-word pattern touching
one is matched by the pure-Python ``_match_at``.

No ``cdivision`` result is visible to Python: the only divisions are shifts of non-negative values.
"""

from cpython.unicode cimport PyUnicode_READ, PyUnicode_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH
from cpython.unicode cimport Py_UNICODE_ISUPPER
from libc.stdint cimport int64_t, uint8_t, uint32_t, uint64_t
from libc.stdlib cimport malloc, free

cdef extern from "Python.h":
    object PyUnicode_Substring(object s, Py_ssize_t start, Py_ssize_t end)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    uint8_t *PyUnicode_1BYTE_DATA(object o)

#: ``_HASH_MULT`` and ``_TABLE_BITS`` of :mod:`framing.score.emphasis`
cdef uint64_t HASH_MULT = 0x9E3779B97F4A7C15ULL
cdef int TABLE_BITS = 18
#: "this character's lower case is not known here"
cdef Py_UCS4 UNKNOWN = 0xFFFFFFFF
#: tokens up to this length get their cache key made in a stack buffer
cdef enum:
    KEY_BUF = 64


cdef inline Py_UCS4 _lower(Py_UCS4 c) noexcept:
    """The character ``str.lower`` makes of ``c`` (Latin-1, ``’`` and ``‘``), else ``UNKNOWN``."""
    if c < 128:
        if 65 <= c <= 90:
            return <Py_UCS4>(<uint32_t>c + 32)
        return c
    if c < 256:
        if 0xC0 <= c <= 0xDE and c != 0xD7:
            return <Py_UCS4>(<uint32_t>c + 32)
        return c
    if c == 0x2019 or c == 0x2018:
        return c
    return UNKNOWN


cdef inline Py_UCS4 _nlower(Py_UCS4 c) noexcept:
    """``_norm`` of the lower case of ``c`` (``’`` and ``‘`` read as ``'``), or ``UNKNOWN``."""
    if c == 0x2019 or c == 0x2018:
        return 39
    return _lower(c)


def lower_char(Py_UCS4 c):
    """:func:`_lower` for the tests: the lower case of ``c`` or None when not known here."""
    cdef Py_UCS4 r = _lower(c)
    return None if r == UNKNOWN else chr(r)


cdef class PrefixBits:
    """The prefilter table of a ``_PrefixFilter`` as bits, with the prefix lengths it needs."""

    cdef bytes bits
    cdef int lengths[8]
    cdef int n_lengths

    def __init__(self, object table, object lengths):
        if len(table) != (1 << TABLE_BITS):
            raise ValueError("prefilter table of an unexpected size")
        cdef bytearray bits = bytearray((1 << TABLE_BITS) >> 3)
        cdef Py_ssize_t i
        for i in table.nonzero()[0].tolist():
            bits[i >> 3] |= (1 << (i & 7))
        self.bits = bytes(bits)
        ls = sorted(set(int(x) for x in lengths))
        if len(ls) > 8 or any(k < 1 or k > 8 for k in ls):
            raise ValueError("prefix lengths out of range")
        self.n_lengths = len(ls)
        for i in range(len(ls)):
            self.lengths[i] = ls[i]


cdef class _Scan:
    """State of one :func:`scan_tokens` call."""

    cdef object text
    cdef int kind
    cdef void *data
    cdef const int64_t[:] starts
    cdef const int64_t[:] ends
    cdef Py_ssize_t n
    cdef char *foreign
    cdef object doc
    cdef object low  # doc.lower, fetched when first needed
    cdef object stop_words  # callable giving the stop-word set, called when first needed
    cdef object stops

    def __dealloc__(self):
        if self.foreign != NULL:
            free(self.foreign)

    cdef object get_low(self):
        if self.low is None:
            self.low = self.doc.lower
        return self.low

    cdef int known(self, Py_ssize_t s, Py_ssize_t e) noexcept:
        """Whether every character of ``text[s:e]`` has its lower case known here."""
        cdef Py_ssize_t q
        for q in range(s, e):
            if _lower(PyUnicode_READ(self.kind, self.data, q)) == UNKNOWN:
                return 0
        return 1

    cdef object key(self, Py_ssize_t s, Py_ssize_t e):
        """``doc.lower[s:e]``: the cache key of a token."""
        cdef Py_UCS4 buf[KEY_BUF]
        cdef Py_ssize_t q, L = e - s
        cdef Py_UCS4 c, top = 0
        cdef uint8_t *out
        if L <= KEY_BUF:
            for q in range(L):
                c = _lower(PyUnicode_READ(self.kind, self.data, s + q))
                if c == UNKNOWN:
                    return PyUnicode_Substring(self.get_low(), s, e)
                buf[q] = c
                if c > top:
                    top = c
            if top < 128:
                # the usual case: an ASCII string written in place
                key = PyUnicode_New(L, 127)
                out = PyUnicode_1BYTE_DATA(key)
                for q in range(L):
                    out[q] = <uint8_t>buf[q]
                return key
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, L)
        if self.known(s, e):
            return PyUnicode_Substring(self.text, s, e).lower()
        return PyUnicode_Substring(self.get_low(), s, e)

    cdef object nlow(self, Py_ssize_t s, Py_ssize_t e):
        """``_norm(doc.lower[s:e])`` of a token whose characters are all known."""
        cdef Py_ssize_t q
        cdef list out = []
        cdef Py_UCS4 *buf = <Py_UCS4 *>malloc(sizeof(Py_UCS4) * (e - s + 1))
        if buf == NULL:
            raise MemoryError()
        try:
            for q in range(s, e):
                buf[q - s] = _nlower(PyUnicode_READ(self.kind, self.data, q))
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, e - s)
        finally:
            free(buf)

    cdef int low_startswith(self, str prefix, Py_ssize_t s, Py_ssize_t e) except -1:
        """``doc.lower.startswith(prefix, s, e)``."""
        cdef Py_ssize_t P = PyUnicode_GET_LENGTH(prefix)
        cdef int pk = PyUnicode_KIND(prefix)
        cdef void *pd = PyUnicode_DATA(prefix)
        cdef Py_ssize_t q
        cdef Py_UCS4 c
        if P > e - s:
            return 0
        for q in range(P):
            c = _lower(PyUnicode_READ(self.kind, self.data, s + q))
            if c == UNKNOWN:
                return 1 if self.get_low().startswith(prefix, s, e) else 0
            if c != PyUnicode_READ(pk, pd, q):
                return 0
        return 1

    cdef int cs_ok(self, object cs, Py_ssize_t s, Py_ssize_t e) except -1:
        """``_norm(text[s:e]).startswith(cs)`` (any characters)."""
        cdef str v = cs
        cdef Py_ssize_t L = PyUnicode_GET_LENGTH(v)
        cdef int vk = PyUnicode_KIND(v)
        cdef void *vd = PyUnicode_DATA(v)
        cdef Py_ssize_t q
        cdef Py_UCS4 c
        if L > e - s:
            return 0
        for q in range(L):
            c = PyUnicode_READ(self.kind, self.data, s + q)
            if c == 0x2019 or c == 0x2018:
                c = 39
            if c != PyUnicode_READ(vk, vd, q):
                return 0
        return 1

    cdef int elem_match(self, tuple elem, Py_ssize_t s, Py_ssize_t e, bint last) except -2:
        """``_elem_match(elem, _norm(low[s:e]), text[s:e], last)``: 1, 0, or -1 when not known here."""
        cdef str kind = elem[0]
        cdef str v
        cdef Py_ssize_t L, q, r
        cdef int vk
        cdef void *vd
        cdef Py_UCS4 c, c0, c1
        cdef object cs = elem[2]
        if kind == "any":
            return 1
        if kind == "name":
            if not Py_UNICODE_ISUPPER(PyUnicode_READ(self.kind, self.data, s)):
                return 0
            if not self.known(s, e):
                return -1
            if self.stops is None:
                self.stops = self.stop_words()
            return 0 if self.nlow(s, e) in self.stops else 1
        # "lit" or "stem": the normalised lower case of the token begins with the value
        v = elem[1]
        L = PyUnicode_GET_LENGTH(v)
        vk = PyUnicode_KIND(v)
        vd = PyUnicode_DATA(v)
        if L > e - s:
            return 0
        for q in range(L):
            c = _nlower(PyUnicode_READ(self.kind, self.data, s + q))
            if c == UNKNOWN:
                return -1
            if c != PyUnicode_READ(vk, vd, q):
                return 0
        if kind == "lit":
            r = e - s - L
            if r > 0:
                if r > 2:
                    return 0
                for q in range(s + L, e):
                    if _nlower(PyUnicode_READ(self.kind, self.data, q)) == UNKNOWN:
                        return -1
                c0 = _nlower(PyUnicode_READ(self.kind, self.data, s + L))
                if r == 1:
                    if not (last and c0 == 115):  # "s"
                        return 0
                else:
                    c1 = _nlower(PyUnicode_READ(self.kind, self.data, s + L + 1))
                    if not (
                        (c0 == 39 and c1 == 115)  # "'s"
                        or (last and ((c0 == 101 and c1 == 115) or (c0 == 115 and c1 == 39)))  # "es" "s'"
                    ):
                        return 0
        if cs is not None and not self.cs_ok(cs, s, e):
            return 0
        return 1

    cdef int gap_ok(self, Py_ssize_t a, Py_ssize_t b, str key) except -1:
        """``_gap_ok(text, a, b, key)``."""
        cdef Py_ssize_t q, m = 0
        cdef Py_ssize_t K = PyUnicode_GET_LENGTH(key)
        cdef int kk = PyUnicode_KIND(key)
        cdef void *kd = PyUnicode_DATA(key)
        cdef Py_UCS4 c, prev = 0
        if a == b:
            return 0
        if b - a == 1 and K == 0:
            c = PyUnicode_READ(self.kind, self.data, a)
            if c == 32 or c == 45 or 0x2010 <= c <= 0x2014:  # " " or one of _DASHES
                return 1
        for q in range(a, b):
            c = PyUnicode_READ(self.kind, self.data, q)
            if c == 10 and prev == 10:
                return 0  # "\n\n"
            prev = c
            if (
                c == 32 or c == 9 or c == 13 or c == 10 or c == 0xA0 or c == 0x2009 or c == 0x202F
                or c == 45 or 0x2010 <= c <= 0x2014
            ):
                continue  # dropped by _GAP_DROP
            if m >= K or c != PyUnicode_READ(kk, kd, m):
                return 0
            m += 1
        return 1 if m == K else 0

    cdef object match_at(self, object p, Py_ssize_t a, Py_ssize_t i, object py_match_at):
        """``_match_at(p, a, i, ...)``: the span, or None."""
        cdef tuple elems = p.elems
        cdef Py_ssize_t n = len(elems)
        cdef Py_ssize_t first, last, k, t, s, e
        cdef int r
        cdef bint unknown = False
        cdef tuple gaps
        cdef tuple elem
        if n == 1:
            elem = elems[0]
            if elem[2] is not None:
                r = self.elem_match(elem, self.starts[i], self.ends[i], True)
                if r == 0:
                    return None
                if r < 0:
                    return self.fallback(p, a, i, py_match_at)
            return (self.starts[i], self.ends[i])
        first = i - a
        last = i + (n - 1 - a)
        if first < 0 or last >= self.n:
            return None
        gaps = p.gaps
        for k in range(n):
            t = first + k
            s = self.starts[t]
            e = self.ends[t]
            if self.foreign != NULL and self.foreign[t]:
                return None
            if k > 0 and not self.gap_ok(self.ends[t - 1], s, gaps[k - 1]):
                return None
            elem = elems[k]
            if k == a and elem[2] is None:
                continue
            r = self.elem_match(elem, s, e, k == n - 1)
            if r == 0:
                return None
            if r < 0:
                unknown = True
        if unknown:
            return self.fallback(p, a, i, py_match_at)
        return (self.starts[first], self.ends[last])

    cdef object fallback(self, object p, Py_ssize_t a, Py_ssize_t i, object py_match_at):
        """The pure-Python ``_match_at`` (a token with a character not known here)."""
        cdef Py_ssize_t t
        starts, ends = self.doc.token_offsets
        foreign = None
        if self.foreign != NULL:
            foreign = [bool(self.foreign[t]) for t in range(self.n)]
        return py_match_at(p, a, i, starts, ends, self.get_low(), self.text, foreign)


def scan_tokens(str text, const int64_t[:] starts, const int64_t[:] ends, list skip, PrefixBits filt,
                dict cache, object candidates, object doc, object py_match_at, object stop_words):
    """The token loop of ``_scan``: the raw hits of the word terms and the number of skipped tokens.

    Parameters
    ----------
    text : str
        ``doc.text``.
    starts, ends : ndarray of int64
        ``doc.token_bounds``.
    skip : list of (int, int)
        ``_skip_intervals(doc)``: sorted, disjoint.
    filt : PrefixBits
        The matcher's prefilter.
    cache : dict
        The matcher's token -> candidates cache (``_Matcher.cache``).
    candidates : callable
        ``_Matcher.candidates`` (fills the cache).
    doc : Doc
        For ``doc.lower`` and ``doc.token_offsets``, asked only when a token needs them.
    py_match_at : callable
        The pure-Python ``_match_at``.
    stop_words : callable
        ``_stop_words``.

    Returns
    -------
    raw : list of tuple
        ``(theme, start, end, term, exclusion, scope)`` in the order of the pure-Python loop.
    n_skipped : int
        Tokens in ``skip``.
    """
    cdef _Scan st = _Scan()
    cdef Py_ssize_t n = starts.shape[0]
    cdef Py_ssize_t n_text = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t i, j, q, s, e, L, k, li, n_skip, n_skipped = 0, off, jt
    cdef int64_t *sk_s = NULL
    cdef int64_t *sk_e = NULL
    cdef const uint8_t *bits = <const uint8_t *>(<char *>filt.bits)
    cdef uint64_t packed, slot
    cdef Py_UCS4 c
    cdef bint keep, dash
    cdef list raw = []
    cdef tuple cand, singles, multis, parts, one
    if ends.shape[0] != n:
        raise ValueError("token starts and ends differ in length")
    st.text = text
    st.kind = PyUnicode_KIND(text)
    st.data = PyUnicode_DATA(text)
    st.starts = starts
    st.ends = ends
    st.n = n
    st.doc = doc
    st.stop_words = stop_words
    for i in range(n):
        if starts[i] < 0 or ends[i] > n_text or ends[i] <= starts[i]:
            raise ValueError("token bounds outside the text")
    # tokens inside the skipped intervals, as the pure-Python loop finds them
    n_skip = len(skip)
    if n_skip:
        st.foreign = <char *>malloc(n + 1)
        sk_s = <int64_t *>malloc(sizeof(int64_t) * n_skip)
        sk_e = <int64_t *>malloc(sizeof(int64_t) * n_skip)
        if st.foreign == NULL or sk_s == NULL or sk_e == NULL:
            free(sk_s)
            free(sk_e)
            raise MemoryError()
        try:
            for j in range(n_skip):
                sk_s[j] = skip[j][0]
                sk_e[j] = skip[j][1]
            j = 0
            for i in range(n):
                s = starts[i]
                st.foreign[i] = 0
                while j < n_skip and sk_e[j] <= s:
                    j += 1
                if j < n_skip and sk_s[j] <= s < sk_e[j]:
                    st.foreign[i] = 1
                    n_skipped += 1
        finally:
            free(sk_s)
            free(sk_e)
    for i in range(n):
        s = starts[i]
        e = ends[i]
        L = e - s
        # the prefilter: the packed first k characters of the token, for each k a key needs
        # (a token shorter than k cannot begin with a key of k characters or more); a character
        # whose lower case is not known here keeps the token, as does a hyphen (word parts)
        keep = False
        packed = 0
        q = 0
        for li in range(filt.n_lengths):
            k = filt.lengths[li]
            if k > L:
                break
            while q < k:
                c = _nlower(PyUnicode_READ(st.kind, st.data, s + q))
                if c == UNKNOWN:
                    keep = True
                    break
                packed |= (<uint64_t>c) << (8 * q)
                q += 1
            if keep:
                break
            slot = (packed * HASH_MULT) >> (64 - TABLE_BITS)
            if bits[slot >> 3] & (1 << (slot & 7)):
                keep = True
                break
        if not keep:
            dash = False
            for q in range(s, e):
                if PyUnicode_READ(st.kind, st.data, q) == 45:
                    dash = True
                    break
            if not dash:
                continue
        key = st.key(s, e)
        c_obj = cache.get(key)
        if c_obj is None:
            c_obj = candidates(key)
        if c_obj is False:
            continue
        if st.foreign != NULL and st.foreign[i]:
            continue
        cand = c_obj
        singles = cand[0]
        multis = cand[1]
        parts = cand[2]
        if singles:
            ps = s
            pe = e
            for one in singles:
                raw.append((one[0], ps, pe, one[1], one[2], one[3]))
        for one in multis:
            p = one[0]
            a = one[1]
            off = one[2]
            if off:
                jt = i + off
                if jt < 0 or jt >= n or not st.low_startswith(one[3], starts[jt], ends[jt]):
                    continue
            span = st.match_at(p, a, i, py_match_at)
            if span is not None:
                raw.append((p.theme, span[0], span[1], p.term, p.exclusion, p.scope))
        if parts:
            for rs, re_, pcs in parts:
                for pa in pcs:
                    p = pa[0]
                    cs = p.elems[0][2]
                    if cs is not None and not st.cs_ok(cs, s + rs, s + re_):
                        continue
                    raw.append((p.theme, s + rs, s + re_, p.term, p.exclusion, p.scope))
    return raw, n_skipped
