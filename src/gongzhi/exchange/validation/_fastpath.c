/* Canonical-shape tests of the validation engine's fast path, over Arrow string arrays.
 *
 * Every function reads one Arrow string column (int32 offsets, UTF-8 data; `start` is the
 * array's offset, `n` its length) and writes one code per row into `code` (uint8):
 *   0  not canonical, or not provably valid: the SQL engine decides (always safe);
 *   1  canonical and valid: the typed value (if any) is written to `out`;
 *   2  empty text.
 * A row marked 1 must be one that the engine's SQL accepts with exactly that value: when in
 * doubt a function writes 0. Python decides per row from these codes (`fastpath.py`); a
 * differential test runs both paths over generated edge cases. The GIL is released while a
 * column is scanned.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    Py_buffer offsets, data, code, out, extra;
    int has_out, has_extra;
} Args;

static void release(Args *a) {
    PyBuffer_Release(&a->offsets);
    PyBuffer_Release(&a->data);
    PyBuffer_Release(&a->code);
    if (a->has_out) PyBuffer_Release(&a->out);
    if (a->has_extra) PyBuffer_Release(&a->extra);
}

static int sizes_ok(Args *a, Py_ssize_t start, Py_ssize_t n, Py_ssize_t out_width) {
    if (start < 0 || n < 0 || a->offsets.len < (Py_ssize_t)sizeof(int32_t) * (start + n + 1) ||
        a->code.len < n || (a->has_out && a->out.len < n * out_width)) {
        PyErr_SetString(PyExc_ValueError, "buffer too small");
        return 0;
    }
    const int32_t *off = (const int32_t *)a->offsets.buf;
    if (n > 0 && (off[start] < 0 || off[start + n] > a->data.len || off[start] > off[start + n])) {
        PyErr_SetString(PyExc_ValueError, "offsets outside the data");
        return 0;
    }
    return 1;
}

/* sizes_ok for a function with an output of `width` bytes a row (0: none); on failure the
 * error is set and every buffer released. */
static int out_ok(Args *a, Py_ssize_t start, Py_ssize_t n, Py_ssize_t width) {
    a->has_out = width > 0;
    if (sizes_ok(a, start, n, width)) return 1;
    release(a);
    return 0;
}

/* sizes_ok, and the extra table `what` of `size` bytes; on failure the error is set and every
 * buffer released. */
static int table_ok(Args *a, Py_ssize_t start, Py_ssize_t n, Py_ssize_t size, const char *what) {
    if (sizes_ok(a, start, n, 0) && a->extra.len == size) return 1;
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, what);
    release(a);
    return 0;
}

/* The loop over the rows, the GIL released: ROW(i, s, len) { … code_[i] = …; } END_ROW; a row of
 * no bytes is code 2 (empty) before the body runs. */
