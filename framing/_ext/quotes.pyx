# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled twins of hot loops of :mod:`framing.quotes` (optional; identical results).

:func:`verb_matches` is ``_Extractor._verb_matches`` on the token arrays of a ``Doc``:
the candidate starts (word tokens equal to a first word of a speech-verb form, and the
positions around periods inside tokens) are found in one C loop over the token arrays
and the text's code points, with a bit table (8 KB) of the word keys instead of the
numpy passes (``word_keys``, fancy indexing of a 64 KB bool table, ``flatnonzero``,
``tolist``) of the pure-Python code; the regex is then matched at each candidate as there.

:func:`chunks_to_tokens` is ``framing.quotes._chunks_to_tokens``: the ``_TOKEN_RE`` tokens
of white-space-free chunks, read in C (the regex's Unicode classes through
``Py_UNICODE_ISALNUM`` / ``Py_UNICODE_ISSPACE``; a chunk longer than 64 characters goes
through the Python cache of chunk tokens, as before). :func:`np_before` and :func:`np_after`
are the speaker finders ``_Extractor.np_before`` / ``np_after`` on C arrays of token
offsets (words are made as strings only where the lexicon sets and caches are asked).
:func:`mention_candidates` is ``framing.actors.ActorCatalog._candidates`` in one C loop.
The small helpers of the content reader run in C too: :func:`n_words` (``_n_words`` /
``_n_words_only``: the ``findall`` count of words up to a cap, instead of a regex of ``cap``
optional groups), :func:`n_alnum` (``_n_alnum``), :func:`skip_adverbials` (the first-word
test of ``_Extractor._skip_adverbials``; the adverbial regex still decides where that word
may open a match) and :func:`title_case` (``_title_case``).

