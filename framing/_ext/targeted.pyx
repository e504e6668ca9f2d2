# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
# distutils: extra_compile_args = -ffp-contract=off
"""Compiled twin of the target model's feature lookup and logits (:mod:`framing.score.targeted`).

:class:`Tables` holds the model's feature columns as compact C tables, built
once per model (and process):

* a token table: every token of the model's feature names gets an ``int32``
  id; ASCII tokens are found by an open-addressing table of
  ``(32 bits of the str's cached hash, id)`` slots, checked against a pool of
  the tokens' bytes; non-ASCII tokens by a Python dict (rare);
* per id, one ``int32`` record of its columns in the word families ``w``,
  ``l1..lc``, ``r1..rc``, ``lw``, ``rw``, ``tid``, ``bl1..k``, ``br1..k``
  (-1: unknown), flags (speech verb, pronoun) and its bytes in the pool;
* the bigram families ``b``, ``lb``, ``rb`` as one open-addressing table keyed
  by the packed pair of ids, and the back-off n-grams ``blb``, ``brb``,
  ``blt``, ``brt`` as another (family and ids packed in 64 bits).

:meth:`Tables.sentence` computes, for every target of a sentence, the columns
and values that ``_FeatureIndex.target`` and ``_FeatureIndex.bag_delta`` give
(same columns, same order) and sums the weight rows into the logits exactly
as ``np.add.reduceat`` does (the first row of a segment, then numpy's pairwise
sum of the others), then adds the sentence's bag times ``bag_weight`` and the
intercept, so the logits are bit for bit those of the pure-Python path. The
softmax stays in numpy.
"""

from libc.math cimport sqrt
from libc.stdint cimport int32_t, int8_t, uint8_t, uint32_t, uint64_t
from libc.string cimport memcmp, memcpy
from cpython.buffer cimport (PyBUF_C_CONTIGUOUS, PyBUF_FORMAT, PyBUF_ND, PyBUF_WRITABLE, PyBuffer_Release,
                             PyObject_GetBuffer)
from cpython.mem cimport PyMem_Free, PyMem_Malloc


cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object o)
    void* PyUnicode_DATA(object o)
    Py_ssize_t PyUnicode_GET_LENGTH(object o)
    Py_UCS4 PyUnicode_READ_CHAR(object o, Py_ssize_t index)
    int PyUnicode_KIND(object o)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
    Py_hash_t PyObject_Hash(object o) except -1


cdef packed struct Ent:
    uint64_t key  # 0: empty slot
    int32_t v0
    int32_t v1
    int32_t v2


cdef struct TokSlot:
    uint32_t h
    int32_t id  # -1: empty slot


cdef enum:
    # back-off n-gram families in the packed keys
    FAM_BLB = 1
    FAM_BRB = 2
    FAM_BLT = 3
    FAM_BRT = 4
    # ids are packed in 20 bits (one value kept for -1)
    MAX_IDS = (1 << 20) - 2
    # token flags
    FLAG_SPEECH = 1
    FLAG_PRON = 2

cdef inline uint64_t _mix(uint64_t x) noexcept nogil:
    x ^= x >> 30
    x *= <uint64_t>0xbf58476d1ce4e5b9ULL
    x ^= x >> 27
    x *= <uint64_t>0x94d049bb133111ebULL
    x ^= x >> 31
    return x


cdef inline Ent* _find(Ent* t, uint64_t mask, uint64_t key) noexcept nogil:
    cdef uint64_t i = _mix(key) & mask
    while True:
        if t[i].key == key:
            return &t[i]
        if t[i].key == 0:
            return NULL
        i = (i + 1) & mask


cdef inline Ent* _slot(Ent* t, uint64_t mask, uint64_t key) noexcept nogil:
    cdef uint64_t i = _mix(key) & mask
    while t[i].key != 0 and t[i].key != key:
        i = (i + 1) & mask
    if t[i].key == 0:
        t[i].key = key
        t[i].v0 = -1
        t[i].v1 = -1
        t[i].v2 = -1
    return &t[i]


cdef inline uint64_t _pair_key(int a, int b) noexcept nogil:
    return ((<uint64_t>(a + 1)) << 32) | <uint64_t>(b + 1)


cdef inline uint64_t _bo_key(int fam, int a, int b, int c) noexcept nogil:
    # c = -1 for a pair: stored as 0
    return ((<uint64_t>fam) << 60) | ((<uint64_t>(a + 1)) << 40) | ((<uint64_t>(b + 1)) << 20) | <uint64_t>(c + 1)


cdef double _pairwise(const double* a, Py_ssize_t n, Py_ssize_t stride) noexcept nogil:
    """numpy's pairwise summation of ``n`` doubles (``pairwise_sum_DOUBLE``, blocks of 128)."""
    cdef Py_ssize_t i, n2
    cdef double res, r0, r1, r2, r3, r4, r5, r6, r7
    if n < 8:
        res = -0.0
        for i in range(n):
            res += a[i * stride]
        return res
    elif n <= 128:
        r0 = a[0]
        r1 = a[stride]
        r2 = a[2 * stride]
        r3 = a[3 * stride]
        r4 = a[4 * stride]
        r5 = a[5 * stride]
        r6 = a[6 * stride]
        r7 = a[7 * stride]
        i = 8
        while i < n - (n % 8):
            r0 += a[(i + 0) * stride]
            r1 += a[(i + 1) * stride]
            r2 += a[(i + 2) * stride]
            r3 += a[(i + 3) * stride]
            r4 += a[(i + 4) * stride]
            r5 += a[(i + 5) * stride]
            r6 += a[(i + 6) * stride]
            r7 += a[(i + 7) * stride]
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            res += a[i * stride]
            i += 1
        return res
    else:
        n2 = n // 2
        n2 -= n2 % 8
        return _pairwise(a, n2, stride) + _pairwise(a + n2 * stride, n - n2, stride)