#define ROW(i, s, len)                                                         \
    Py_BEGIN_ALLOW_THREADS                                                     \
    const int32_t *off_ = (const int32_t *)a.offsets.buf + start;              \
    const uint8_t *data_ = (const uint8_t *)a.data.buf;                        \
    uint8_t *code_ = (uint8_t *)a.code.buf;                                    \
    for (Py_ssize_t i = 0; i < n; i++) {                                       \
        const uint8_t *s = data_ + off_[i];                                    \
        int32_t len = off_[i + 1] - off_[i];                                   \
        if (len <= 0) { code_[i] = len == 0 ? 2 : 0; continue; }

#define END_ROW } Py_END_ALLOW_THREADS

/* The end of every function: the buffers released, None returned. */
#define DONE release(&a); Py_RETURN_NONE

static inline int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

static inline int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static inline int month_days(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
    return days[m - 1];
}

/* YYYY-MM-DD at s: days since 1970-01-01 in *out; 0 when not a date of that shape. */
static inline int iso_date(const uint8_t *s, int64_t *out) {
    for (int k = 0; k < 10; k++) {
        if (k == 4 || k == 7) { if (s[k] != '-') return 0; }
        else if (!is_digit(s[k])) return 0;
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > month_days(y, m)) return 0;
    *out = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 1;
}

/* The code point at s (len bytes available) and its byte length; -1 on a bad sequence. */
static inline int32_t first_cp(const uint8_t *s, int32_t len) {
    uint8_t c = s[0];
    if (c < 0x80) return c;
    if ((c & 0xE0) == 0xC0 && len >= 2) return ((c & 0x1F) << 6) | (s[1] & 0x3F);
    if ((c & 0xF0) == 0xE0 && len >= 3) return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    if ((c & 0xF8) == 0xF0 && len >= 4)
        return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return -1;
}

static inline int32_t last_cp(const uint8_t *s, int32_t len) {
    int32_t k = len - 1;
    while (k > 0 && (s[k] & 0xC0) == 0x80 && len - k < 4) k--;
    return first_cp(s + k, len - k);
}

static inline int in_set(int32_t cp, const uint32_t *set, Py_ssize_t count) {
    for (Py_ssize_t k = 0; k < count; k++)
        if ((uint32_t)cp == set[k]) return 1;
    return 0;
}

/* text(offsets, data, start, n, code, first_bad, last_bad, max_chars)
 * 1 when the first code point is not in first_bad, the last not in last_bad (uint32 arrays),
 * and (max_chars >= 0) the value has at most max_chars code points. */
static PyObject *text(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_buffer first, last;
    Py_ssize_t start, n, max_chars;
    if (!PyArg_ParseTuple(args, "y*y*nnw*y*y*n", &a.offsets, &a.data, &start, &n, &a.code, &first, &last,
                          &max_chars))
        return NULL;
    if (!sizes_ok(&a, start, n, 0)) { release(&a); PyBuffer_Release(&first); PyBuffer_Release(&last); return NULL; }
    const uint32_t *fs = first.buf, *ls = last.buf;
    Py_ssize_t fn = first.len / 4, ln = last.len / 4;
    ROW(i, s, len)
        int32_t f = first_cp(s, len), l = last_cp(s, len);
        int ok = f >= 0 && l >= 0 && !in_set(f, fs, fn) && !in_set(l, ls, ln);
        if (ok && max_chars >= 0 && len > max_chars) {
            int64_t chars = 0;
            for (int32_t k = 0; k < len; k++) chars += (s[k] & 0xC0) != 0x80;
            ok = chars <= max_chars;
        }
        code_[i] = ok;
    END_ROW
    release(&a);
    PyBuffer_Release(&first);
    PyBuffer_Release(&last);
    Py_RETURN_NONE;
}

/* integer(offsets, data, start, n, code, out int64): -?[0-9]{1,18} (no '+': the SQL decides). */
static PyObject *integer(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n;
    if (!PyArg_ParseTuple(args, "y*y*nnw*w*", &a.offsets, &a.data, &start, &n, &a.code, &a.out)) return NULL;
    if (!out_ok(&a, start, n, 8)) return NULL;
    int64_t *out = a.out.buf;
    ROW(i, s, len)
        int neg = s[0] == '-';
        int32_t digits = len - neg;
        int ok = digits >= 1 && digits <= 18;
        int64_t v = 0;
        for (int32_t k = neg; ok && k < len; k++) {
            if (!is_digit(s[k])) ok = 0;
            else v = v * 10 + (s[k] - '0');
        }
        code_[i] = ok;
        out[i] = neg ? -v : v;
    END_ROW
    DONE;
}

/* decimal(offsets, data, start, n, code, out 16 bytes, scale):
 * -?[0-9]{1,18-scale}(\.[0-9]{1,scale})? as DECIMAL(18, scale), little-endian 128-bit. */
static PyObject *decimal(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n, scale;
    if (!PyArg_ParseTuple(args, "y*y*nnw*w*n", &a.offsets, &a.data, &start, &n, &a.code, &a.out, &scale))
        return NULL;
    a.has_out = 1;
    if (!sizes_ok(&a, start, n, 16) || scale < 0 || scale > 17) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "scale");
        release(&a);
        return NULL;
    }
    int64_t *out = a.out.buf;
    ROW(i, s, len)
        int neg = s[0] == '-';
        int32_t k = neg, whole = 0, frac = 0;
        int64_t v = 0;
        while (k < len && is_digit(s[k])) {
            if (whole == 18) { whole = 19; break; } /* too long: no overflow of v */
            v = v * 10 + (s[k] - '0');
            k++;
            whole++;
        }
        int ok = whole >= 1 && whole <= 18 - scale;
        if (ok && k < len) {
            if (s[k] != '.' || scale == 0) ok = 0;
            else {
                k++;
                while (k < len && is_digit(s[k]) && frac < scale) { v = v * 10 + (s[k] - '0'); k++; frac++; }
                ok = frac >= 1 && k == len;
            }
        }
        if (ok) {
            for (int32_t f = frac; f < scale; f++) v *= 10;
            if (neg) v = -v;
            out[2 * i] = v;
            out[2 * i + 1] = v < 0 ? -1 : 0;
        }
        code_[i] = ok;
    END_ROW
    DONE;
}