No ``cdivision`` result is visible to Python: the only divisions are shifts of
non-negative lengths.
"""

from cpython.unicode cimport PyUnicode_READ, PyUnicode_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH
from cpython.unicode cimport Py_UNICODE_ISALNUM
from libc.stdint cimport int64_t, uint8_t, uint16_t, uint32_t
from cpython.pyport cimport PY_SSIZE_T_MAX

cdef extern from "Python.h":
    object PyUnicode_Substring(object s, Py_ssize_t start, Py_ssize_t end)
    Py_ssize_t PyUnicode_FindChar(object s, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end, int direction) except -2

#: id of a numpy bool key table -> (the table, its bit table): built once per table
#: (the tables belong to the cached speech-verb lexicons; the reference keeps the id valid).
cdef dict _BIT_TABLES = {}


cdef bytes _bit_table(object keys):
    """The bit table of a bool table of ``N_KEYS`` (1 << 16) entries: bit ``h`` set when ``keys[h]``."""
    hit = _BIT_TABLES.get(id(keys))
    if hit is not None and hit[0] is keys:
        return hit[1]
    cdef Py_ssize_t n = len(keys)
    if n != 65536:
        raise ValueError("key table of an unexpected size")
    cdef bytearray bits = bytearray(n >> 3)
    cdef Py_ssize_t i
    for i in keys.nonzero()[0].tolist():
        bits[i >> 3] |= (1 << (i & 7))
    out = bytes(bits)
    if len(_BIT_TABLES) > 16:
        _BIT_TABLES.clear()
    _BIT_TABLES[id(keys)] = (keys, out)
    return out


cdef inline Py_ssize_t _code(int kind, void *data, Py_ssize_t i) noexcept:
    """The byte ``ascii_codes`` gives character ``i``: its code if ASCII, else ``?``."""
    cdef Py_UCS4 ch = PyUnicode_READ(kind, data, i)
    return <Py_ssize_t>ch if ch < 128 else 63


def verb_matches(str text, const int64_t[:] starts, const int64_t[:] ends, object keys,
                 object first, object match):
    """``_Extractor._verb_matches`` (prefiltered case): the regex matches in text order.

    Parameters
    ----------
    text : str
        The ``Doc`` text.
    starts, ends : ndarray of int64
        ``Doc.token_bounds`` (the ``WORD_RE`` tokens, in text order).
    keys : ndarray of bool
        ``SpeechVerbs.first_keys`` (or ``speech_first_keys``): which ``word_keys`` keys are
        those of a first word.
    first : frozenset of str
        The first words (``first_words`` or ``speech_first_words``).
    match : callable
        The speech-verb regex's ``match`` method.

    Returns
    -------
    list of re.Match
        The same matches as the pure-Python code, in the same order.
    """
    cdef bytes bits_obj = _bit_table(keys)
    cdef const uint8_t *bits = <const uint8_t *>(<char *>bits_obj)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n_text = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t nt = starts.shape[0]
    cdef Py_ssize_t t, a, e, L, h, i, lo, hi, mid
    cdef Py_UCS4 ch
    cdef list cands = []
    cdef list extra = []
    cdef list dots = []
    if ends.shape[0] != nt:
        raise ValueError("token starts and ends differ in length")
    # the tokens whose key is that of a first word, then their words
    for t in range(nt):
        a = starts[t]
        e = ends[t]
        L = e - a
        if a < 0 or e > n_text or L <= 0:
            raise ValueError("token bounds outside the text")
        h = (_code(kind, data, a) * 40503 + _code(kind, data, a + (L >> 1)) * 2654435
             + _code(kind, data, e - 1) * 97 + L * 1009) & 65535
        if bits[h >> 3] & (1 << (h & 7)):
            if PyUnicode_Substring(text, a, e) in first:
                cands.append(a)
    # periods inside tokens: "\.(?=[^\W_])" with a letter or digit before
    i = PyUnicode_FindChar(text, 46, 1, n_text - 1, 1) if n_text > 2 else -1  # "."
    while i >= 0:
        if Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i + 1)) and Py_UNICODE_ISALNUM(
            PyUnicode_READ(kind, data, i - 1)
        ):
            dots.append(i + 1)
        i = PyUnicode_FindChar(text, 46, i + 1, n_text - 1, 1)
    if dots:
        for d in dots:
            extra.append(d)
        for d in dots:
            # the token holding the period: bisect_left(starts, d) - 1
            lo = 0
            hi = nt
            while lo < hi:
                mid = (lo + hi) >> 1
                if starts[mid] < <Py_ssize_t>d:
                    lo = mid + 1
                else:
                    hi = mid
            if lo - 1 >= 0:
                extra.append(starts[lo - 1])
        # every form starts with a lower-case ASCII letter: no match starts at another character
        out_extra = []
        for a in extra:
            ch = PyUnicode_READ(kind, data, a)
            if 97 <= ch <= 122:
                out_extra.append(a)
        if out_extra:
            cands = sorted(set(cands).union(out_extra))
    out = []
    cdef Py_ssize_t last = 0
    for x in cands:
        a = x
        if a >= last:
            m = match(text, a)
            if m is not None:
                out.append(m)
                last = m.end()
    return out



cdef inline Py_ssize_t _bisect_right(list xs, Py_ssize_t x) except -1:
    """``bisect.bisect_right(xs, x)`` on a sorted list of int."""
    cdef Py_ssize_t lo = 0, hi = len(xs), mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < <Py_ssize_t>xs[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def verb_cues(str text, starts, ends, keys, first, match, dict forms, bint beliefs,
              list top_starts, list tops, list sent_starts, punct_only, cue_class):
    """The speech-verb cues of ``_Extractor.find_cues`` (before the ``according to`` ones):
    the same ``_Cue`` records, in the same order, from the matches of :func:`verb_matches`.

    ``forms`` is ``SpeechVerbs.forms``; ``top_starts``/``tops`` the top-level quotes;
    ``sent_starts`` the sentence starts; ``punct_only`` ``_PUNCT_ONLY_LEMMAS``; ``cue_class``
    ``_Cue``.
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n_text = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t a, e, i, si
    cdef Py_UCS4 c0, c1, c2, ch
    cdef bint to_before
    cdef list out = []
    for m in verb_matches(text, starts, ends, keys, first, match):
        a = m.start()
        i = _bisect_right(top_starts, a) - 1
        if i >= 0 and tops[i].end > a:
            continue  # inside a quotation
        w = m.group()
        lemma, cls = forms[w]
        if not beliefs and cls == "belief":
            continue
        e = m.end()
        if lemma in punct_only and e < n_text:
            ch = PyUnicode_READ(kind, data, e)
            if not (ch == 44 or ch == 46 or ch == 58 or ch == 59):  # , . : ;
                continue  # "he continued, “...”" but not "the war continued"
        # "to say", "the report": a preceding "to" or determiner means it is not a finite verb
        if a >= 3:
            c0 = PyUnicode_READ(kind, data, a - 3)
            c1 = PyUnicode_READ(kind, data, a - 2)
            c2 = PyUnicode_READ(kind, data, a - 1)
            if c0 < 128 and c1 < 128 and c2 < 128:
                to_before = (c0 == 116 or c0 == 84) and (c1 == 111 or c1 == 79) and c2 == 32
            else:  # (str.lower of other letters may give other strings: as in Python)
                to_before = PyUnicode_Substring(text, a - 3, a).lower() == "to "
            if to_before:
                if a == 3:
                    continue
                ch = PyUnicode_READ(kind, data, a - 4)
                if ch == 32 or ch == 10:
                    continue
        si = _bisect_right(sent_starts, a) - 1
        out.append(cue_class(a, e, w, lemma, cls, si if si > 0 else 0))
    return out

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    Py_ssize_t PyUnicode_Find(object s, object sub, Py_ssize_t start, Py_ssize_t end, int direction) except -2

