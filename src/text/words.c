/* words.c - Chinese word boundaries from ICU's word break iterator (its dictionary, cjdict,
 * knows Chinese words; libunibreak only knows where lines may break, which in Han text is
 * everywhere). Used only to weigh where a balanced heading breaks; body text may break between
 * any two characters, as Chinese typesetting does. ICU's dictionary is general: the words of
 * the field it splits (服刑, 读书会, 民警, 监区 ...) are kept whole by a small list below, and so
 * are people's names where the heading says one comes: after a title word (民警杨建桥) or before
 * 同志 (欧阳建国同志). */
#include "text/words.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>
#ifdef _WIN32
#include <pthread.h>
#include <unicode/putil.h>

/* Windows: ICU's data is the file icudt72l.dat (the board's libicu72 data, from the same
 * Debian source) in assets/icu beside honorboard.exe. */
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;
static void icu_data_dir(void)
{
    char *a = hb_assets_dir();
    char *d = path_join(a, "icu");
    u_setDataDirectory(d);
    free(d);
    free(a);
}
#endif

/* Words of the field that ICU's dictionary splits or does not know: never broken in a
 * heading. */
static const char *const field_words[] = {
    "服刑人员", "服刑",     "读书会",   "民警",     "监区",     "分监狱",   "监狱",
    "狱警",     "先进集体", "先进个人", "共产党员", "党支部",   "党组织",   "心理咨询师",
    "心理咨询", "教育改造", "刑满释放", "平安监狱", "疫情防控", "操作系统", "守护",
    "表彰大会", "开放日",   "信息化",   "党务",     "荣立",     "工作者",   "一等功",
    "二等功",   "三等功",   "劳动模范", "岗位能手", "执法标兵",
};

/* Names, which no dictionary knows: the common surnames (single and compound), the title words
 * a name follows, and the characters that end a name (function words and verbs that follow one:
 * 王红和..., 张伟获评...). */
static const char surnames[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝"
    "包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾"
    "尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝";
static const char *const compound_surnames[] = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫",
                                                "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文",
                                                "夏侯", "端木", "司徒", "西门"};
static const char *const name_titles[] = {
    "民警",   "狱警",   "干警", "辅警", "警官", "警察", "教官", "队长",   "科长",   "所长",
    "监区长", "监狱长", "政委", "主任", "书记", "局长", "处长", "厅长",   "部长",   "老师",
    "教师",   "医生",   "护士", "记者", "模范", "英雄", "烈士", "咨询师", "教导员", "指导员",
    "工程师", "班长",   "组长", "代表", "标兵", "能手", "委员", "院长",   "站长",   "党员"};
static const char name_stops[] = "的和与及同等是在获被为从也都又说向把对将带用以于荣";

/* The code points of UTF-8 s into w[0..max); their number. */
static size_t decode_word(const char *s, uint32_t *w, size_t max)
{
    size_t wl = 0, len;
    for (size_t i = 0; s[i] && wl < max; i += len)
        w[wl++] = utf8_decode(s + i, strlen(s + i), &len);
    return wl;
}

/* Whether UTF-8 list set holds code point c. */
static bool in_set(const char *set, uint32_t c)
{
    size_t len;
    for (size_t i = 0; set[i]; i += len)
        if (utf8_decode(set + i, strlen(set + i), &len) == c)
            return true;
    return false;
}

/* Whether one of words[0..nw) is at cps[a..); its length in code points, else 0. */
static size_t word_at(const uint32_t *cps, size_t n, size_t a, const char *const *words, size_t nw)
{
    for (size_t w = 0; w < nw; w++) {
        uint32_t wc[8];
        size_t wl = decode_word(words[w], wc, 8);
        if (a + wl <= n && !memcmp(cps + a, wc, wl * sizeof *wc))
            return wl;
    }
    return 0;
}

static bool is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* The length of the surname at cps[a..) (2 compound, 1 single), 0 when none. */
static size_t surname_at(const uint32_t *cps, size_t n, size_t a)
{
    size_t l =
        word_at(cps, n, a, compound_surnames, sizeof compound_surnames / sizeof *compound_surnames);
    return l ? l : a < n && in_set(surnames, cps[a]) ? 1 : 0;
}

/* Keeps cps[a..b) whole as one word. */
static void keep_whole(bool *inner, size_t n, size_t a, size_t b)
{
    inner[a] = false;
    for (size_t e = a + 1; e < b; e++)
        inner[e] = true;
    if (b < n)
        inner[b] = false;
}