/* date(offsets, data, start, n, code, out int32, low, high): YYYY-MM-DD, low <= days <= high. */
static PyObject *date(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n, low, high;
    if (!PyArg_ParseTuple(args, "y*y*nnw*w*nn", &a.offsets, &a.data, &start, &n, &a.code, &a.out, &low, &high))
        return NULL;
    if (!out_ok(&a, start, n, 4)) return NULL;
    int32_t *out = a.out.buf;
    ROW(i, s, len)
        int64_t days = 0;
        int ok = len == 10 && iso_date(s, &days) && days >= low && days <= high;
        code_[i] = ok;
        out[i] = ok ? (int32_t)days : 0;
    END_ROW
    DONE;
}

/* datetime(offsets, data, start, n, code, out int64 microseconds, low, high):
 * YYYY-MM-DD[ T]HH:MM(:SS)?, hours 0-23, minutes and seconds 0-59, low <= date <= high (days). */
static PyObject *datetime(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n, low, high;
    if (!PyArg_ParseTuple(args, "y*y*nnw*w*nn", &a.offsets, &a.data, &start, &n, &a.code, &a.out, &low, &high))
        return NULL;
    if (!out_ok(&a, start, n, 8)) return NULL;
    int64_t *out = a.out.buf;
    ROW(i, s, len)
        int64_t days = 0;
        int ok = (len == 16 || len == 19) && iso_date(s, &days) && days >= low && days <= high &&
                 (s[10] == ' ' || s[10] == 'T') && is_digit(s[11]) && is_digit(s[12]) && s[13] == ':' &&
                 is_digit(s[14]) && is_digit(s[15]);
        int hh = 0, mm = 0, ss = 0;
        if (ok) {
            hh = (s[11] - '0') * 10 + (s[12] - '0');
            mm = (s[14] - '0') * 10 + (s[15] - '0');
            if (len == 19) {
                ok = s[16] == ':' && is_digit(s[17]) && is_digit(s[18]);
                if (ok) ss = (s[17] - '0') * 10 + (s[18] - '0');
            }
            ok = ok && hh <= 23 && mm <= 59 && ss <= 59;
        }
        code_[i] = ok;
        out[i] = ok ? ((days * 86400 + hh * 3600 + mm * 60 + ss) * 1000000LL) : 0;
    END_ROW
    DONE;
}

/* month(offsets, data, start, n, code, low, high): YYYY-MM (01-12), low <= YYYY*100+MM <= high. */
static PyObject *month(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n, low, high;
    if (!PyArg_ParseTuple(args, "y*y*nnw*nn", &a.offsets, &a.data, &start, &n, &a.code, &low, &high)) return NULL;
    if (!out_ok(&a, start, n, 0)) return NULL;
    ROW(i, s, len)
        int ok = len == 7 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && s[4] == '-' &&
                 is_digit(s[5]) && is_digit(s[6]);
        if (ok) {
            int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
            int m = (s[5] - '0') * 10 + (s[6] - '0');
            ok = m >= 1 && m <= 12 && y * 100 + m >= low && y * 100 + m <= high;
        }
        code_[i] = ok;
    END_ROW
    DONE;
}