#: 1 for the ASCII letters and digits.
cdef uint8_t _ALNUM_TAB[128]
for _i in range(128):
    _ALNUM_TAB[_i] = 1 if chr(_i).isalnum() else 0


cdef inline bint _alnum(Py_UCS4 ch) noexcept:
    """``[^\\W_]`` of a ``str`` regex (``str.isalnum`` of the character): a table for ASCII."""
    if ch < 128:
        return _ALNUM_TAB[ch] != 0
    return Py_UNICODE_ISALNUM(ch)


cdef inline bint _letter(Py_UCS4 ch) noexcept nogil:
    return (65 <= ch <= 90) or (97 <= ch <= 122)


cdef inline Py_ssize_t _word_run(int kind, void *data, Py_ssize_t p, Py_ssize_t n) noexcept:
    """End of the run of word characters from the letter or digit at ``p``: letters, digits,
    ``_`` and ``&``, and ``’ ' . -`` where a letter or digit follows (no final period)."""
    cdef Py_ssize_t q = p + 1
    cdef Py_UCS4 c2
    while q < n:
        c2 = PyUnicode_READ(kind, data, q)
        if _alnum(c2) or c2 == 95 or c2 == 38:  # letters, digits, "_", "&"
            q += 1
        elif (c2 == 39 or c2 == 46 or c2 == 45 or c2 == 0x2019) and q + 1 < n and _alnum(
            PyUnicode_READ(kind, data, q + 1)
        ):
            q += 1  # "'", ".", "-", "’" before a letter or digit
        else:
            break
    return q


cdef Py_ssize_t _token_end(int kind, void *data, Py_ssize_t p, Py_ssize_t n) noexcept:
    """End of the ``_TOKEN_RE`` match at ``p`` of a chunk without white space (ending at
    ``n``), or -1 when no match starts there (at ``_``).

    The alternatives in the regex's order: ``(?:[A-Za-z]\\.)+(?![^\\W_])`` (only the longest
    repetition can pass the lookahead: a shorter one is followed by a letter),
    ``[A-Z][a-z]{0,3}\\.(?![^\\W_])`` (likewise only the greedy count can meet the ``.``),
    ``[^\\W_](?:[\\w&]|[’'.\\-](?=[^\\W_]))*`` (greedy, nothing after it) and ``[^\\w\\s]``,
    with the regex's Unicode classes: ``[^\\W_]`` is ``Py_UNICODE_ISALNUM``, ``\\w`` adds ``_``,
    ``\\s`` is ``Py_UNICODE_ISSPACE`` (``[A-Za-z]`` and ``[a-z]`` are ASCII only)."""
    cdef Py_UCS4 ch = PyUnicode_READ(kind, data, p)
    cdef Py_UCS4 c2
    cdef Py_ssize_t q
    cdef int j
    if _letter(ch):
        q = p
        while q + 1 < n and _letter(PyUnicode_READ(kind, data, q)) and PyUnicode_READ(kind, data, q + 1) == 46:
            q += 2
        if q > p and (q >= n or not _alnum(PyUnicode_READ(kind, data, q))):
            return q
    if 65 <= ch <= 90:
        q = p + 1
        j = 0
        while j < 3 and q < n and 97 <= PyUnicode_READ(kind, data, q) <= 122:
            q += 1
            j += 1
        if q < n and PyUnicode_READ(kind, data, q) == 46:
            if q + 1 >= n or not _alnum(PyUnicode_READ(kind, data, q + 1)):
                return q + 1
    if _alnum(ch):
        return _word_run(kind, data, p, n)
    if ch == 95 or Py_UNICODE_ISSPACE(ch):  # "_" (a word character) or white space: no match
        return -1
    return p + 1


def chunks_to_tokens(str sub, list chunks, Py_ssize_t pos, Py_ssize_t base, object get, object chunk_tokens):
    """``framing.quotes._chunks_to_tokens``: the same list of (start, end, word).

    Chunks of up to 64 characters are tokenized here; longer ones go through the Python
    cache of chunk tokens (``get``: ``_CHUNK_TOKENS.get``; ``chunk_tokens``:
    ``_chunk_tokens``), as in the pure-Python function.
    """
    cdef list out = []
    cdef Py_ssize_t a, n, i, p, e, ab
    cdef int kind
    cdef void *data
    cdef Py_ssize_t starts_buf[64]
    cdef Py_ssize_t ends_buf[64]
    cdef int nt
    for c in chunks:
        a = PyUnicode_Find(sub, c, pos, PY_SSIZE_T_MAX, 1)
        n = PyUnicode_GET_LENGTH(c)
        pos = a + n
        kind = PyUnicode_KIND(c)
        data = PyUnicode_DATA(c)
        if n <= 64:  # (at most 64 tokens)
            nt = 0
            p = 0
            while p < n:
                e = _token_end(kind, data, p, n)
                if e < 0:
                    p += 1
                    continue
                starts_buf[nt] = p
                ends_buf[nt] = e
                nt += 1
                p = e
            if nt == 1 and starts_buf[0] == 0 and ends_buf[0] == n:
                out.append((a + base, pos + base, c))
            else:
                ab = a + base
                for i in range(nt):
                    out.append((ab + starts_buf[i], ab + ends_buf[i], PyUnicode_Substring(c, starts_buf[i], ends_buf[i])))
            continue
        toks = get(c)
        if toks is None:
            toks = chunk_tokens(c)
        if toks is True:  # the chunk is one token
            out.append((a + base, pos + base, c))
        else:
            ab = a + base
            for x, y, w in toks:
                out.append((ab + x, ab + y, w))
    return out