/* ICU's dictionary splits a word it does not know into single characters: 莅临 -> 莅|临,
 * 展播 -> 展|播, and the four-character phrases of slogans (成语: 从严治警, 砥砺前行) into four.
 * A run of two to four single Han characters between longer words is kept whole; a longer run
 * is more likely a row of one-character words, and is left as ICU gives it. */
static void mark_single_runs(const uint32_t *cps, size_t n, bool *inner)
{
    size_t run = 0, start = 0; /* the run of single Han characters ending before e */
    for (size_t e = 1; e <= n; e++) {
        bool single = is_han(cps[e - 1]) && (e - 1 == 0 || !inner[e - 1]) && (e == n || !inner[e]);
        if (single) {
            if (run++ == 0)
                start = e - 1;
            if (e < n)
                continue;
        }
        size_t end = single ? e : e - 1;
        if (run >= 2 && run <= 4)
            for (size_t k = start + 1; k < end; k++)
                inner[k] = true;
        run = 0;
    }
}

/* Marks the inside of every field word found in cps[0..n). */
static void mark_field_words(const uint32_t *cps, size_t n, bool *inner)
{
    for (size_t w = 0; w < sizeof field_words / sizeof *field_words; w++) {
        uint32_t wc[8];
        size_t wl = decode_word(field_words[w], wc, 8);
        for (size_t a = 0; a + wl <= n; a++) {
            size_t k = 0;
            while (k < wl && cps[a + k] == wc[k])
                k++;
            if (k == wl)
                for (size_t e = a + 1; e < a + wl; e++)
                    inner[e] = true;
        }
    }
}

/* Marks the names that follow a title word (surname + one or two characters, one when ICU ties
 * the second to what follows: 民警李强主动 -> 李强) or that come before 同志 (kept with it). */
static void mark_names(const uint32_t *cps, size_t n, bool *inner)
{
    static const char *const comrade[] = {"同志"};
    for (size_t p = 0; p < n; p++) {
        size_t tl = word_at(cps, n, p, name_titles, sizeof name_titles / sizeof *name_titles);
        size_t s = p + tl, sl = tl ? surname_at(cps, n, s) : 0;
        if (sl) {
            size_t g = 0;
            while (g < 2 && s + sl + g < n && is_han(cps[s + sl + g]) &&
                   !in_set(name_stops, cps[s + sl + g]) && !word_at(cps, n, s + sl + g, comrade, 1))
                g++;
            if (g == 2 && s + sl + 2 < n && inner[s + sl + 2])
                g = 1;
            if (g)
                keep_whole(inner, n, s, s + sl + g);
        }
        if (word_at(cps, n, p, comrade, 1))
            for (size_t len = 4; len >= 2; len--) { /* 欧阳建国, 杨建桥, 王红 */
                size_t nl = p >= len ? surname_at(cps, n, p - len) : 0;
                bool han = true;
                for (size_t k = p - len + nl; nl && k < p; k++)
                    han = han && is_han(cps[k]) && !in_set(name_stops, cps[k]);
                if (nl && han && len - nl >= 1 && len - nl <= 2) {
                    keep_whole(inner, n, p - len, p + 2); /* with its 同志 */
                    break;
                }
            }
    }
}

bool *words_inner(const uint32_t *cps, size_t n)
{
    if (n == 0 || n > 100000)
        return NULL;
    /* UTF-16 for ICU, and each UTF-16 offset's code point index */
    UChar *u = xmalloc((2 * n + 1) * sizeof *u);
    size_t *cp_at = xmalloc((2 * n + 1) * sizeof *cp_at);
    int32_t len = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i] > 0x10FFFF || (cps[i] >= 0xD800 && cps[i] <= 0xDFFF) ? 0xFFFD : cps[i];
        cp_at[len] = i;
        if (c >= 0x10000) {
            u[len++] = (UChar)(0xD800 + ((c - 0x10000) >> 10));
            cp_at[len] = i;
            u[len++] = (UChar)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            u[len++] = (UChar)c;
        }
    }
    cp_at[len] = n;
    bool *inner = NULL;
    UErrorCode st = U_ZERO_ERROR;
#ifdef _WIN32
    pthread_once(&icu_once, icu_data_dir);
#endif
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", u, len, &st);
    if (U_SUCCESS(st) && bi) {
        inner = xcalloc(n + 1, sizeof *inner);
        for (size_t e = 1; e < n; e++)
            inner[e] = true;
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            if (b >= 0 && b <= len)
                inner[cp_at[b]] = false;
        mark_field_words(cps, n, inner); /* first: 读书会's 会 is no single to join to 暨 */
        mark_single_runs(cps, n, inner);
        mark_names(cps, n, inner);
    }
    ubrk_close(bi);
    free(u);
    free(cp_at);
    return inner;
}
