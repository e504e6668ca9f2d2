# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=False
"""Compiled twin of the VADER rules of :mod:`framing.score.vader` (one sentence in C).

:class:`Table` holds the lexicon as a compact C hash table (UTF-8 keys in one
byte pool, valences as C doubles, one flag word per entry saying whether the
word is a lexicon word, booster, negation, context word of the short-cut of
``Vader._valences``, idiom word or idiom trigger) and a per-character class
table of the Basic Multilingual Plane computed once from Python's own ``str``
methods (white space of ``str.split``, letters/digits, ALL-CAPS test, whether
``str.lower`` keeps the character). Its methods tokenise a sentence with
``str.split`` semantics, lower-case and strip the tokens into a C buffer, look
them up and apply the reference's rules with the same floating-point
operations in the same order as the Python code, without a Python object per
token. They return None for text they do not handle (a character that
``str.lower`` changes outside ASCII, characters outside the BMP, emojis of the
lexicon, surrogates): the caller then runs the Python code.
"""

cimport cython
from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_DATA
from cpython.unicode cimport PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND
from libc.stdlib cimport malloc, free, calloc
from libc.string cimport memcmp, memcpy
from libc.math cimport sqrt
from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t, uint8_t

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1
    object PyUnicode_Substring(object, Py_ssize_t, Py_ssize_t)
    object PyUnicode_DecodeUTF8(const char *, Py_ssize_t, const char *)

cdef extern from *:
    """
    static void *vader_memmem(const void *h, size_t hl, const void *n, size_t nl) {
        /* the first occurrence of n in h (memmem, which not every C library has) */
        const char *hh = (const char *)h; const char *nn = (const char *)n; const char *p;
        if (nl == 0) return (void *)hh;
        while (hl >= nl) {
            p = (const char *)memchr(hh, nn[0], hl - nl + 1);
            if (p == NULL) return NULL;
            if (memcmp(p, nn, nl) == 0) return (void *)p;
            hl -= (size_t)(p - hh) + 1;
            hh = p + 1;
        }
        return NULL;
    }
    """
    void *vader_memmem(const void *h, size_t hl, const void *n, size_t nl) nogil

cdef enum:
    # entry flags
    F_LEX = 1         # lexicon word (valence in val)
    F_BOOST = 2       # single-word booster (scalar in boost)
    F_NEG = 4         # in NEGATE
    F_CTX = 8         # in _CONTEXT_WORDS
    F_CTXI = 16       # in _CONTEXT_IDIOM
    F_IDIOMW = 32     # in _IDIOM_WORDS
    F_TRIG = 64       # in _IDIOM_TRIGGERS
    F_NEVERSO = 128   # "so" or "this"
    # per-token flags (besides the entry's)
    T_UPPER = 1       # str.isupper() of the raw token
    T_NT = 2          # "n't" in the lower-cased token
    T_SAME = 4        # the lower-cased token equals the raw token
    T_INT = 8         # (valences) the Python value is an int
    # character classes (ctab, built by framing.score.vader._char_classes)
    C_OK = 1          # handled: ASCII, or str.lower keeps it (and not an emoji, not a surrogate)
    C_SPACE = 2       # white space of str.split
    C_ALNUM = 4       # str.isalnum
    C_KILL = 8        # lower-case or title-case: the token is not ALL-CAPS
    C_UPPER = 16      # upper-case
    C_PUNCT = 32      # in string.punctuation
    C_MARK = 64       # ! or ?
    C_APOS = 128      # the apostrophe

cdef double B_INCR = 0.293
cdef double C_INCR = 0.733
cdef double N_SCALAR = -0.74

cdef struct Entry:
    uint32_t hash
    uint32_t off
    uint32_t len
    uint32_t flags
    double val
    double boost

cdef struct Tok:
    int32_t id
    uint32_t flags      # entry flags (0 when unknown)
    uint32_t tflags     # T_* flags
    uint32_t lo         # offset of the lower-cased token in the joined buffer
    uint32_t ln         # its length in bytes
    Py_ssize_t st, en   # the raw token: text[st:en]
    double val          # its valence (when computed)

cdef struct Idiom:
    int n
    int32_t ids[3]
    double val
    int is_int

cdef struct Res:
    Py_ssize_t n        # tokens
    Py_ssize_t n_wordish
    double neg, neu, pos, comp