def mention_candidates(str text, Py_ssize_t start, Py_ssize_t end, object single, object pair):
    """``framing.actors.ActorCatalog._candidates``: the same list of positions, in text order.

    The runs of ASCII letters and digits of ``text[lo:end]`` (``lo = max(start - 1, 0)``; a
    character outside ASCII ends a run, as its ``?`` does in ``ascii_bytes``) are read in one
    C loop; each run's ``word_keys`` key and its pair key with the next run
    (``key * 7919 + next key``, the last run's alone) are looked up in bit tables of
    ``single`` and ``pair`` (``ActorCatalog._run_tables``).
    """
    cdef bytes sb = _bit_table(single)
    cdef bytes pb = _bit_table(pair)
    cdef const uint8_t *sbits = <const uint8_t *>(<char *>sb)
    cdef const uint8_t *pbits = <const uint8_t *>(<char *>pb)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n_text = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t lo = start - 1 if start - 1 > 0 else 0
    cdef list out = []
    if end > n_text:
        end = n_text
    # (one copy of the loop per string kind: no switch on the kind per character)
    if kind == 1:
        _mention_runs(<const uint8_t *>data, lo, end, start, sbits, pbits, out)
    elif kind == 2:
        _mention_runs(<const uint16_t *>data, lo, end, start, sbits, pbits, out)
    else:
        _mention_runs(<const uint32_t *>data, lo, end, start, sbits, pbits, out)
    return out


ctypedef fused uchar_t:
    uint8_t
    uint16_t
    uint32_t


cdef inline bint _ascii_alnum(Py_UCS4 ch) noexcept nogil:
    return ch < 128 and _ALNUM_TAB[ch] != 0


cdef int _mention_runs(const uchar_t *s, Py_ssize_t lo, Py_ssize_t end, Py_ssize_t start,
                       const uint8_t *sbits, const uint8_t *pbits, list out) except -1:
    """The loop of :func:`mention_candidates` over ``s[lo:end]``, appending to ``out``."""
    cdef Py_ssize_t i = lo, a, L, key, pk
    cdef Py_ssize_t prev_start = -1, prev_key = 0
    while i < end:
        if not _ascii_alnum(s[i]):
            i += 1
            continue
        a = i
        i += 1
        while i < end and _ascii_alnum(s[i]):
            i += 1
        L = i - a
        key = (<Py_ssize_t>s[a] * 40503 + <Py_ssize_t>s[a + (L >> 1)] * 2654435
               + <Py_ssize_t>s[i - 1] * 97 + L * 1009) & 65535
        if prev_start >= 0:
            pk = (prev_key * 7919 + key) & 65535
            if (sbits[prev_key >> 3] & (1 << (prev_key & 7))) or (pbits[pk >> 3] & (1 << (pk & 7))):
                if prev_start >= start:
                    out.append(prev_start)
        prev_start = a
        prev_key = key
    if prev_start >= 0:
        pk = (prev_key * 7919) & 65535
        if (sbits[prev_key >> 3] & (1 << (prev_key & 7))) or (pbits[pk >> 3] & (1 << (pk & 7))):
            if prev_start >= start:
                out.append(prev_start)
    return 0

# -- the speaker phrase before a cue (``_Extractor.np_before``) ---------------------------

#: Names read from framing.quotes on first use (the module is then fully loaded).
cdef object _NP = None
cdef object _FAST_PRONOUNS = None
cdef object _PARTY_TAG_RE = None
cdef object _AUX = None
cdef object _NOT_ADVERB = None
cdef object _DETERMINERS = None
cdef object _POSS_PRONOUNS = None
cdef object _OF_FOR_AT = ("of ", "for ", "at ")
cdef object _MISSING = object()


cdef inline object _head_kind(ex, dict cache, object w):
    """``ex._head_kind(w)``: its cache read here, the method called on a miss."""
    hit = cache.get(w, _MISSING)
    if hit is _MISSING:
        return ex._head_kind(w)
    return hit


cdef inline object _np_ok(ex, dict cache, object w):
    """``ex._np_ok_token(w)``: its cache read here, the method called on a miss."""
    hit = cache.get(w)
    if hit is None:
        return ex._np_ok_token(w)
    return hit