def pairwise_sum(double[::1] a):
    """:func:`_pairwise` of a contiguous array (for tests: equals ``np.add.reduce`` of it after a first element)."""
    if a.shape[0] == 0:
        return -0.0
    return _pairwise(&a[0], a.shape[0], 1)


cdef Py_ssize_t _ntok(int kind, void* data, Py_ssize_t x) noexcept:
    """``len(s[:x].split())`` of a string given by its kind and data (``0 <= x <= len(s)``)."""
    cdef Py_ssize_t i, cnt = 0
    cdef bint prev = True, sp
    for i in range(x):
        sp = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))
        if prev and not sp:
            cnt += 1
        prev = sp
    return cnt


cdef bint _tokens_of(str s, Py_ssize_t start, Py_ssize_t end, int* t0, int* t1):
    """``_Prepared.target_tokens`` of ``s``: False when the span holds no token (the caller falls back)."""
    cdef Py_ssize_t L = PyUnicode_GET_LENGTH(s), a, b, i
    cdef int kind = PyUnicode_KIND(s)
    cdef void* data = PyUnicode_DATA(s)
    cdef bint prev = True, sp
    if not (0 <= start <= L and 0 <= end <= L):
        return False
    if start <= end:  # len(s[:start].split()), then on to len(s[:end].split()): one pass
        a = b = 0
        for i in range(end):
            if i == start:
                a = b
            sp = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))
            if prev and not sp:
                b += 1
            prev = sp
        if start == end:
            a = b
        b -= 1
    else:
        a = _ntok(kind, data, start)
        b = _ntok(kind, data, end) - 1
    if 0 < start < L and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start - 1)) and not Py_UNICODE_ISSPACE(
            PyUnicode_READ(kind, data, start)):
        a -= 1
    if a > b or b > 0x7FFFFFFF:
        return False
    t0[0] = <int>a
    t1[0] = <int>b
    return True


def target_tokens(str sentence, Py_ssize_t start, Py_ssize_t end):
    """``_Prepared.target_tokens(start, end)``, or None when the span holds no token (for tests)."""
    cdef int t0, t1
    if _tokens_of(sentence, start, end, &t0, &t1):
        return t0, t1
    return None


cdef double* _rows_of(z, Py_ssize_t row, Py_ssize_t count) except NULL:
    """The address of ``z[row]`` of a C-contiguous (n, 3) float64 array with rows ``row .. row + count - 1``.

    The caller keeps ``z`` alive while it writes (it holds a reference as an argument).
    """
    cdef Py_buffer view
    cdef double* p
    PyObject_GetBuffer(z, &view, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE | PyBUF_FORMAT | PyBUF_ND)
    try:
        if (view.ndim != 2 or view.itemsize != 8 or view.format == NULL or view.format[0] != 100  # 'd'
                or view.format[1] != 0 or view.shape[1] != 3 or row < 0 or count < 0
                or row + count > view.shape[0]):
            raise ValueError("z must be a C-contiguous (n, 3) float64 array with room for the rows")
        p = <double*>view.buf + 3 * row
    finally:
        PyBuffer_Release(&view)
    return p


cdef inline bint _possessive(str w):
    """``w.endswith(("'s", "’s", "s'", "s’"))``."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(w)
    cdef Py_UCS4 a, b
    if n < 2:
        return False
    a = PyUnicode_READ_CHAR(w, n - 2)
    b = PyUnicode_READ_CHAR(w, n - 1)
    if b == 115 and (a == 39 or a == 0x2019):  # 's  ’s
        return True
    return a == 115 and (b == 39 or b == 0x2019)  # s'  s’


cdef inline bint _boundary(str tok):
    """``_is_boundary(tok)`` of framing.score.targeted (False for an empty token)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(tok)
    cdef Py_UCS4 first, last
    if n == 0:
        return False
    first = PyUnicode_READ_CHAR(tok, 0)
    last = PyUnicode_READ_CHAR(tok, n - 1)
    # tok[-1] in ",;:" or tok[-1] in '”"'
    if last == 44 or last == 59 or last == 58 or last == 0x201D or last == 34:
        return True
    # tok in ("—", "–", "-", "--")
    if n == 1 and (first == 0x2014 or first == 0x2013 or first == 45):
        return True
    if n == 2 and first == 45 and last == 45:
        return True
    # tok[0] in '“"('
    return first == 0x201C or first == 34 or first == 40