/* uscc(offsets, data, start, n, code, charset): 18 characters of the charset (31 characters,
 * the value of each its position), characters 3-8 digits, and the check character right. */
static PyObject *uscc(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n;
    if (!PyArg_ParseTuple(args, "y*y*nnw*y*", &a.offsets, &a.data, &start, &n, &a.code, &a.extra)) return NULL;
    a.has_extra = 1;
    if (!table_ok(&a, start, n, 31, "charset")) return NULL;
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int value[256];
    const uint8_t *charset = a.extra.buf;
    for (int k = 0; k < 256; k++) value[k] = -1;
    for (int k = 0; k < 31; k++) value[charset[k]] = k;
    ROW(i, s, len)
        int ok = len == 18;
        int total = 0;
        for (int k = 0; ok && k < 18; k++) {
            int v = value[s[k]];
            if (v < 0 || (k >= 2 && k < 8 && !is_digit(s[k]))) ok = 0;
            else if (k < 17) total += v * weights[k];
        }
        code_[i] = ok && charset[(31 - total % 31) % 31] == s[17];
    END_ROW
    DONE;
}

/* id_card(offsets, data, start, n, code, prefixes, latest): 18 characters, the first two a
 * known prefix (prefixes: 100 bytes, 1 at each allowed number), 15 digits then a digit or X,
 * a birth date from 1900-01-01 to `latest` (YYYYMMDD), and the check character right. */
static PyObject *id_card(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n, latest;
    if (!PyArg_ParseTuple(args, "y*y*nnw*y*n", &a.offsets, &a.data, &start, &n, &a.code, &a.extra, &latest))
        return NULL;
    a.has_extra = 1;
    if (!table_ok(&a, start, n, 100, "prefixes")) return NULL;
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checks[] = "10X98765432";
    const uint8_t *prefixes = a.extra.buf;
    ROW(i, s, len)
        int ok = len == 18;
        int total = 0;
        for (int k = 0; ok && k < 17; k++) {
            if (!is_digit(s[k])) ok = 0;
            else total += (s[k] - '0') * weights[k];
        }
        ok = ok && (is_digit(s[17]) || s[17] == 'X') && prefixes[(s[0] - '0') * 10 + (s[1] - '0')];
        if (ok) {
            int y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
            int m = (s[10] - '0') * 10 + (s[11] - '0');
            int d = (s[12] - '0') * 10 + (s[13] - '0');
            int ymd = y * 10000 + m * 100 + d;
            ok = m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m) && ymd >= 19000101 && ymd <= latest &&
                 checks[total % 11] == s[17];
        }
        code_[i] = ok;
    END_ROW
    DONE;
}

/* industry(offsets, data, start, n, code, sections, accept_major): a letter and two digits
 * whose 门类 (sections: 99 bytes, the letter of 大类 1-99 or '-') is that letter; with
 * accept_major, also two digits alone whose 大类 has a 门类. */
static PyObject *industry(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n;
    int accept_major;
    if (!PyArg_ParseTuple(args, "y*y*nnw*y*p", &a.offsets, &a.data, &start, &n, &a.code, &a.extra, &accept_major))
        return NULL;
    a.has_extra = 1;
    if (!table_ok(&a, start, n, 99, "sections")) return NULL;
    const uint8_t *sections = a.extra.buf;
    ROW(i, s, len)
        int ok = 0;
        if (len == 3 && s[0] >= 'A' && s[0] <= 'T' && is_digit(s[1]) && is_digit(s[2])) {
            int major = (s[1] - '0') * 10 + (s[2] - '0');
            ok = major >= 1 && sections[major - 1] == s[0];
        } else if (accept_major && len == 2 && is_digit(s[0]) && is_digit(s[1])) {
            int major = (s[0] - '0') * 10 + (s[1] - '0');
            ok = major >= 1 && sections[major - 1] != '-';
        }
        code_[i] = ok;
    END_ROW
    DONE;
}