cdef object _POSSESSIVE = ("’s", "'s")

#: Most tokens a window holds here (a window of at most 256 characters): wider ones are
#: read by the pure-Python method.
cdef enum:
    MAX_TOKS = 256


cdef int _init() except -1:
    global _NP, _FAST_PRONOUNS, _PARTY_TAG_RE, _AUX, _NOT_ADVERB, _DETERMINERS, _POSS_PRONOUNS
    if _NP is not None:
        return 0
    import framing.quotes as Q
    _FAST_PRONOUNS = Q._FAST_PRONOUNS
    _PARTY_TAG_RE = Q._PARTY_TAG_RE
    _AUX = Q._AUX
    _NOT_ADVERB = Q._NOT_ADVERB
    _DETERMINERS = Q._DETERMINERS
    _POSS_PRONOUNS = Q._POSS_PRONOUNS
    _NP = Q._NP
    return 0


cdef Py_ssize_t _window_tokens(str text, int kind, void *data, Py_ssize_t ws, Py_ssize_t we,
                               Py_ssize_t *ts, Py_ssize_t *te) noexcept:
    """The ``_TOKEN_RE`` tokens of ``text[ws:we]`` (``_Extractor._tokenize``) into ``ts``/``te``
    (room for ``MAX_TOKS``, which a window of at most that many characters cannot pass);
    their number. The tokens of each white-space-separated chunk (as ``str.split`` cuts
    them: no construct of the regex reads across white space)."""
    cdef Py_ssize_t nt = 0, i = ws, a, p, e
    while i < we:
        if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            i += 1
            continue
        a = i
        while i < we and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            i += 1
        p = a
        while p < i:
            e = _token_end(kind, data, p, i)
            if e < 0:
                p += 1
                continue
            ts[nt] = p
            te[nt] = e
            nt += 1
            p = e
    return nt


cdef inline bint _is_cap(str w):
    return PyUnicode_GET_LENGTH(w) > 0 and w[0].isupper()


cdef inline bint _one_space(int kind, void *data, Py_ssize_t a, Py_ssize_t b):
    """``text[a:b] in (" ", "\\u00a0")``."""
    cdef Py_UCS4 ch
    if b - a != 1:
        return False
    ch = PyUnicode_READ(kind, data, a)
    return ch == 32 or ch == 0xA0