cdef class Tables:
    """The model's columns as C tables, and the logits of targets (see the module docstring)."""

    cdef int32_t* rec
    cdef int S, V
    cdef char* pool
    cdef TokSlot* tslots
    cdef uint64_t tmask
    cdef Ent* big
    cdef uint64_t bmask
    cdef Ent* bo
    cdef uint64_t omask
    cdef dict na  # non-ASCII token -> id
    cdef dict tid  # tid family: token -> column (for possessive target words)
    cdef int c, k, win, nvw
    cdef double tw, bw
    cdef int* vw
    cdef int* vl
    cdef int* vr
    cdef int fW, fL, fR, fLW, fRW, fTID, fBL, fBR, fFL, fOFF, fLEN
    cdef int id_mask, id_cap, id_plus, id_minus, id_s, id_es
    cdef int w_mask, v_comp, v_pos, v_neg, v_clause, v_outside
    cdef int q_in, q_has, q_in_v, sp_after, sp_before, sp_after_v
    cdef int pos_first, pos_rel, t_poss, t_pron, empty, zero
    cdef double[:, ::1] W
    cdef double b[3]
    cdef readonly Py_ssize_t nbytes
    cdef readonly int n_tokens, n_bigrams, n_backoff

    def __cinit__(self):
        self.rec = NULL
        self.pool = NULL
        self.tslots = NULL
        self.big = NULL
        self.bo = NULL
        self.vw = NULL
        self.vl = NULL
        self.vr = NULL

    def __dealloc__(self):
        PyMem_Free(self.rec)
        PyMem_Free(self.pool)
        PyMem_Free(self.tslots)
        PyMem_Free(self.big)
        PyMem_Free(self.bo)
        PyMem_Free(self.vw)
        PyMem_Free(self.vl)
        PyMem_Free(self.vr)

    def __init__(self, features, dict config, double[:, ::1] W, b, speech, pronouns):
        """Build the tables of a model.

        Parameters
        ----------
        features : sequence of str
            The model's feature names, in column order.
        config : dict
            Its feature settings (``backoff``, ``context``, ``window``, ``target_weight``,
            ``bag_weight``, ``vader_windows``).
        W : (n_features + 1, 3) float64 array
            The weights, with the zero row last.
        b : sequence of 3 float
            The intercept.
        speech, pronouns : iterable of str
            The speech verbs and the pronouns of the target features.
        """
        cdef Py_ssize_t i, nf = len(features)
        cdef int col, tid_, S, j, d
        cdef dict fam = {}
        cdef str name, pre, suf, tok
        if W.shape[0] != nf + 1 or W.shape[1] != 3:
            raise ValueError("W must be (n_features + 1, 3)")
        for i in range(nf):
            name = features[i]
            pre, _, suf = name.partition(":")
            d_ = fam.get(pre)
            if d_ is None:
                d_ = fam[pre] = {}
            d_[suf] = i

        def get(p):
            return fam.get(p, {})

        self.k = k = int(config["backoff"])
        self.c = c = int(config["context"])
        self.win = int(config["window"])
        self.tw = float(config["target_weight"])
        self.bw = float(config["bag_weight"])
        if k < 0 or c < 0 or self.win < 0 or k > 64 or c > 64:
            raise ValueError("unsupported config")
        vws = [int(w) for w in config["vader_windows"]]
        self.nvw = len(vws)
        self.vw = <int*>PyMem_Malloc((self.nvw + 1) * sizeof(int))
        self.vl = <int*>PyMem_Malloc((self.nvw + 1) * sizeof(int))
        self.vr = <int*>PyMem_Malloc((self.nvw + 1) * sizeof(int))
        if self.vw == NULL or self.vl == NULL or self.vr == NULL:
            raise MemoryError()
        v = get("v")
        for j in range(self.nvw):
            self.vw[j] = vws[j]
            self.vl[j] = v.get(f"l{vws[j]}", -1)
            self.vr[j] = v.get(f"r{vws[j]}", -1)
        self.v_comp, self.v_pos, self.v_neg = v.get("comp", -1), v.get("pos", -1), v.get("neg", -1)
        self.v_clause, self.v_outside = v.get("clause", -1), v.get("outside", -1)
        q, sp = get("q"), get("sp")
        self.q_in, self.q_has, self.q_in_v = q.get("in", -1), q.get("has", -1), q.get("in_v", -1)
        self.sp_after, self.sp_before, self.sp_after_v = sp.get("after", -1), sp.get("before", -1), sp.get("after_v", -1)
        self.pos_first, self.pos_rel = get("pos").get("first", -1), get("pos").get("rel", -1)
        self.t_poss, self.t_pron = get("t").get("poss", -1), get("t").get("pron", -1)
        self.empty = get("empty").get("", -1)
        self.w_mask = get("w").get("<t>", -1)
        self.zero = <int>nf
        self.W = W
        for j in range(3):
            self.b[j] = float(b[j])
        self.tid = dict(get("tid"))

        # record fields (those read for every token of a sentence first: one cache line)
        self.fOFF = 0
        self.fLEN = 1
        self.fW = 2
        self.fFL = 3
        self.fL = 4
        self.fR = 4 + c
        self.fLW = 4 + 2 * c
        self.fRW = 5 + 2 * c
        self.fTID = 6 + 2 * c
        self.fBL = 7 + 2 * c
        self.fBR = 7 + 2 * c + k
        self.S = S = 7 + 2 * c + 2 * k

        # ids of every token of the tables
        vocab: dict = {}
        specials = ["<t>", "<cap>", "<+>", "<->", "<s>", "</s>"]
        for tok in specials:
            vocab.setdefault(tok, len(vocab))
        for tok in speech:
            vocab.setdefault(tok, len(vocab))
        for tok in pronouns:
            vocab.setdefault(tok, len(vocab))
        word_fams = [("w", self.fW), ("lw", self.fLW), ("rw", self.fRW), ("tid", self.fTID)]
        word_fams += [(f"l{d + 1}", self.fL + d) for d in range(c)] + [(f"r{d + 1}", self.fR + d) for d in range(c)]
        word_fams += [(f"bl{d + 1}", self.fBL + d) for d in range(k)] + [(f"br{d + 1}", self.fBR + d) for d in range(k)]
        for pre, _f in word_fams:
            for tok in get(pre):
                vocab.setdefault(tok, len(vocab))
        bigrams = []  # (first, second, field, column)
        for fi, pre in enumerate(("b", "lb", "rb")):
            for key, col in get(pre).items():
                pair = key.split(" ")
                if len(pair) == 2:
                    bigrams.append((vocab.setdefault(pair[0], len(vocab)), vocab.setdefault(pair[1], len(vocab)), fi, col))
        backoff = []  # (family, a, b, c, column)
        for fm, pre, ln in ((FAM_BLB, "blb", 2), (FAM_BRB, "brb", 2), (FAM_BLT, "blt", 3), (FAM_BRT, "brt", 3)):
            for key, col in get(pre).items():
                parts = key.split(" ")
                if len(parts) == ln:
                    ids = [vocab.setdefault(t, len(vocab)) for t in parts]
                    backoff.append((fm, ids[0], ids[1], ids[2] if ln == 3 else -1, col))
        if len(vocab) > MAX_IDS:
            raise ValueError("too many tokens for the packed keys")
        self.V = V = len(vocab)
        self.id_mask, self.id_cap, self.id_plus, self.id_minus, self.id_s, self.id_es = (vocab[t] for t in specials)

        # records
        self.rec = <int32_t*>PyMem_Malloc(<size_t>V * S * sizeof(int32_t))
        if self.rec == NULL:
            raise MemoryError()
        for i in range(<Py_ssize_t>V * S):
            self.rec[i] = -1
        for i in range(V):
            self.rec[i * S + self.fFL] = 0
        for tok in speech:
            self.rec[vocab[tok] * S + self.fFL] |= FLAG_SPEECH
        for tok in pronouns:
            self.rec[vocab[tok] * S + self.fFL] |= FLAG_PRON
        for pre, f in word_fams:
            for tok, col in get(pre).items():
                self.rec[vocab[tok] * S + f] = col

        # token table (ASCII tokens; the others by self.na) and the pool of their bytes
        cdef Py_ssize_t npool = 0, nasc = 0, cap, off
        self.na = {}
        for tok, tid_ in vocab.items():
            if PyUnicode_IS_ASCII(tok):
                npool += PyUnicode_GET_LENGTH(tok)
                nasc += 1
            else:
                self.na[tok] = tid_
        self.pool = <char*>PyMem_Malloc(npool + 1)
        cap = 16
        while cap < 3 * nasc:
            cap *= 2
        self.tmask = cap - 1
        self.tslots = <TokSlot*>PyMem_Malloc(cap * sizeof(TokSlot))
        if self.pool == NULL or self.tslots == NULL:
            raise MemoryError()
        for i in range(cap):
            self.tslots[i].id = -1
            self.tslots[i].h = 0
        off = 0
        cdef Py_hash_t h
        cdef uint64_t pos
        cdef Py_ssize_t ln_
        for tok, tid_ in vocab.items():
            if not PyUnicode_IS_ASCII(tok):
                continue
            ln_ = PyUnicode_GET_LENGTH(tok)
            memcpy(self.pool + off, PyUnicode_DATA(tok), ln_)
            self.rec[tid_ * S + self.fOFF] = <int32_t>off
            self.rec[tid_ * S + self.fLEN] = <int32_t>ln_
            off += ln_
            h = PyObject_Hash(tok)
            pos = _mix(<uint64_t>h) & self.tmask
            while self.tslots[pos].id >= 0:
                pos = (pos + 1) & self.tmask
            self.tslots[pos].id = tid_
            self.tslots[pos].h = <uint32_t>(<uint64_t>h)

        # bigram and back-off n-gram tables
        cdef Ent* e
        cdef Py_ssize_t n_pairs = len({(a_, b_) for a_, b_, _f, _c in bigrams})
        cap = 16
        while cap < 2 * n_pairs:
            cap *= 2
        self.bmask = cap - 1
        self.big = <Ent*>PyMem_Malloc(cap * sizeof(Ent))
        if self.big == NULL:
            raise MemoryError()
        for i in range(cap):
            self.big[i].key = 0
        cdef Py_ssize_t nbig = 0
        for a_, b_, fi, col in bigrams:
            e = _slot(self.big, self.bmask, _pair_key(a_, b_))
            if e.v0 == -1 and e.v1 == -1 and e.v2 == -1:
                nbig += 1
            if fi == 0:
                e.v0 = col
            elif fi == 1:
                e.v1 = col
            else:
                e.v2 = col
        cdef Py_ssize_t cap_b = cap
        cap = 16
        while 2 * cap < 3 * len(backoff):
            cap *= 2
        self.omask = cap - 1
        self.bo = <Ent*>PyMem_Malloc(cap * sizeof(Ent))
        if self.bo == NULL:
            raise MemoryError()
        for i in range(cap):
            self.bo[i].key = 0
        for fm, a_, b_, c_, col in backoff:
            e = _slot(self.bo, self.omask, _bo_key(fm, a_, b_, c_))
            e.v0 = col
        self.n_tokens = V
        self.n_bigrams = nbig
        self.n_backoff = len(backoff)
        self.nbytes = (<Py_ssize_t>V * S * 4 + npool + (self.tmask + 1) * sizeof(TokSlot)
                       + cap_b * sizeof(Ent) + cap * sizeof(Ent))

    cdef inline int _id(self, str tok) except -2:
        """The id of a token (-1: not in the tables)."""
        cdef Py_hash_t h
        cdef uint64_t pos
        cdef uint32_t h32
        cdef int32_t i
        cdef const int32_t* r
        cdef Py_ssize_t n
        cdef const char* data
        if PyUnicode_IS_ASCII(tok):
            h = PyObject_Hash(tok)
            h32 = <uint32_t>(<uint64_t>h)
            n = PyUnicode_GET_LENGTH(tok)
            data = <const char*>PyUnicode_DATA(tok)
            pos = _mix(<uint64_t>h) & self.tmask
            while True:
                i = self.tslots[pos].id
                if i < 0:
                    return -1
                if self.tslots[pos].h == h32:
                    r = self.rec + <Py_ssize_t>i * self.S
                    if r[self.fLEN] == n and memcmp(self.pool + r[self.fOFF], data, n) == 0:
                        return i
                pos = (pos + 1) & self.tmask
        got = self.na.get(tok)
        return -1 if got is None else <int>got

    def token_id(self, str tok):
        """The id of ``tok`` in the tables (-1 when no feature holds it); for tests."""
        return self._id(tok)

    cdef inline int _field(self, int tokid, int f) noexcept nogil:
        if tokid < 0:
            return -1
        return self.rec[<Py_ssize_t>tokid * self.S + f]

    cdef inline int _bo(self, int fam, int a, int b, int c) noexcept nogil:
        cdef Ent* e
        if a < 0 or b < 0 or (fam >= FAM_BLT and c < 0):
            return -1
        e = _find(self.bo, self.omask, _bo_key(fam, a, b, c))
        return -1 if e == NULL else e.v0

    def empty_rows(self, z, Py_ssize_t row, Py_ssize_t count):
        """The logits of ``count`` targets of a sentence without tokens, into ``z[row : row + count]``."""
        cdef Py_ssize_t q
        cdef int ci
        cdef int col = self.empty if self.empty >= 0 else self.zero
        cdef double v, bag
        cdef double* zp = _rows_of(z, row, count)
        for q in range(count):
            for ci in range(3):
                v = self.W[col, ci] * 1.0
                bag = self.W[self.zero, ci]
                v = v + bag * self.bw
                zp[3 * q + ci] = v + self.b[ci]

    def sentence(self, list raw, list lows, list items, scores, str sentence, targets, tokens,
                 z, Py_ssize_t row, list entries=None):
        """The logits of the targets of one sentence, into ``z[row : row + len(targets)]``.

        Parameters
        ----------
        raw, lows : list of str
            The sentence's tokens and their lower-cased forms (``_Prepared.raw``, ``.lows``).
        items : list of (int, float)
            The tokens' VADER valences (``_Prepared.items``).
        scores : VaderScores
            VADER of the sentence.
        sentence : str
        targets : sequence of (int, int)
            ``(start, end)`` of each target (characters).
        tokens : callable
            ``_Prepared.target_tokens`` of the sentence: ``(start, end) -> (t0, t1)``, for the
            spans that hold no token (the nearest token).
        z : (n, 3) C-contiguous float64 array
        row : int
            The row of the first target in ``z``.
        entries : list, optional
            When given, each target's entries ``(columns, values)`` are appended to it
            (the local features, then the bag changes; for tests).
        """
        cdef Py_ssize_t n = len(lows), m = len(items), ns = len(targets)
        cdef Py_ssize_t j, q, tmax = 1, H, hcap, a, b
        cdef int t0, t1, col, ci
        cdef str tok
        cdef Ent* e
        if n == 0 or len(raw) != n:
            raise ValueError("raw and lows must be the same, non-empty length")
        cdef double* zp = _rows_of(z, row, ns)
        # (start, t0, t1) of each target
        cdef Py_ssize_t* tt = <Py_ssize_t*>PyMem_Malloc((3 * ns + 1) * sizeof(Py_ssize_t))
        if tt == NULL:
            raise MemoryError()
        try:
            for q in range(ns):
                a, b = targets[q]
                if not _tokens_of(sentence, a, b, &t0, &t1):
                    t0, t1 = tokens(a, b)
                if not 0 <= t0 <= t1 < n:
                    raise ValueError("target tokens out of range")
                if t1 - t0 + 1 > tmax:
                    tmax = t1 - t0 + 1
                tt[3 * q] = a
                tt[3 * q + 1] = t0
                tt[3 * q + 2] = t1
            self._sentence(raw, lows, items, scores, sentence, ns, tt, tmax, zp, entries)
        finally:
            PyMem_Free(tt)

    cdef int _sentence(self, list raw, list lows, list items, scores, str sentence, Py_ssize_t ns,
                       Py_ssize_t* tt, Py_ssize_t tmax, double* zp, list entries) except -1:
        cdef Py_ssize_t n = len(lows), m = len(items)
        cdef Py_ssize_t j, q, H, hcap
        cdef int col, ci
        cdef str tok
        cdef Ent* e
        hcap = 16
        while hcap < 4 * n:
            hcap *= 2
        # per target: the entries (column, value)
        cdef Py_ssize_t ecap = 4 * tmax + 8 * self.k + 2 * self.c + 4 * self.win + 2 * self.nvw + 64
        # one block: ints, then doubles
        cdef Py_ssize_t n_int = 8 * n + m + 2 * n + 2 * hcap + ecap + 2 * (self.k + 2) + 3 * (tmax + 2)
        cdef Py_ssize_t n_dbl = m + ecap + 3 * ecap + 3 * (2 * n + 1)
        cdef char* block = <char*>PyMem_Malloc(n_int * sizeof(int32_t) + n_dbl * sizeof(double) + 16)
        if block == NULL:
            raise MemoryError()
        cdef double* dp = <double*>block
        cdef double* iv = dp
        cdef double* xs = iv + m
        cdef double* g = xs + ecap
        cdef double* bg = g + 3 * ecap
        cdef int32_t* ip = <int32_t*>(bg + 3 * (2 * n + 1))
        cdef int32_t* ids = ip
        cdef int32_t* wc = ids + n
        cdef int32_t* bc = wc + n
        cdef int32_t* lbc = bc + n
        cdef int32_t* rbc = lbc + n
        cdef int32_t* sg = rbc + n
        cdef int32_t* up = sg + n
        cdef int32_t* bd = up + n
        cdef int32_t* ii = bd + n
        cdef int32_t* bag = ii + m
        cdef int32_t* hk = bag + 2 * n
        cdef int32_t* hv = hk + hcap
        cdef int32_t* cols = hv + hcap
        cdef int32_t* lw = cols + ecap
        cdef int32_t* rw = lw + (self.k + 2)
        cdef int32_t* tids = rw + (self.k + 2)
        cdef int32_t* rcc = tids + (tmax + 2)
        cdef int32_t* rcn = rcc + (tmax + 2)
        cdef Py_ssize_t nbag = 0, m_ent
        cdef uint64_t hmask = hcap - 1, hp
        cdef double x, comp, vpos, vneg
        cdef double bagz[3]
        cdef const double* Wp = &self.W[0, 0]
        cdef str r
        cdef bint has_quote
        try:
            for j in range(n):
                tok = lows[j]
                ids[j] = self._id(tok)
                wc[j] = self._field(ids[j], self.fW)
                r = raw[j]
                up[j] = PyUnicode_GET_LENGTH(r) > 0 and Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(r, 0))
                bd[j] = _boundary(r)
                sg[j] = 0
            for j in range(n - 1):
                bc[j] = lbc[j] = rbc[j] = -1
                if ids[j] >= 0 and ids[j + 1] >= 0:
                    e = _find(self.big, self.bmask, _pair_key(ids[j], ids[j + 1]))
                    if e != NULL:
                        bc[j] = e.v0
                        lbc[j] = e.v1
                        rbc[j] = e.v2
            for q in range(m):
                it = items[q]
                ii[q] = it[0]
                iv[q] = x = it[1]
                if x != 0.0 and 0 <= ii[q] < n:  # (the sign dict: non-zero valences)
                    sg[ii[q]] = 1 if x > 0 else -1
            # the sentence's known w and b columns, first-seen order, and their counts
            for hp in range(hcap):
                hk[hp] = -1
            for j in range(2 * n - 1):
                col = wc[j] if j < n else bc[j - n]
                if col < 0:
                    continue
                hp = _mix(<uint64_t>col) & hmask
                while hk[hp] >= 0 and hk[hp] != col:
                    hp = (hp + 1) & hmask
                if hk[hp] < 0:
                    hk[hp] = col
                    hv[hp] = 1
                    bag[nbag] = col
                    nbag += 1
                else:
                    hv[hp] += 1
            # the bag's weights: the zero row, then the pairwise sum of the others (np.add.reduceat)
            for q in range(nbag):
                for ci in range(3):
                    bg[3 * q + ci] = Wp[3 * bag[q] + ci]
            for ci in range(3):
                bagz[ci] = Wp[3 * self.zero + ci]
                if nbag:
                    bagz[ci] = bagz[ci] + _pairwise(bg + ci, nbag, 3)
            comp = scores[3]
            vpos = scores[2]
            vneg = scores[0]
            has_quote = "“" in sentence or '"' in sentence
            for q in range(ns):
                m_ent = self._target(tt[3 * q], <int>tt[3 * q + 1], <int>tt[3 * q + 2], n, m, ids, wc, bc, lbc, rbc,
                                     sg, up, bd, ii, iv, hk, hv, hmask, lw, rw, tids, rcc, rcn,
                                     cols, xs, lows, raw, sentence, has_quote, comp, vpos, vneg)
                if entries is not None:
                    entries.append(([cols[j] for j in range(m_ent)], [xs[j] for j in range(m_ent)]))
                for ci in range(3):
                    for j in range(m_ent):
                        g[3 * j + ci] = Wp[3 * cols[j] + ci] * xs[j]
                    x = Wp[3 * self.zero + ci] * 0.0
                    if m_ent:
                        x = x + _pairwise(g + ci, m_ent, 3)
                    x = x + bagz[ci] * self.bw
                    zp[3 * q + ci] = x + self.b[ci]
        finally:
            PyMem_Free(block)
        return 0

    cdef Py_ssize_t _target(self, Py_ssize_t start, int t0, int t1, Py_ssize_t n, Py_ssize_t m,
                            int32_t* ids, int32_t* wc, int32_t* bc, int32_t* lbc, int32_t* rbc,
                            int32_t* sg, int32_t* up, int32_t* bd, int32_t* ii, double* iv,
                            int32_t* hk, int32_t* hv, uint64_t hmask,
                            int32_t* lw, int32_t* rw, int32_t* tids, int32_t* rcc, int32_t* rcn,
                            int32_t* cols, double* xs, list lows, list raw, str sentence,
                            bint has_quote, double comp, double vpos, double vneg) except -1:
        """The entries (column, value) of one target: ``_FeatureIndex.target``, then ``bag_delta``."""
        cdef int k = self.k, c = self.c, win = self.win, d, j, tokid, col, a, i, lo, hi, c_lo, c_hi
        cdef int nl = 0, nr = 0, ntid = 0, q, nrc = 0, g0, g1, mult, cnt
        cdef Py_ssize_t ne = 0, ne_ones, p
        cdef double tw = self.tw, ls, rs, cs, bs, as_, val
        cdef bint out, in_quote, sp_after
        cdef str w
        cdef Ent* e
        cdef uint64_t hp

        # back-off tokens of the local context (as _backoff)
        j = t0 - k if t0 > k else 0
        while j < t0:
            lw[nl] = self.id_plus if sg[j] > 0 else self.id_minus if sg[j] < 0 else (
                self.id_cap if j and up[j] else ids[j])
            nl += 1
            j += 1
        rw[0] = self.id_mask
        j = t1 + 1
        hi = t1 + 1 + k if t1 + 1 + k < n else <int>n
        while j < hi:
            rw[nr + 1] = self.id_plus if sg[j] > 0 else self.id_minus if sg[j] < 0 else (
                self.id_cap if up[j] else ids[j])
            nr += 1
            j += 1
        # the columns of value 1.0 (-1: unknown), in feature order
        for d in range(k):
            cols[ne] = self._field(lw[nl - 1 - d] if d < nl else self.id_s, self.fBL + d)
            ne += 1
            cols[ne] = self._field(rw[d + 1] if d < nr else self.id_es, self.fBR + d)
            ne += 1
        lw[nl] = self.id_mask
        for q in range(nl):
            cols[ne] = self._bo(FAM_BLB, lw[q], lw[q + 1], -1)
            ne += 1
        for q in range(nr):
            cols[ne] = self._bo(FAM_BRB, rw[q], rw[q + 1], -1)
            ne += 1
        for q in range(nl - 1):
            cols[ne] = self._bo(FAM_BLT, lw[q], lw[q + 1], lw[q + 2])
            ne += 1
        for q in range(nr - 1):
            cols[ne] = self._bo(FAM_BRT, rw[q], rw[q + 1], rw[q + 2])
            ne += 1
        # target identity
        if tw != 0.0:
            for j in range(t0, t1 + 1):
                w = lows[j]
                if _possessive(w):
                    got = self.tid.get(w[:PyUnicode_GET_LENGTH(w) - 2])
                    col = -1 if got is None else <int>got
                else:
                    col = self._field(ids[j], self.fTID)
                tids[ntid] = col
                ntid += 1
                cols[ne] = col
                ne += 1
        # positional context: l1, r1, l2, r2, ...
        for d in range(c):
            j = t0 - 1 - d
            cols[ne] = self._field(ids[j] if j >= 0 else self.id_s, self.fL + d)
            ne += 1
            j = t1 + 1 + d
            cols[ne] = self._field(ids[j] if j < n else self.id_es, self.fR + d)
            ne += 1
        lo = t0 - win if t0 > win else 0
        for j in range(lo, t0):
            cols[ne] = self._field(ids[j], self.fLW)
            ne += 1
        hi = t1 + 1 + win if t1 + 1 + win < n else <int>n
        for j in range(t1 + 1, hi):
            cols[ne] = self._field(ids[j], self.fRW)
            ne += 1
        if t0 > 1:
            for j in range(lo, t0 - 1):
                cols[ne] = lbc[j]
                ne += 1
        hi = t1 + win if t1 + win < n - 1 else <int>(n - 1)
        for j in range(t1 + 1, hi):
            cols[ne] = rbc[j]
            ne += 1
        # dict.fromkeys(ones, 1.0) without None: the first of equal columns, in order
        ne_ones = ne
        ne = 0
        for p in range(ne_ones):
            col = cols[p]
            if col < 0:
                continue
            for q in range(ne):
                if cols[q] == col:
                    break
            else:
                cols[ne] = col
                xs[ne] = 1.0
                ne += 1
        for q in range(ntid):
            if tids[q] >= 0:
                ne = _put(cols, xs, ne, tids[q], tw)

        # VADER: sentence, windows, clause
        if self.v_comp >= 0 and comp != 0.0:
            ne = _put(cols, xs, ne, self.v_comp, comp)
        if self.v_pos >= 0 and vpos != 0.0:
            ne = _put(cols, xs, ne, self.v_pos, vpos)
        if self.v_neg >= 0 and vneg != 0.0:
            ne = _put(cols, xs, ne, self.v_neg, vneg)
        out = False
        for q in range(m):
            if not t0 <= ii[q] <= t1:
                out = True
                break
        if out:
            for a in range(self.nvw):
                lo = t0 - self.vw[a]
                hi = t1 + 1 + self.vw[a]
                ls = rs = 0.0
                for q in range(m):
                    i = ii[q]
                    if t0 <= i <= t1:
                        continue
                    if lo <= i < t0:
                        ls += iv[q]
                    elif t1 < i < hi:
                        rs += iv[q]
                if ls != 0.0 and self.vl[a] >= 0:
                    ne = _put(cols, xs, ne, self.vl[a], ls / sqrt(ls * ls + 15.0))
                if rs != 0.0 and self.vr[a] >= 0:
                    ne = _put(cols, xs, ne, self.vr[a], rs / sqrt(rs * rs + 15.0))
            c_lo = t0
            while c_lo and not bd[c_lo - 1]:
                c_lo -= 1
            c_hi = t1
            while c_hi < n - 1 and not bd[c_hi]:
                c_hi += 1
            cs = bs = as_ = 0.0
            for q in range(m):
                i = ii[q]
                if t0 <= i <= t1:
                    continue
                if i < c_lo:
                    bs += iv[q]
                elif i <= c_hi:
                    cs += iv[q]
                else:
                    as_ += iv[q]
            if cs != 0.0 and self.v_clause >= 0:
                ne = _put(cols, xs, ne, self.v_clause, cs / sqrt(cs * cs + 15.0))
            val = bs + as_
            if val != 0.0 and self.v_outside >= 0:
                ne = _put(cols, xs, ne, self.v_outside, val / sqrt(val * val + 15.0))

        # quotes, speech, position
        in_quote = False
        if has_quote:
            in_quote = (sentence.rfind("“", 0, start) > sentence.rfind("”", 0, start)
                        or sentence.count('"', 0, start) % 2 == 1)
        if in_quote and self.q_in >= 0:
            ne = _put(cols, xs, ne, self.q_in, 1.0)
        if has_quote and self.q_has >= 0:
            ne = _put(cols, xs, ne, self.q_has, 1.0)
        sp_after = False
        hi = t1 + 4 if t1 + 4 < n else <int>n
        for j in range(t1 + 1, hi):
            if self._field(ids[j], self.fFL) > 0 and (self.rec[<Py_ssize_t>ids[j] * self.S + self.fFL] & FLAG_SPEECH):
                sp_after = True
        if sp_after and self.sp_after >= 0:
            ne = _put(cols, xs, ne, self.sp_after, 1.0)
        if self.sp_before >= 0:
            for j in range(t0 - 3 if t0 > 3 else 0, t0):
                if self._field(ids[j], self.fFL) > 0 and (self.rec[<Py_ssize_t>ids[j] * self.S + self.fFL] & FLAG_SPEECH):
                    ne = _put(cols, xs, ne, self.sp_before, 1.0)
                    break
        if sp_after and comp != 0.0 and self.sp_after_v >= 0:
            ne = _put(cols, xs, ne, self.sp_after_v, comp)
        if in_quote and comp != 0.0 and self.q_in_v >= 0:
            ne = _put(cols, xs, ne, self.q_in_v, comp)
        if t0 == 0 and self.pos_first >= 0:
            ne = _put(cols, xs, ne, self.pos_first, 1.0)
        if t0 and self.pos_rel >= 0:
            ne = _put(cols, xs, ne, self.pos_rel, (<double>t0) / (<double>n))
        if self.t_poss >= 0 and _possessive(raw[t1]):
            ne = _put(cols, xs, ne, self.t_poss, 1.0)
        if self.t_pron >= 0 and self._field(ids[t0], self.fFL) > 0 and (
                self.rec[<Py_ssize_t>ids[t0] * self.S + self.fFL] & FLAG_PRON):
            ne = _put(cols, xs, ne, self.t_pron, 1.0)

        # bag_delta: the columns the target's mask removes (-bag_weight) and adds (+bag_weight)
        cdef double bw = self.bw
        for j in range(t0, t1 + 1):  # the target's words that occur nowhere else (first-seen order)
            col = wc[j]
            if col < 0:
                continue
            mult = 0
            for q in range(t0, t1 + 1):
                if wc[q] == col:
                    if q < j:
                        break
                    mult += 1
            else:
                if _count(hk, hv, hmask, col) == mult:
                    cols[ne] = col
                    xs[ne] = -bw
                    ne += 1
        # (the added columns, appended after all the removed ones: at most the mask and its two bigrams)
        cdef int adds[3]
        cdef int nadd = 0
        col = self.w_mask
        if col >= 0:
            mult = 0
            for q in range(t0, t1 + 1):
                if wc[q] == col:
                    mult += 1
            if _count(hk, hv, hmask, col) == mult:
                adds[nadd] = col
                nadd += 1
        # the bigrams touching the target that occur nowhere else
        hi = t1 + 1 if t1 + 1 < n - 1 else <int>(n - 1)
        for j in range(t0 - 1 if t0 else 0, hi):
            col = bc[j]
            if col < 0:
                continue
            for q in range(nrc):
                if rcc[q] == col:
                    rcn[q] += 1
                    break
            else:
                rcc[nrc] = col
                rcn[nrc] = 1
                nrc += 1
        for q in range(nrc):
            if _count(hk, hv, hmask, rcc[q]) == rcn[q]:
                cols[ne] = rcc[q]
                xs[ne] = -bw
                ne += 1
        # the bigrams of the target's mask, in the order of their strings
        g0 = g1 = -1
        if t0 > 0 and ids[t0 - 1] >= 0:
            e = _find(self.big, self.bmask, _pair_key(ids[t0 - 1], self.id_mask))
            if e != NULL:
                g0 = e.v0
        if t1 < n - 1 and ids[t1 + 1] >= 0:
            e = _find(self.big, self.bmask, _pair_key(self.id_mask, ids[t1 + 1]))
            if e != NULL:
                g1 = e.v0
        if g0 >= 0 and g1 >= 0:
            if g0 == g1:
                g1 = -1
            elif "<t> " + lows[t1 + 1] < lows[t0 - 1] + " <t>":
                g0, g1 = g1, g0
        for col in (g0, g1):
            if col < 0:
                continue
            cnt = 0
            for q in range(nrc):
                if rcc[q] == col:
                    cnt = rcn[q]
                    break
            if _count(hk, hv, hmask, col) == cnt:
                adds[nadd] = col
                nadd += 1
        for q in range(nadd):
            cols[ne] = adds[q]
            xs[ne] = bw
            ne += 1
        return ne


cdef inline Py_ssize_t _put(int32_t* cols, double* xs, Py_ssize_t ne, int col, double val) noexcept nogil:
    """``acc[col] = val`` of a dict kept as two arrays: in place if present, else appended."""
    cdef Py_ssize_t q
    for q in range(ne):
        if cols[q] == col:
            xs[q] = val
            return ne
    cols[ne] = col
    xs[ne] = val
    return ne + 1


cdef inline int _count(int32_t* hk, int32_t* hv, uint64_t hmask, int col) noexcept nogil:
    """The sentence's count of a w or b column (0 if absent)."""
    cdef uint64_t hp = _mix(<uint64_t>col) & hmask
    while hk[hp] >= 0:
        if hk[hp] == col:
            return hv[hp]
        hp = (hp + 1) & hmask
    return 0