/* Two digits at s naming an allowed prefix (prefixes: 100 bytes, 1 at each allowed number). */
static inline int prefix_ok(const uint8_t *s, const uint8_t *prefixes) {
    return is_digit(s[0]) && is_digit(s[1]) && prefixes[(s[0] - '0') * 10 + (s[1] - '0')];
}

static inline int all_digits(const uint8_t *s, int32_t count) {
    for (int32_t k = 0; k < count; k++)
        if (!is_digit(s[k])) return 0;
    return 1;
}

/* unit_no(offsets, data, start, n, code, provinces): 不动产单元号 in its canonical shape,
 * UNIT_NO_FAST_RE: province, 10 digits, [GJZH][A-Z], 5 digits, then [FLQ] and 8 digits or
 * W00000000. */
static PyObject *unit_no(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n;
    if (!PyArg_ParseTuple(args, "y*y*nnw*y*", &a.offsets, &a.data, &start, &n, &a.code, &a.extra)) return NULL;
    a.has_extra = 1;
    if (!table_ok(&a, start, n, 100, "provinces")) return NULL;
    const uint8_t *provinces = a.extra.buf;
    ROW(i, s, len)
        int ok = len == 28 && prefix_ok(s, provinces) && all_digits(s + 2, 10) &&
                 (s[12] == 'G' || s[12] == 'J' || s[12] == 'Z' || s[12] == 'H') && s[13] >= 'A' && s[13] <= 'Z' &&
                 all_digits(s + 14, 5);
        if (ok) {
            if (s[19] == 'F' || s[19] == 'L' || s[19] == 'Q') ok = all_digits(s + 20, 8);
            else ok = s[19] == 'W' && memcmp(s + 20, "00000000", 8) == 0;
        }
        code_[i] = ok;
    END_ROW
    DONE;
}

/* area_code(offsets, data, start, n, code, provinces): AREA_CODE_FAST_RE, a province then 4 digits. */
static PyObject *area_code(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n;
    if (!PyArg_ParseTuple(args, "y*y*nnw*y*", &a.offsets, &a.data, &start, &n, &a.code, &a.extra)) return NULL;
    a.has_extra = 1;
    if (!table_ok(&a, start, n, 100, "provinces")) return NULL;
    const uint8_t *provinces = a.extra.buf;
    ROW(i, s, len)
        code_[i] = len == 6 && prefix_ok(s, provinces) && all_digits(s + 2, 4);
    END_ROW
    DONE;
}

/* A fixed-line number without extension: 0, 2-3 digits, an optional '-' or ' ', then a digit
 * 1-9 and 6-7 digits (PHONE_RE's second branch; either split of the area code will do). */
static inline int fixed_line(const uint8_t *s, int32_t len) {
    if (s[0] != '0') return 0;
    for (int32_t area = 3; area <= 4; area++) {
        if (len < area || !all_digits(s + 1, area - 1)) continue;
        for (int32_t sep = 0; sep <= 1; sep++) {
            int32_t k = area + sep, rest = len - k;
            if (sep && (len <= area || (s[area] != '-' && s[area] != ' '))) continue;
            if ((rest == 7 || rest == 8) && s[k] >= '1' && s[k] <= '9' && all_digits(s + k, rest)) return 1;
        }
    }
    return 0;
}

/* phone(offsets, data, start, n, code): the usual shapes of PHONE_RE: a mobile number of 11
 * digits 1[3-9]…, as 3-4-4 with '-' or ' ' between the groups too, or a fixed-line number
 * without extension. Anything else (extensions, 转, #) goes to the SQL (code 0). */