def np_before(ex, Py_ssize_t lo, Py_ssize_t p, Py_ssize_t width=50, bint generic=False):
    """``_Extractor.np_before``: the same answer (an ``_NP`` or None), read on C token arrays.

    The pure-Python method first reads the last chunks of its window and the whole window
    only when needed (``_MORE``), and skips windows whose last token is no head
    (``_no_head_before``); both shortcuts give the answer of the whole window, which is
    read here (its tokens cost little in C).
    """
    _init()
    cdef str text = ex.text
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n_text = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t p0 = p, b, k, t0, ws, q, nt, i, j, start, hs, he, ps, pe
    cdef bint retry
    cdef Py_ssize_t ts[MAX_TOKS]
    cdef Py_ssize_t te[MAX_TOKS]
    cdef Py_UCS4 ch
    if lo < 0 or p > n_text or p < lo or width > MAX_TOKS:
        return ex._np_before_py(lo, p, width, generic)
    if p - lo >= 3 and PyUnicode_READ(kind, data, p - 1) == 32:
        # fast path: "he said", "she told" (no adverb or auxiliary in between)
        b = p - 6 if p - 6 > lo else lo
        k = p - 2
        while k >= b and PyUnicode_READ(kind, data, k) != 32:
            k -= 1
        if k < b:
            k = -1
        w = PyUnicode_Substring(text, k + 1 if k >= 0 else b, p - 1)
        if w in _FAST_PRONOUNS and (k >= 0 or p - 1 - PyUnicode_GET_LENGTH(w) == lo):
            a = p - 1 - PyUnicode_GET_LENGTH(w)
            return _NP(a, p - 1, w, w, "pronoun")
    # the tag ends with ")" or "," before trailing white space: test that first
    t0 = p - 50 if p - 50 > lo else lo
    q = p - 1
    while q >= t0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, q)):
        q -= 1
    if q >= t0:
        ch = PyUnicode_READ(kind, data, q)
        if ch == 41 or ch == 44:  # ")" or ","
            m = _PARTY_TAG_RE.search(text, t0, p)
            if m:  # "Rep. Gwen Moore (D-Wis.) said", "Mitch McConnell, R-Ky., said"
                p = m.start()
    ws = p - width if p - width > lo else lo
    retry = ws > lo and width < 200
    nt = _window_tokens(text, kind, data, ws, p, ts, te)
    # auxiliaries and adverbs before the cue
    i = nt - 1
    aux = []
    while i >= 0 and len(aux) < 4:
        w = PyUnicode_Substring(text, ts[i], te[i])
        lw = w.lower()
        if lw in _AUX or (lw.endswith("ly") and len(lw) > 4 and lw not in _NOT_ADVERB and not _is_cap(w)):
            i -= 1
            aux.append(lw)
            continue
        break
    if i <= 0 and retry:
        return np_before(ex, lo, p0, 200, generic)
    if i < 0:
        return None
    hs = ts[i]
    he = te[i]
    hw = PyUnicode_Substring(text, hs, he)
    cdef object roles = ex.roles
    cdef dict ok_cache = roles.ok_cache
    hkind = _head_kind(ex, roles.head_cache, hw)
    if hkind is None:
        if generic:
            toks = [(ts[x], te[x], PyUnicode_Substring(text, ts[x], te[x])) for x in range(nt)]
            return ex._generic_np(toks, i, aux)
        return None
    if hkind == "pronoun":
        return _NP(hs, he, hw, hw, "pronoun", aux=tuple(aux))
    j = i
    start = hs
    while j - 1 >= 0:
        ps = ts[j - 1]
        pe = te[j - 1]
        if not _one_space(kind, data, pe, ts[j]):
            break
        pw = PyUnicode_Substring(text, ps, pe)
        lw = pw.lower()
        if lw in _DETERMINERS or lw in _POSS_PRONOUNS:
            start = ps
            break
        if pw.endswith(_POSSESSIVE) and pw[0].isalnum():
            start = ps
            j -= 1
            continue
        if (lw == "of" or lw == "for" or lw == "at") and j - 2 >= 0 and _is_cap(
            PyUnicode_Substring(text, ts[j], te[j])
        ):
            # "Secretary of State", "member of the Parliament": keep only if a title precedes
            if _np_ok(ex, ok_cache, PyUnicode_Substring(text, ts[j - 2], te[j - 2])):
                start = ps
                j -= 1
                continue
            break
        if _np_ok(ex, ok_cache, pw):
            start = ps
            j -= 1
            continue
        break
    if j <= 1 and retry:
        return np_before(ex, lo, p0, 200, generic)
    # strip a leading "of"/"for" (a first word followed by a space)
    phrase = PyUnicode_Substring(text, start, he)
    while phrase[:4].lower().startswith(_OF_FOR_AT):
        start += len(phrase.split(" ", 1)[0]) + 1
        phrase = PyUnicode_Substring(text, start, he)
    return _NP(start, he, phrase, hw, hkind, aux=tuple(aux))


# -- the speaker phrase after a cue (``_Extractor.np_after``) -----------------------------

cdef object _SUBJ_PRONOUNS = None
cdef object _GENERIC_DETERMINERS = None
cdef object _NOT_GENERIC_HEAD = None
cdef object _PREPS = None
cdef object _CAP_STOP = None
cdef object _singular = None
cdef object _NOT_SUBJECT = frozenset(("it", "i", "we"))
cdef object _CLAUSE_END = (",", ".", ";")


cdef int _init_after() except -1:
    global _SUBJ_PRONOUNS, _GENERIC_DETERMINERS, _NOT_GENERIC_HEAD, _PREPS, _CAP_STOP, _singular
    _init()
    if _singular is not None:
        return 0
    import framing.quotes as Q
    _SUBJ_PRONOUNS = Q._SUBJ_PRONOUNS
    _GENERIC_DETERMINERS = Q._GENERIC_DETERMINERS
    _NOT_GENERIC_HEAD = Q._NOT_GENERIC_HEAD
    _PREPS = Q._PREPS
    _CAP_STOP = Q._CAP_STOP
    _singular = Q._singular
    return 0