cdef inline uint32_t _fnv(const unsigned char *p, Py_ssize_t n) noexcept nogil:
    cdef uint32_t h = 2166136261u
    cdef Py_ssize_t i
    for i in range(n):
        h = (h ^ p[i]) * 16777619u
    return h


@cython.final
cdef class Table:
    """The lexicon and rules' word lists of one ``Vader`` in C (see the module docstring)."""

    cdef Entry *entries
    cdef Py_ssize_t n_entries, cap_entries
    cdef uint64_t *slots        # (hash << 32) | (entry index + 1), 0 when empty
    cdef uint32_t mask
    cdef unsigned char *pool
    cdef Py_ssize_t pool_len, pool_cap
    cdef unsigned char *ctab
    cdef Idiom special[32]
    cdef int n_special
    cdef Idiom bngram[32]
    cdef int n_bngram
    cdef bytes idiom_keys      # the multi-word keys, NUL-separated
    cdef Py_ssize_t idiom_len
    cdef int32_t id_no, id_or, id_nor, id_kind, id_of, id_never, id_without, id_doubt
    cdef int32_t id_least, id_at, id_very, id_but
    cdef bint plain_sum
    cdef object scores_type
    cdef object new_tuple

    def __cinit__(self):
        self.entries = NULL
        self.slots = NULL
        self.pool = NULL
        self.ctab = NULL

    def __dealloc__(self):
        free(self.entries)
        free(self.slots)
        free(self.pool)
        free(self.ctab)

    def __init__(self, dict lexicon, dict booster, negate, context_words, context_idiom, idiom_words,
                 idiom_triggers, dict special_cases, idiom_keys, bytes ctab, bint plain_sum, scores_type):
        """Build the table.

        ``lexicon``, ``booster``, the word sets and ``special_cases`` are those of
        :mod:`framing.score.vader`; ``ctab`` the 65536 character classes; ``plain_sum``
        is True when the interpreter's ``sum`` of floats adds them one by one (before
        Python 3.12); ``scores_type`` is ``VaderScores``.
        """
        cdef Py_ssize_t nw = len(lexicon) + 512
        cdef uint32_t size = 1024
        while size < 2 * nw:
            size <<= 1
        self.mask = size - 1
        self.slots = <uint64_t *>calloc(size, sizeof(uint64_t))
        self.cap_entries = nw
        self.entries = <Entry *>calloc(nw, sizeof(Entry))
        self.pool_cap = 16 * nw
        self.pool = <unsigned char *>malloc(self.pool_cap)
        if self.slots == NULL or self.entries == NULL or self.pool == NULL:
            raise MemoryError()
        if len(ctab) != 65536:
            raise ValueError("ctab must have 65536 entries")
        self.ctab = <unsigned char *>malloc(65536)
        if self.ctab == NULL:
            raise MemoryError()
        memcpy(self.ctab, <const char *>ctab, 65536)
        self.plain_sum = plain_sum
        self.scores_type = scores_type
        self.new_tuple = tuple.__new__
        cdef int32_t e
        for k, v in lexicon.items():
            if v != v:  # NaN: the Python code's list.index finds it by identity, C cannot
                raise ValueError(f"valence of {k!r} is NaN")
            e = self._add(k)
            if e >= 0:
                self.entries[e].flags |= F_LEX
                self.entries[e].val = <double>float(v)
        for k, v in booster.items():
            if " " not in k:
                e = self._add(k)
                if e >= 0:
                    self.entries[e].flags |= F_BOOST
                    self.entries[e].boost = <double>float(v)
        for words, flag in ((negate, F_NEG), (context_words, F_CTX), (context_idiom, F_CTXI),
                            (idiom_words, F_IDIOMW), (idiom_triggers, F_TRIG), (("so", "this"), F_NEVERSO)):
            for k in words:
                e = self._add(k)
                if e >= 0:
                    self.entries[e].flags |= flag
        self.id_no = self._add("no")
        self.id_or = self._add("or")
        self.id_nor = self._add("nor")
        self.id_kind = self._add("kind")
        self.id_of = self._add("of")
        self.id_never = self._add("never")
        self.id_without = self._add("without")
        self.id_doubt = self._add("doubt")
        self.id_least = self._add("least")
        self.id_at = self._add("at")
        self.id_very = self._add("very")
        self.id_but = self._add("but")
        self.n_special = 0
        for k, v in special_cases.items():
            if self.n_special < 32 and self._idiom(&self.special[self.n_special], k, v):
                self.n_special += 1
            elif " " in k or self.n_special >= 32:
                raise ValueError(f"special case {k!r} not supported")
        self.n_bngram = 0
        for k, v in booster.items():
            if " " in k:
                if self.n_bngram < 32 and self._idiom(&self.bngram[self.n_bngram], k, v):
                    self.n_bngram += 1
                else:
                    raise ValueError(f"booster n-gram {k!r} not supported")
        self.idiom_keys = b"\0".join(k.encode("utf-8") for k in idiom_keys)
        self.idiom_len = len(self.idiom_keys)

    cdef bint _idiom(self, Idiom *d, str key, value) except -1:
        parts = key.split(" ")
        if len(parts) > 3 or any(not p for p in parts):
            return False
        d.n = len(parts)
        for j, p in enumerate(parts):
            d.ids[j] = self._add(p)
            if d.ids[j] < 0:
                return False
        d.is_int = type(value) is int
        d.val = <double>value
        return True

    cdef int32_t _add(self, str key) except -2:
        """Entry index of ``key`` (added if new); -1 when it cannot be encoded."""
        cdef bytes b
        try:
            b = key.encode("utf-8")
        except UnicodeEncodeError:
            return -1
        cdef const unsigned char *p = b
        cdef Py_ssize_t n = len(b)
        cdef uint32_t h = _fnv(p, n)
        cdef int32_t e = self._find(p, n, h)
        if e >= 0:
            return e
        if self.n_entries >= self.cap_entries or self.n_entries >= (self.mask + 1) // 2:
            raise ValueError("VADER table full")
        while self.pool_len + n > self.pool_cap:
            self.pool_cap *= 2
            newp = <unsigned char *>malloc(self.pool_cap)
            if newp == NULL:
                raise MemoryError()
            memcpy(newp, self.pool, self.pool_len)
            free(self.pool)
            self.pool = newp
        memcpy(self.pool + self.pool_len, p, n)
        e = <int32_t>self.n_entries
        self.entries[e].hash = h
        self.entries[e].off = <uint32_t>self.pool_len
        self.entries[e].len = <uint32_t>n
        self.entries[e].flags = 0
        self.entries[e].val = 0.0
        self.entries[e].boost = 0.0
        self.pool_len += n
        self.n_entries += 1
        cdef uint32_t s = h & self.mask
        while self.slots[s] != 0:
            s = (s + 1) & self.mask
        self.slots[s] = ((<uint64_t>h) << 32) | <uint64_t>(e + 1)
        return e

    cdef inline int32_t _find(self, const unsigned char *p, Py_ssize_t n, uint32_t h) noexcept nogil:
        cdef uint32_t s = h & self.mask
        cdef uint64_t x
        cdef uint32_t e
        cdef Entry *en
        while True:
            x = self.slots[s]
            if x == 0:
                return -1
            if <uint32_t>(x >> 32) == h:  # the hash in the slot: entries are read on a match only
                e = <uint32_t>(x & 0xFFFFFFFFu) - 1
                en = &self.entries[e]
                if en.len == <uint32_t>n and memcmp(self.pool + en.off, p, n) == 0:
                    return <int32_t>e
            s = (s + 1) & self.mask

    # -- one sentence ------------------------------------------------------------------

    cdef int _tokenise(self, str text, Tok **toks_out, unsigned char **buf_out, Py_ssize_t *ntok,
                       Py_ssize_t *n_wordish, int *n_excl, int *n_q) except -1:
        """Tokens of ``text`` into freshly allocated arrays; 0 when handled, 1 when not (Python's turn)."""
        PyUnicode_READY(text)  # (a legacy string of the old C API: its canonical form)
        cdef Py_ssize_t L = PyUnicode_GET_LENGTH(text)
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t maxtok = (L + 1) // 2 + 1
        # bytes: each char at most 3 UTF-8 bytes (BMP) plus one separator per token
        cdef Tok *toks = <Tok *>malloc(maxtok * sizeof(Tok))
        cdef unsigned char *buf = <unsigned char *>malloc(3 * L + maxtok + 1)
        if toks == NULL or buf == NULL:
            free(toks)
            free(buf)
            raise MemoryError()
        toks_out[0] = toks
        buf_out[0] = buf
        if kind == PyUnicode_1BYTE_KIND:
            return _scan(self, <const uint8_t *>data, L, toks, buf, ntok, n_wordish, n_excl, n_q)
        if kind == PyUnicode_2BYTE_KIND:
            return _scan(self, <const uint16_t *>data, L, toks, buf, ntok, n_wordish, n_excl, n_q)
        return _scan(self, <const uint32_t *>data, L, toks, buf, ntok, n_wordish, n_excl, n_q)

    cdef double _booster(self, double s, double v, bint capped, double damp) noexcept:
        if v < 0:
            s = s * -1.0
        if capped:
            if v > 0:
                s += C_INCR
            else:
                s -= C_INCR
        if s != 0 and damp != 1.0:
            s = s * damp
        return s

    cdef inline bint _is(self, Tok *toks, Py_ssize_t j, int32_t wid) noexcept:
        return wid >= 0 and toks[j].id == wid

    cdef bint _seq(self, Tok *toks, Py_ssize_t j0, int m, Idiom *d) noexcept:
        """Tokens j0 .. j0 + m - 1 are the words of ``d``."""
        cdef int k
        if d.n != m:
            return False
        for k in range(m):
            if toks[j0 + k].id < 0 or toks[j0 + k].id != d.ids[k]:
                return False
        return True

    cdef double _special_idioms(self, Tok *toks, Py_ssize_t n, Py_ssize_t i, double valence, int *is_int) noexcept:
        # sequences of the reference, as (first token, length): onezero, twoonezero, twoone, threetwoone, threetwo
        cdef Py_ssize_t s0[5]
        cdef int ln[5]
        s0[0] = i - 1; ln[0] = 2
        s0[1] = i - 2; ln[1] = 3
        s0[2] = i - 2; ln[2] = 2
        s0[3] = i - 3; ln[3] = 3
        s0[4] = i - 3; ln[4] = 2
        cdef int q, k
        cdef bint found = False
        for q in range(5):
            for k in range(self.n_special):
                if self._seq(toks, s0[q], ln[q], &self.special[k]):
                    valence = self.special[k].val
                    is_int[0] = self.special[k].is_int
                    found = True
                    break
            if found:
                break
        if n - 1 > i:
            for k in range(self.n_special):
                if self._seq(toks, i, 2, &self.special[k]):
                    valence = self.special[k].val
                    is_int[0] = self.special[k].is_int
                    break
        if n - 1 > i + 1:
            for k in range(self.n_special):
                if self._seq(toks, i, 3, &self.special[k]):
                    valence = self.special[k].val
                    is_int[0] = self.special[k].is_int
                    break
        # booster n-grams: threetwoone, threetwo, twoone
        cdef Py_ssize_t b0[3]
        cdef int bl[3]
        b0[0] = i - 3; bl[0] = 3
        b0[1] = i - 3; bl[1] = 2
        b0[2] = i - 2; bl[2] = 2
        for q in range(3):
            for k in range(self.n_bngram):
                if self._seq(toks, b0[q], bl[q], &self.bngram[k]):
                    valence = valence + self.bngram[k].val
                    is_int[0] = 0
                    break
        return valence

    cdef double _context_valence(self, Tok *toks, Py_ssize_t n, Py_ssize_t i, bint cap_diff, int *is_int) noexcept:
        """``Vader._context_valence``, the same operations in the same order."""
        cdef Tok *w = &toks[i]
        cdef Entry *en = self.entries
        is_int[0] = 0
        if self._is(toks, i, self.id_kind) and i < n - 1 and self._is(toks, i + 1, self.id_of):
            is_int[0] = 1
            return 0.0
        cdef double lexv = en[w.id].val
        cdef double v = lexv
        cdef bint h1 = i > 0, h2 = i > 1, h3 = i > 2
        cdef double s
        if self._is(toks, i, self.id_no) and i != n - 1 and (toks[i + 1].flags & F_LEX):
            v = 0.0
        if ((h1 and self._is(toks, i - 1, self.id_no)) or (h2 and self._is(toks, i - 2, self.id_no))
                or (h3 and self._is(toks, i - 3, self.id_no)
                    and (self._is(toks, i - 1, self.id_or) or self._is(toks, i - 1, self.id_nor)))):
            v = lexv * N_SCALAR
        if cap_diff and (w.tflags & T_UPPER):
            if v > 0:
                v += C_INCR
            else:
                v -= C_INCR
        # start_i = 0
        if h1 and not (toks[i - 1].flags & F_LEX):
            if toks[i - 1].flags & F_BOOST:
                s = self._booster(en[toks[i - 1].id].boost, v, cap_diff and (toks[i - 1].tflags & T_UPPER), 1.0)
            else:
                s = 0.0
            v = v + s
            if (toks[i - 1].flags & F_NEG) or (toks[i - 1].tflags & T_NT):
                v = v * N_SCALAR
        # start_i = 1
        if h2 and not (toks[i - 2].flags & F_LEX):
            if toks[i - 2].flags & F_BOOST:
                s = self._booster(en[toks[i - 2].id].boost, v, cap_diff and (toks[i - 2].tflags & T_UPPER), 0.95)
            else:
                s = 0.0
            v = v + s
            if self._is(toks, i - 2, self.id_never) and (toks[i - 1].flags & F_NEVERSO):
                v = v * 1.25
            elif self._is(toks, i - 2, self.id_without) and self._is(toks, i - 1, self.id_doubt):
                pass
            elif (toks[i - 2].flags & F_NEG) or (toks[i - 2].tflags & T_NT):
                v = v * N_SCALAR
        # start_i = 2
        if h3 and not (toks[i - 3].flags & F_LEX):
            if toks[i - 3].flags & F_BOOST:
                s = self._booster(en[toks[i - 3].id].boost, v, cap_diff and (toks[i - 3].tflags & T_UPPER), 0.9)
            else:
                s = 0.0
            v = v + s
            if (self._is(toks, i - 3, self.id_never) and (toks[i - 2].flags & F_NEVERSO)) or (toks[i - 1].flags & F_NEVERSO):
                v = v * 1.25
            elif self._is(toks, i - 3, self.id_without) and (self._is(toks, i - 2, self.id_doubt) or self._is(toks, i - 1, self.id_doubt)):
                pass
            elif (toks[i - 3].flags & F_NEG) or (toks[i - 3].tflags & T_NT):
                v = v * N_SCALAR
            if ((toks[i - 1].flags & F_IDIOMW) or (toks[i - 2].flags & F_IDIOMW) or (toks[i - 3].flags & F_IDIOMW)
                    or (w.flags & F_IDIOMW) or (i + 1 < n and (toks[i + 1].flags & F_IDIOMW))
                    or (i + 2 < n and (toks[i + 2].flags & F_IDIOMW))):
                v = self._special_idioms(toks, n, i, v, is_int)
        # "least" check
        if h1 and self._is(toks, i - 1, self.id_least):
            if i > 1:
                if not self._is(toks, i - 2, self.id_at) and not self._is(toks, i - 2, self.id_very):
                    v = v * N_SCALAR
                    is_int[0] = 0
            else:
                v = v * N_SCALAR
                is_int[0] = 0
        return v

    cdef bint _has_idiom(self, const unsigned char *joined, Py_ssize_t jl) noexcept:
        cdef const char *keys = self.idiom_keys
        cdef Py_ssize_t kl = self.idiom_len, p = 0, q
        while p <= kl:
            q = p
            while q < kl and keys[q] != 0:
                q += 1
            if q > p and vader_memmem(joined, jl, keys + p, q - p) != NULL:
                return True
            p = q + 1
        return False

    cdef Py_ssize_t _valences(self, Tok *toks, Py_ssize_t n, const unsigned char *joined, Py_ssize_t jl,
                              Py_ssize_t *hits) noexcept:
        """``Vader._valences``: the lexicon tokens' indices into ``hits``, their valences in ``toks[j].val``."""
        cdef Py_ssize_t nh = 0, j, i, lo, hi
        cdef int is_int
        for j in range(n):
            if toks[j].flags & F_LEX:
                hits[nh] = j
                nh += 1
        if nh == 0:
            return 0
        cdef uint32_t ctxmask = 0   # 0: no short-cut (a token holds "n't")
        cdef bint nt = False, trig = False
        for j in range(n):
            if toks[j].tflags & T_NT:
                nt = True
            if toks[j].flags & F_TRIG:
                trig = True
        if not nt:
            if trig and self._has_idiom(joined, jl):
                ctxmask = F_CTXI
            else:
                ctxmask = F_CTX
        cdef int cap_diff = -1
        cdef Py_ssize_t n_upper
        cdef bint plain
        cdef double v
        for j in range(nh):
            i = hits[j]
            plain = False
            if ctxmask:
                plain = True
                lo = i - 3 if i > 3 else 0
                hi = i + 3 if i + 3 < n else n
                for lo in range(lo, hi):
                    if toks[lo].flags & ctxmask:
                        plain = False
                        break
            if cap_diff < 0 and (not plain or (toks[i].tflags & T_UPPER)):
                n_upper = 0
                for lo in range(n):
                    if toks[lo].tflags & T_UPPER:
                        n_upper += 1
                cap_diff = 1 if 0 < n - n_upper < n else 0
            if plain:
                v = self.entries[toks[i].id].val
                if toks[i].tflags & T_UPPER:
                    if cap_diff:
                        if v > 0:
                            v += C_INCR
                        else:
                            v -= C_INCR
                toks[i].val = v
                toks[i].tflags &= ~T_INT
            else:
                is_int = 0
                toks[i].val = self._context_valence(toks, n, i, cap_diff, &is_int)
                if is_int:
                    toks[i].tflags |= T_INT
                else:
                    toks[i].tflags &= ~T_INT
        return nh

    cdef int _finish(self, Tok *toks, Py_ssize_t n, Py_ssize_t *hits, Py_ssize_t nh, int excl, int q,
                     Res *r) except -1:
        """``Vader._finish`` (and the compound of ``_compound_of_tokens``) into ``r``."""
        r.n = n
        if nh == 0:
            r.neg = 0.0; r.neu = 1.0; r.pos = 0.0; r.comp = 0.0
            return 0
        cdef double *cur = <double *>malloc(nh * sizeof(double))
        cdef Py_ssize_t *pos = <Py_ssize_t *>malloc(nh * sizeof(Py_ssize_t))
        cdef char *isint = <char *>malloc(nh)
        if cur == NULL or pos == NULL or isint == NULL:
            free(cur); free(pos); free(isint)
            raise MemoryError()
        cdef Py_ssize_t m = 0, j, k, bi = -1, neu_count
        cdef double v, x, amp, sum_s, comp, pos_sum, neg_sum, abs_neg, total
        cdef double *snap
        cdef int ep
        try:
            for j in range(nh):
                v = toks[hits[j]].val
                if v != 0:
                    cur[m] = v
                    pos[m] = hits[j]
                    isint[m] = (toks[hits[j]].tflags & T_INT) != 0
                    m += 1
            if m == 0:
                r.neg = 0.0; r.neu = 1.0; r.pos = 0.0; r.comp = 0.0
                return 0
            if self.id_but >= 0:
                for j in range(n):
                    if toks[j].id == self.id_but:
                        bi = j
                        break
            if bi >= 0:
                # the reference's list.index walk (see framing.score.vader._nonzero)
                snap = <double *>malloc(m * sizeof(double))
                if snap == NULL:
                    raise MemoryError()
                memcpy(snap, cur, m * sizeof(double))
                for j in range(m):
                    x = snap[j]
                    k = 0
                    while k < m and cur[k] != x:
                        k += 1
                    if k == m:  # cannot happen (each value is still there when its turn comes)
                        raise RuntimeError("VADER 'but' rule: value not found")
                    if pos[k] < bi:
                        cur[k] = x * 0.5
                        isint[k] = 0
                    elif pos[k] > bi:
                        cur[k] = x * 1.5
                        isint[k] = 0
                free(snap)
            # float(sum(nonzero))
            if self.plain_sum or m == 1:
                x = cur[0]
                for j in range(1, m):
                    x = x + cur[j]
            else:  # the interpreter's own sum (compensated since Python 3.12)
                x = float(sum([int(cur[j]) if isint[j] else cur[j] for j in range(m)]))
            # _punctuation_emphasis
            ep = excl if excl <= 4 else 4
            amp = ep * 0.292
            if q > 1:
                amp = amp + (q * 0.18 if q <= 3 else 0.96)
            # _normalised
            sum_s = x
            if sum_s > 0:
                sum_s += amp
            elif sum_s < 0:
                sum_s -= amp
            comp = sum_s / sqrt((sum_s * sum_s) + 15)
            if comp < -1.0:
                comp = -1.0
            elif comp > 1.0:
                comp = 1.0
            r.comp = comp
            pos_sum = 0.0
            neg_sum = 0.0
            for j in range(m):
                v = cur[j]
                if v > 0:
                    pos_sum += v + 1
                else:
                    neg_sum += v - 1
            neu_count = n - m
            abs_neg = 0.0 - neg_sum
            if pos_sum > abs_neg:
                pos_sum += amp
            elif pos_sum < abs_neg:
                neg_sum -= amp
                abs_neg = 0.0 - neg_sum
            total = pos_sum + abs_neg + <double>neu_count
            r.neg = abs_neg / total
            r.neu = <double>neu_count / total
            r.pos = pos_sum / total
            return 0
        finally:
            free(cur)
            free(pos)
            free(isint)

    cdef int _run(self, str text, Res *r) except -1:
        """Scores of one sentence into ``r``; 1 when not handled (Python's turn)."""
        cdef Tok *toks = NULL
        cdef unsigned char *buf = NULL
        cdef Py_ssize_t n = 0, nw = 0, nh
        cdef Py_ssize_t *hits = NULL
        cdef int excl = 0, q = 0, rc
        try:
            rc = self._tokenise(text, &toks, &buf, &n, &nw, &excl, &q)
            if rc:
                return 1
            r.n_wordish = nw
            r.n = n
            if n == 0:
                r.neg = 0.0; r.neu = 0.0; r.pos = 0.0; r.comp = 0.0
                return 0
            hits = <Py_ssize_t *>malloc(n * sizeof(Py_ssize_t))
            if hits == NULL:
                raise MemoryError()
            nh = self._valences(toks, n, buf, toks[n - 1].lo + toks[n - 1].ln, hits)
            self._finish(toks, n, hits, nh, excl, q, r)
            return 0
        finally:
            free(toks)
            free(buf)
            free(hits)

    # -- Python API --------------------------------------------------------------------

    def sentence(self, str text):
        """``(neg, neu, pos, compound, n_wordish)`` of one sentence, or None (use the Python code).

        The first four are ``Vader.scores(text)``; ``n_wordish`` counts the
        white-space tokens holding a letter or digit.
        """
        cdef Res r
        if self._run(text, &r):
            return None
        return (r.neg, r.neu, r.pos, r.comp, r.n_wordish)

    def scores(self, str text):
        """``Vader.scores(text)`` as a ``VaderScores``, or None (use the Python code)."""
        cdef Res r
        if self._run(text, &r):
            return None
        return self.new_tuple(self.scores_type, (r.neg, r.neu, r.pos, r.comp))

    def compound_words(self, str text):
        """``(Vader.compound(text), n_wordish)``, or None (use the Python code)."""
        cdef Res r
        if self._run(text, &r):
            return None
        return (r.comp, r.n_wordish)

    def analyse(self, str text):
        """``Vader.analyse(text)``: ``(words, lows, vals, scores)``, or None (use the Python code)."""
        cdef Tok *toks = NULL
        cdef unsigned char *buf = NULL
        cdef Py_ssize_t n = 0, nw = 0, nh = 0, j
        cdef Py_ssize_t *hits = NULL
        cdef int excl = 0, q = 0, rc
        cdef Res r
        cdef list words, lows, vals
        try:
            rc = self._tokenise(text, &toks, &buf, &n, &nw, &excl, &q)
            if rc:
                return None
            if n == 0:
                return [], [], [], self.new_tuple(self.scores_type, (0.0, 0.0, 0.0, 0.0))
            # text.split(): the scan's tokens are those of str.split
            words = [None] * n
            for j in range(n):
                words[j] = PyUnicode_Substring(text, toks[j].st, toks[j].en)
            hits = <Py_ssize_t *>malloc(n * sizeof(Py_ssize_t))
            if hits == NULL:
                raise MemoryError()
            nh = self._valences(toks, n, buf, toks[n - 1].lo + toks[n - 1].ln, hits)
            self._finish(toks, n, hits, nh, excl, q, &r)
            lows = [None] * n
            for j in range(n):
                if toks[j].tflags & T_SAME:
                    lows[j] = words[j]
                else:
                    lows[j] = PyUnicode_DecodeUTF8(<const char *>(buf + toks[j].lo), toks[j].ln, NULL)
            vals = [None] * nh
            for j in range(nh):
                if toks[hits[j]].tflags & T_INT:
                    vals[j] = (hits[j], int(toks[hits[j]].val))
                else:
                    vals[j] = (hits[j], toks[hits[j]].val)
            return words, lows, vals, self.new_tuple(self.scores_type, (r.neg, r.neu, r.pos, r.comp))
        finally:
            free(toks)
            free(buf)
            free(hits)