static PyObject *phone(PyObject *self, PyObject *args) {
    Args a = {0};
    Py_ssize_t start, n;
    if (!PyArg_ParseTuple(args, "y*y*nnw*", &a.offsets, &a.data, &start, &n, &a.code)) return NULL;
    if (!out_ok(&a, start, n, 0)) return NULL;
    ROW(i, s, len)
        int ok = 0;
        if (s[0] == '1') {
            if (len == 11) ok = s[1] >= '3' && s[1] <= '9' && all_digits(s, 11);
            else if (len == 13 && (s[3] == '-' || s[3] == ' ') && (s[8] == '-' || s[8] == ' '))
                ok = s[1] >= '3' && s[1] <= '9' && all_digits(s, 3) && all_digits(s + 4, 4) && all_digits(s + 9, 4);
        } else {
            ok = fixed_line(s, len);
        }
        code_[i] = ok;
    END_ROW
    DONE;
}

/* gb18030(src, table, out) -> (consumed, written) or None.
 * GB18030 (GBK) bytes to UTF-8: ASCII as it is, two-byte sequences through `table` (65536
 * uint32 code points by lead << 8 | trail, 0 where Python's codec refuses the pair; built from
 * that codec, so the text is the same). A lead byte at the very end is left for the next chunk.
 * None when a sequence needs the full codec (four-byte sequences, anything invalid): the caller
 * then decodes the whole file with Python's codec, which also gives the error message. `out`
 * must hold 1.5 times the input. */
static PyObject *gb18030(PyObject *self, PyObject *args) {
    Py_buffer src, table, out;
    if (!PyArg_ParseTuple(args, "y*y*w*", &src, &table, &out)) return NULL;
    if (table.len != 65536 * 4 || out.len < src.len + src.len / 2 + 4) {
        PyErr_SetString(PyExc_ValueError, "table or output size");
        PyBuffer_Release(&src); PyBuffer_Release(&table); PyBuffer_Release(&out);
        return NULL;
    }
    const uint8_t *s = src.buf;
    const uint32_t *map = table.buf;
    uint8_t *o = out.buf;
    Py_ssize_t n = src.len, i = 0, w = 0;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) { o[w++] = c; i++; continue; }
        if (i + 1 >= n) break; /* a lead byte at the end: the next chunk */
        uint32_t cp = map[(c << 8) | s[i + 1]];
        if (cp == 0) { bad = 1; break; }
        if (cp < 0x800) { o[w++] = 0xC0 | (cp >> 6); o[w++] = 0x80 | (cp & 0x3F); }
        else { o[w++] = 0xE0 | (cp >> 12); o[w++] = 0x80 | ((cp >> 6) & 0x3F); o[w++] = 0x80 | (cp & 0x3F); }
        i += 2;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&src); PyBuffer_Release(&table); PyBuffer_Release(&out);
    if (bad) Py_RETURN_NONE;
    return Py_BuildValue("nn", i, w);
}

static PyMethodDef methods[] = {
    {"text", text, METH_VARARGS, "canonical texts"},
    {"integer", integer, METH_VARARGS, "canonical integers"},
    {"decimal", decimal, METH_VARARGS, "canonical decimals"},
    {"date", date, METH_VARARGS, "canonical dates"},
    {"datetime", datetime, METH_VARARGS, "canonical date-times"},
    {"month", month, METH_VARARGS, "canonical months"},
    {"uscc", uscc, METH_VARARGS, "valid unified social credit codes"},
    {"id_card", id_card, METH_VARARGS, "valid resident ID numbers"},
    {"industry", industry, METH_VARARGS, "valid industry codes"},
    {"unit_no", unit_no, METH_VARARGS, "canonical real estate unit numbers"},
    {"area_code", area_code, METH_VARARGS, "canonical area codes"},
    {"phone", phone, METH_VARARGS, "usual phone numbers"},
    {"gb18030", gb18030, METH_VARARGS, "GB18030 two-byte text to UTF-8"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastpath", NULL, -1, methods};

PyMODINIT_FUNC PyInit__fastpath(void) { return PyModule_Create(&module); }