def np_after(ex, Py_ssize_t p, Py_ssize_t hi, Py_ssize_t width=60, bint generic=False):
    """``_Extractor.np_after``: the same answer (an ``_NP`` or None), read on C token arrays.

    The pure-Python method reads the first chunks of its window first and the whole window
    only when needed (``_MORE``), which gives the answer of the whole window: read here.
    """
    _init_after()
    cdef str text = ex.text
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n_text = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t we = hi if hi < p + width else p + width
    cdef Py_ssize_t nt, i, j, x, start, hs, he
    cdef Py_ssize_t last = -1
    cdef bint hit, early_caps, ok
    cdef Py_ssize_t ts[MAX_TOKS]
    cdef Py_ssize_t te[MAX_TOKS]
    if p < 0 or we > n_text or width > MAX_TOKS:
        return ex._np_after_py(p, hi, width, generic)
    nt = _window_tokens(text, kind, data, p, we, ts, te) if we > p else 0
    words = [PyUnicode_Substring(text, ts[x], te[x]) for x in range(nt)]
    if we < hi and width < 200 and nt < 3:
        return np_after(ex, p, hi, 200, generic)
    if generic and nt >= 2 and words[0].lower() in _GENERIC_DETERMINERS:
        np = np_after(ex, p, hi, width)
        if np is not None:
            return np
        j = 1
        while j < nt and j <= 4 and (words[j].isalpha() and words[j].islower() or words[j].isdigit()):
            j += 1
        if 1 < j and (j == nt or words[j] in _CLAUSE_END) and words[j - 1].isalpha() and (
            words[j - 1] not in _NOT_GENERIC_HEAD and len(words[j - 1]) >= 3
        ):
            he = te[j - 1]
            return _NP(ts[0], he, PyUnicode_Substring(text, ts[0], he), words[j - 1], "noun")
        return None
    if nt == 0:
        return None
    cdef object roles = ex.roles
    cdef dict ok_cache = roles.ok_cache
    document = roles.document
    person = roles.person
    i = 0
    start = ts[0]
    w0 = words[0]
    lw0 = w0.lower()
    if lw0 in _SUBJ_PRONOUNS and lw0 not in _NOT_SUBJECT:
        return _NP(ts[0], te[0], w0, w0, "pronoun")
    if lw0 in _DETERMINERS or lw0 in _POSS_PRONOUNS:
        i = 1
    while i < nt:
        w = words[i]
        if i > 0 and not _one_space(kind, data, te[i - 1], ts[i]):
            break
        lw = w.lower()
        if (lw == "of" or lw == "for" or lw == "at") and i + 1 < nt and last >= 0:
            nxt = words[i + 1]
            if _is_cap(nxt) or nxt.lower() == "the":
                i += 1
                if nxt.lower() == "the":
                    i += 1
                continue
            break
        if _np_ok(ex, ok_cache, w) or (w.endswith(_POSSESSIVE) and _is_cap(w)):
            last = i
            i += 1
            continue
        if lw in document or _singular(lw) in document:
            last = i
            i += 1
            break
        if not _is_cap(w) and lw not in _PREPS and w[0].isalnum():
            # "said retired neurosurgeon Ben Carson", "explained CBS moderator Nancy Cordes"
            j = i + 1
            early_caps = False
            if last >= 0:
                for x in range(i + 1):
                    if _is_cap(words[x]):
                        early_caps = True
                        break
            if early_caps and not (lw in person or _singular(lw) in person):
                break
            while j < nt and j <= i + 3 and words[j][0].isalnum() and not _is_cap(words[j]) and (
                words[j].lower() not in _PREPS
            ):
                j += 1
            if j < nt and j <= i + 3 and _is_cap(words[j]) and words[j] not in _CAP_STOP:
                ok = True
                for x in range(i + 1, j + 1):
                    if not (te[x - 1] + 1 == ts[x] and PyUnicode_READ(kind, data, te[x - 1]) == 32):
                        ok = False
                        break
                if ok:
                    i = j
                    continue
            # "a post-meeting statement", "an open letter": adjectives before the head
            hit = False
            for j in range(i + 1, i + 3):
                if j < nt:
                    lj = words[j].lower()
                    if lj in document or _singular(lj) in document or lj in person:
                        last = j
                        i = j + 1
                        hit = True
                        break
            if hit:
                continue
        break
    if i >= nt - 2 and we < hi and width < 200:
        return np_after(ex, p, hi, 200)
    if last < 0:
        return None
    hs = ts[last]
    he = te[last]
    hw = words[last]
    hkind = _head_kind(ex, roles.head_cache, hw)
    if hkind is None:
        return None
    return _NP(start, he, PyUnicode_Substring(text, start, he), hw, hkind)


# -- small helpers of the content reader (``_n_alnum``, ``_n_words``, ``_skip_adverbials``) --

cdef inline void _slice_bounds(Py_ssize_t n, Py_ssize_t *a, Py_ssize_t *b) noexcept:
    """Clamp ``a`` and ``b`` as ``s[a:b]`` does for a string of length ``n`` (negative
    values count from the end)."""
    if a[0] < 0:
        a[0] += n
        if a[0] < 0:
            a[0] = 0
    elif a[0] > n:
        a[0] = n
    if b[0] < 0:
        b[0] += n
        if b[0] < 0:
            b[0] = 0
    elif b[0] > n:
        b[0] = n


