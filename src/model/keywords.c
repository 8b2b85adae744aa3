/* keywords.c - the words an author types for a key, in Chinese or in pinyin (单位, danwei), and
 * the English key each means (keywords.h): the table behind every "write 'unit'" hint. */
#include "model/keywords.h"

#include <stddef.h>
#include <string.h>

/* Chinese words an author types for a key (and the same in pinyin), and the English key(s)
 * they mean. Where a word
 * fits two keys (照片 is `photo` on a story, `image` on a photo slide) both are listed; the
 * caller picks the one its mapping allows. */
static const struct {
    const char *zh, *en;
} zh_keys[] = {
    {"版本", "honorboard"},
    {"格式", "honorboard"},
    {"标题", "title"},
    {"题目", "title"},
    {"副标题", "subtitle"},
    {"主题", "theme"},
    {"背景", "background"},
    {"背景色", "background"},
    {"背景颜色", "background"},
    {"强调色", "accent"},
    {"文字颜色", "text"},
    {"字色", "text"},
    {"字体", "font"},
    {"徽标", "emblem"},
    {"警徽", "emblem"},
    {"标志", "emblem"},
    {"默认", "defaults"},
    {"默认值", "defaults"},
    {"幻灯片", "slides"},
    {"页面", "slides"},
    {"类型", "type"},
    {"姓名", "name"},
    {"名字", "name"},
    {"人名", "name"},
    {"单位", "unit"},
    {"部门", "unit"},
    {"荣誉", "honor"},
    {"称号", "honor"},
    {"荣誉称号", "honor"},
    {"奖项", "honor"},
    {"照片", "photo image photos"},
    {"相片", "photo image photos"},
    {"头像", "photo"},
    {"图片", "image photo photos"},
    {"图像", "image photo photos"},
    {"正文", "text"},
    {"内容", "text"},
    {"文字", "text"},
    {"事迹", "text"},
    {"文本", "text"},
    {"时长", "duration"},
    {"时间", "duration"},
    {"持续时间", "duration"},
    {"停留时间", "duration"},
    {"切换", "transition"},
    {"过渡", "transition"},
    {"转场", "transition"},
    {"切换时间", "transition_duration"},
    {"说明", "caption"},
    {"图注", "caption"},
    {"配文", "caption"},
    {"图片说明", "caption"},
    {"填充", "fit"},
    {"适应", "fit"},
    {"焦点", "focus"},
    {"对齐", "align"},
    {"人员", "people"},
    {"名单", "people"},
    {"人物", "people"},
    {"排期", "schedule"},
    {"日程", "schedule"},
    {"播放时间", "schedule"},
    {"开始", "from"},
    {"开始日期", "from"},
    {"结束", "until"},
    {"结束日期", "until"},
    {"星期", "days"},
    {"日期", "days"},
    {"时段", "hours"},
    {"小时", "hours"},
    {"滚动字幕", "ticker"},
    {"字幕", "ticker subtitles"}, /* a scrolling line, or a film's own subtitles */
    {"跑马灯", "ticker"},
    {"分行", "lines"},
    {"逐行", "lines"},
    {"视频", "video"},
    {"影片", "video"},
    {"宣传片", "video"},
    {"海报", "poster"},
    {"封面", "poster"},
    {"声音", "audio"},
    {"音频", "audio"},
    {"循环", "loops"},
    {"循环次数", "loops"},
    {"上联", "first"},
    {"下联", "second"},
    {"横批", "top"},
    {"方向", "direction"},
    {"排版方向", "direction"},
    /* the same words typed in pinyin */
    {"banben", "honorboard"},
    {"biaoti", "title"},
    {"timu", "title"},
    {"fubiaoti", "subtitle"},
    {"zhuti", "theme"},
    {"beijing", "background"},
    {"ziti", "font"},
    {"huibiao", "emblem"},
    {"jinghui", "emblem"},
    {"huandengpian", "slides"},
    {"leixing", "type"},
    {"xingming", "name"},
    {"mingzi", "name"},
    {"danwei", "unit"},
    {"bumen", "unit"},
    {"rongyu", "honor"},
    {"chenghao", "honor"},
    {"zhaopian", "photo image photos"},
    {"xiangpian", "photo image photos"},
    {"touxiang", "photo"},
    {"tupian", "image photo photos"},
    {"zhengwen", "text"},
    {"neirong", "text"},
    {"wenzi", "text"},
    {"shiji", "text"},
    {"shichang", "duration"},
    {"shijian", "duration"},
    {"qiehuan", "transition"},
    {"shuoming", "caption"},
    {"tuzhu", "caption"},
    {"renyuan", "people"},
    {"mingdan", "people"},
    {"paiqi", "schedule"},
    {"kaishi", "from"},
    {"jieshu", "until"},
    {"xingqi", "days"},
    {"zimu", "ticker subtitles"},
    {"shipin", "video"},
    {"fengmian", "poster"},
};

/* English words for a picture that are a key in one place and not in another (photo on a
 * story, image on a photo slide and in a gallery's photo, photos on a gallery), and the keys
 * they may mean. Too far apart in spelling for a "did you mean" by distance. */
static const struct {
    const char *word, *keys;
} aliases[] = {
    {"photo", "image photos"}, {"image", "photo photos"},  {"images", "photos image"},
    {"photos", "image photo"}, {"picture", "image photo"}, {"pictures", "photos"},
    {"pic", "image photo"},    {"img", "image photo"},     {"gallery", "photos"},
};

const char *keywords_alias(const char *word)
{
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(word, aliases[i].word) == 0)
            return aliases[i].keys;
    return NULL;
}

const char *keywords_english(const char *word)
{
    for (size_t i = 0; i < sizeof zh_keys / sizeof *zh_keys; i++)
        if (strcmp(word, zh_keys[i].zh) == 0)
            return zh_keys[i].en;
    return NULL;
}