ctypedef fused cht:
    uint8_t
    uint16_t
    uint32_t


cdef int _scan(Table self, const cht *data, Py_ssize_t L, Tok *toks, unsigned char *buf, Py_ssize_t *ntok,
               Py_ssize_t *n_wordish, int *n_excl, int *n_q) noexcept:
    """The tokens of a text of ``L`` characters ``data`` (one of the three ``str`` kinds): see ``Table._tokenise``."""
    cdef unsigned char *ctab = self.ctab
    cdef Py_ssize_t i = 0, start, a, b, k, nt = 0, nw = 0
    cdef Py_ssize_t pos = 0
    cdef uint32_t ch
    cdef unsigned char c
    cdef int alnum, changed, excl = 0, q = 0
    cdef unsigned char acc, allok
    cdef uint32_t h
    cdef int32_t e
    cdef Tok *t
    cdef unsigned char *lo
    while True:
        while i < L:
            ch = data[i]
            if ch > 0xFFFF:
                return 1
            if not (ctab[ch] & C_SPACE):
                break
            i += 1
        if i >= L:
            break
        start = i
        acc = 0
        allok = C_OK
        while i < L:
            ch = data[i]
            if ch > 0xFFFF:
                return 1
            c = ctab[ch]
            if c & C_SPACE:
                break
            allok &= c
            acc |= c
            if c & C_MARK:
                if ch == 33:
                    excl += 1
                elif ch == 63:
                    q += 1
            i += 1
        if not allok:
            return 1
        # strip string.punctuation unless fewer than 3 characters remain
        a = start
        b = i
        while a < b and (ctab[data[a]] & C_PUNCT):
            a += 1
        while b > a and (ctab[data[b - 1]] & C_PUNCT):
            b -= 1
        changed = 0
        if b - a <= 2:
            a = start
            b = i
        elif a != start or b != i:
            changed = 1
        if nt > 0:
            buf[pos] = 32
            pos += 1
        t = &toks[nt]
        t.lo = <uint32_t>pos
        t.st = start
        t.en = i
        lo = buf + pos
        h = 2166136261u
        for k in range(a, b):
            ch = data[k]
            if ch < 128:
                if 65 <= ch <= 90:
                    ch += 32
                    changed = 1
                buf[pos] = <unsigned char>ch
                h = (h ^ ch) * 16777619u
                pos += 1
            elif ch < 0x800:
                buf[pos] = <unsigned char>(0xC0 | (ch >> 6))
                buf[pos + 1] = <unsigned char>(0x80 | (ch & 0x3F))
                h = (h ^ buf[pos]) * 16777619u
                h = (h ^ buf[pos + 1]) * 16777619u
                pos += 2
            else:
                buf[pos] = <unsigned char>(0xE0 | (ch >> 12))
                buf[pos + 1] = <unsigned char>(0x80 | ((ch >> 6) & 0x3F))
                buf[pos + 2] = <unsigned char>(0x80 | (ch & 0x3F))
                h = (h ^ buf[pos]) * 16777619u
                h = (h ^ buf[pos + 1]) * 16777619u
                h = (h ^ buf[pos + 2]) * 16777619u
                pos += 3
        t.ln = <uint32_t>(pos - t.lo)
        e = self._find(lo, t.ln, h)
        t.id = e
        t.flags = self.entries[e].flags if e >= 0 else 0
        t.tflags = 0
        if (acc & C_UPPER) and not (acc & C_KILL):
            t.tflags |= T_UPPER
        if not changed:
            t.tflags |= T_SAME
        if (acc & C_APOS) and t.ln >= 3 and vader_memmem(lo, t.ln, b"n't", 3) != NULL:
            t.tflags |= T_NT
        alnum = (acc & C_ALNUM) != 0
        nw += alnum
        nt += 1
    ntok[0] = nt
    n_wordish[0] = nw
    n_excl[0] = excl
    n_q[0] = q
    return 0