def n_alnum(str s, Py_ssize_t a, Py_ssize_t b):
    """``framing.quotes._n_alnum(s[a:b])``: the number of characters of ``s[a:b]`` for
    which ``str.isalnum`` holds (``Py_UNICODE_ISALNUM``, what ``str.isalnum`` reads for
    one character)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(s)
    cdef int kind = PyUnicode_KIND(s)
    cdef void *data = PyUnicode_DATA(s)
    cdef Py_ssize_t i, count = 0
    _slice_bounds(n, &a, &b)
    for i in range(a, b):
        if _alnum(PyUnicode_READ(kind, data, i)):
            count += 1
    return count


cdef inline Py_ssize_t _word_end(int kind, void *data, Py_ssize_t p, Py_ssize_t n) noexcept:
    """End of the match of ``_WORD_PATTERN`` (``[^\\W_][\\w&]*+(?:[’'.\\-](?=[^\\W_])[\\w&]*+)*+\\.?``)
    at ``p`` of a string ending at ``n``, where the character at ``p`` is a letter or digit."""
    cdef Py_ssize_t q = _word_run(kind, data, p, n)
    if q < n and PyUnicode_READ(kind, data, q) == 46:  # a final period
        q += 1
    return q


def n_words(str s, Py_ssize_t cap, Py_ssize_t pos, Py_ssize_t endpos, bint words_only):
    """``min(len(_WORD_RE.findall(s, pos, endpos)), cap)`` (``framing.quotes._n_words``), or
    with ``words_only`` that of ``_WORD_ONLY_RE`` (``_n_words_only``; then ``pos`` is 0 and
    ``endpos`` the length).

    ``findall`` tries each position in turn and goes on after the end of a match: a letter
    or digit starts a word (:func:`_word_end`); else ``_WORD_RE`` takes one character that is
    neither a word character (``_``, letters, digits) nor white space (``Py_UNICODE_ISSPACE``,
    the ``\\s`` of a ``str`` regex). ``pos`` and ``endpos`` are read as ``re`` reads them
    (clamped to ``[0, len(s)]``, the text ending at ``endpos``)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(s)
    cdef int kind = PyUnicode_KIND(s)
    cdef void *data = PyUnicode_DATA(s)
    cdef Py_ssize_t i, count = 0
    cdef Py_UCS4 ch
    if pos < 0:
        pos = 0
    if endpos > n:
        endpos = n
    i = pos
    while i < endpos and count < cap:
        ch = PyUnicode_READ(kind, data, i)
        if _alnum(ch):
            i = _word_end(kind, data, i, endpos)
            count += 1
        elif ch == 95 or words_only or Py_UNICODE_ISSPACE(ch):
            i += 1
        else:
            count += 1  # a punctuation mark or symbol
            i += 1
    return count


def skip_adverbials(str text, Py_ssize_t k, Py_ssize_t hi, object first, object match):
    """``_Extractor._skip_adverbials``: the end of the ``_ADVERBIAL_RE`` match (``match``)
    at ``k`` (ending by ``hi``), or ``k``.

    The first word (``[ ,]*+(\\w+)`` at ``k``) is read here: when it is ASCII and its lower
    case is not in ``first`` (``_ADVERBIAL_FIRST``) no match opens there; otherwise the
    regex decides, as in the pure-Python method. ``k`` and ``hi`` are read as ``re`` reads
    ``pos`` and ``endpos`` (clamped to ``[0, len(text)]``)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t e = hi if hi < n else n
    cdef Py_ssize_t j = k if k > 0 else 0
    cdef Py_ssize_t w0
    cdef Py_UCS4 ch
    cdef bint ascii = True
    while j < e:
        ch = PyUnicode_READ(kind, data, j)
        if ch != 32 and ch != 44:
            break
        j += 1
    w0 = j
    while j < e:
        ch = PyUnicode_READ(kind, data, j)
        if _alnum(ch) or ch == 95:  # \w
            if ch >= 128:
                ascii = False
            j += 1
        else:
            break
    if j == w0:
        return k  # no word: no match of the first-word regex
    if ascii and PyUnicode_Substring(text, w0, j).lower() not in first:
        return k
    m = match(text, k, hi)
    return m.end() if m is not None else k


cdef extern from "Python.h":
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
    bint Py_UNICODE_ISDIGIT(Py_UCS4 ch)


def title_case(list words, object small):
    """``framing.quotes._title_case``: whether at least three quarters (and one or more) of
    the words whose lower case is not in ``small`` start with an upper-case letter or a
    digit (``str.isupper`` / ``str.isdigit`` of the first character: ``Py_UNICODE_ISUPPER``
    / ``Py_UNICODE_ISDIGIT``); False without such words. An empty word among them raises
    ``IndexError`` as there."""
    cdef Py_ssize_t n = 0, caps = 0
    cdef Py_UCS4 ch
    cdef str w
    for w in words:
        if w.lower() in small:
            continue
        n += 1
        if PyUnicode_GET_LENGTH(w) == 0:
            raise IndexError("string index out of range")
        ch = PyUnicode_READ(PyUnicode_KIND(w), PyUnicode_DATA(w), 0)
        if Py_UNICODE_ISUPPER(ch) or Py_UNICODE_ISDIGIT(ch):
            caps += 1
    if n == 0:
        return False
    # (``caps >= max(1, 0.75 * n)``: 0.75 * n is exact in a double)
    return caps >= 1 and <double>caps >= 0.75 * <double>n
