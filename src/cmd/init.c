/* init.c - `honorboard init DIR`: a start for a new author. DIR gets a commented Chinese
 * playlist with one slide of each type and every optional key shown in a comment, and a
 * photos/ folder holding the two pictures it names, so that `check` passes as written and the
 * author replaces things one by one. Nothing existing is overwritten. */
#include "cmd/init.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <turbojpeg.h>

/* The template. Keys are English, content Chinese; the comments teach the format. */
static const char init_playlist[] =
    "# 光荣榜播放单（用记事本或 WPS 编辑，保存时编码选 UTF-8）\n"
    "#\n"
    "# 规则只有几条：\n"
    "#   1. 冒号“:”用英文冒号，后面空一格：  title: 光荣榜\n"
    "#   2. 缩进用空格（不要用 Tab 键，也不要用全角空格），同一层对齐。\n"
    "#   3. 键名（冒号前面的词）用英文，内容写中文。\n"
    "#   4. 颜色要加引号：  accent: \"#F3C969\"\n"
    "#   5. 照片路径用“/”：  photos/zhang-wei.jpg\n"
    "#   6. “#”后面是说明文字（注释），播放器不看。去掉行首的“# ”就启用那一行。\n"
    "\n"
    "honorboard: 1                      # 格式版本，必须有，不要改\n"
    "title: 光荣榜                       # 每张幻灯片顶部显示的标题\n"
    "# subtitle: 比先进　学先进　赶先进     # 副标题（可选）\n"
    "# ticker: 欢迎莅临指导                # 屏幕底部滚动的一行字（可选）\n"
    "# design: 党建红                     # 现成的设计：经典红、党建红、警察蓝、金色荣誉（可选）\n"
    "# theme:                            # 颜色和字体（可选，都有默认值）\n"
    "#   background: \"#8E1B1B\"           # 背景颜色，或一张背景图片 photos/bg.jpg\n"
    "#   accent: \"#F3C969\"               # 标题、边框、徽章的颜色\n"
    "#   text: \"#FFFFFF\"                 # 正文颜色\n"
    "#   font: Noto Sans CJK SC           # 字体\n"
    "#   emblem: photos/emblem.png        # 标题左边的徽标（默认是★）\n"
    "defaults: { duration: 12s, transition: fade }   # 每张默认显示 12 秒，淡入淡出\n"
    "# schedule: { from: 2026-01-01, until: 2026-12-31, days: mon-fri, hours: \"08:00-18:00\" }\n"
    "#                                    # 整个播放单什么时候播（可选）\n"
    "\n"
    "slides:\n"
    "  # ---- 人物事迹：照片、姓名、单位、荣誉、事迹正文 ----\n"
    "  - type: story\n"
    "    name: 张伟\n"
    "    unit: 第二分监狱　后勤保障\n"
    "    honor: 优秀民警\n"
    "    photo: photos/示例-人像.jpg\n"
    "    title: 哪里需要，哪里就有他       # 正文上方的小标题（可选）\n"
    "    duration: auto                   # auto：按字数算阅读时间（每分钟约 300 字）\n"
    "    # focus: [0.5, 0.3]              # 照片裁剪时保留的位置（脸在哪里），0 到 1\n"
    "    # align: justify                 # 正文对齐：justify 两端对齐，left、center、right\n"
    "    # transition: fade               # 切换效果：cut fade slide-left slide-right slide-up "
    "slide-down wipe zoom\n"
    "    # transition_duration: 0.8s      # 切换用多长时间\n"
    "    # qr: https://www.example.gov.cn/news/1.html   # 在旁边放一个二维码（可选）\n"
    "    # qr_label: 扫码阅读全文          # 二维码下面的一行字\n"
    "    # schedule: { from: 2026-03-01, until: 2026-03-31 }   # 只在这段时间播放\n"
    "    text: |\n"
    "      每一行是一段，从 Word 里复制过来的正文直接粘贴在这里，每行前面空六个空格。\n"
    "      段首不用空两格，播放器会自动缩进。\n"
    "\n"
    "  # ---- 照片：全屏照片，下方一行说明 ----\n"
    "  - type: photo\n"
    "    image: photos/示例-合影.jpg\n"
    "    caption: 在这里写照片说明\n"
    "    # title: 党建引领                 # 说明上方的标题（可选）\n"
    "    # fit: cover                     # cover 铺满屏幕；contain 显示整张照片\n"
    "    # focus: [0.5, 0.5]\n"
    "    # duration: 8s\n"
    "\n"
    "  # ---- 文字：通知、新闻 ----\n"
    "  - type: text\n"
    "    title: 本周值班表\n"
    "    # subtitle: 副标题（可选）\n"
    "    lines: true                      # true：每行照原样显示，不缩进（值班表、名单）\n"
    "    text: |\n"
    "      周一：张伟\n"
    "      周二：李娜\n"
    "      周三：王强\n"
    "    # align: left\n"
    "    # duration: 15s\n"
    "\n"
    "  # ---- 光荣榜：一组人，每人一行 ----\n"
    "  - type: roll\n"
    "    title: 2026年度优秀民警\n"
    "    # subtitle: 比先进　学先进　赶先进\n"
    "    people:\n"
    "      - { name: 张伟, honor: 优秀民警, photo: photos/示例-人像.jpg }\n"
    "      - { name: 李娜, honor: 优秀共产党员 }       # 没有照片也可以\n"
    "      # - { name: 王强, honor: 执法标兵, unit: 第一分监狱, photo: photos/wang-qiang.jpg, "
    "focus: [0.5, 0.3] }\n"
    "    duration: 20s\n"
    "\n"
    "  # ---- 通知：公文格式，主送顶格，正文缩进，落款和日期靠右 ----\n"
    "  - type: notice\n"
    "    title: 关于开展主题党日活动的通知\n"
    "    # number: 乔监〔2026〕12号        # 文号（可选）\n"
    "    to: 各所、队、室：\n"
    "    text: |\n"
    "      定于本周五下午在三楼会议室开展主题党日活动，请全体党员准时参加。\n"
    "    # attachments: [活动安排表]        # 附件（可选），每个附件一个标题\n"
    "    sign: 第二分监狱党总支\n"
    "    date: 2026年3月2日\n"
    "\n"
    "  # ---- 照片墙：每页最多 24 人，照片尽量大 ----\n"
    "  - type: wall\n"
    "    title: 2026年度先进个人\n"
    "    # columns: 4                     # 每行几张照片（可选，默认自动选照片最大的排法）\n"
    "    # per_page: 12                   # 每页几个人（可选，4 到 24）\n"
    "    people:\n"
    "      - { name: 张伟, honor: 优秀民警, unit: 第二分监狱, photo: photos/示例-人像.jpg }\n"
    "      - { name: 李娜, honor: 优秀共产党员, photo: photos/示例-人像.jpg }\n"
    "      - { name: 王强, honor: 执法标兵, photo: photos/示例-人像.jpg }\n"
    "      - { name: 赵敏, honor: 青年岗位能手, photo: photos/示例-人像.jpg }\n"
    "\n"
    "  # ---- 横幅：一句标语或祝贺，一到两行，字尽量大，居中 ----\n"
    "  - type: banner\n"
    "    text: 安全生产　人人有责\n"
    "    duration: 8s\n"
    "    # speed: 4                       # 门头 LED 条屏上放不下时“走字”：每秒走几个字（1 到 "
    "50）\n"
    "\n"
    "  # ---- 图文：2 到 4 张活动照片，每张带一行说明；照片完整显示，横竖不变 ----\n"
    "  - type: gallery\n"
    "    title: 春季运动会\n"
    "    text: 全体民警职工踊跃参加，赛出了风格，赛出了水平。   # 一句简短说明（可选，最多 150 "
    "字）\n"
    "    photos:\n"
    "      - { image: photos/示例-合影.jpg, caption: 开幕式 }\n"
    "      - { image: photos/示例-人像.jpg, caption: 接力赛冠军 }\n"
    "    # fit: cover                      # 每张照片铺满相框（默认 contain：完整显示）\n"
    "\n"
    "  # ---- 倒计时：距“春节”还有 N 天（日期写 年-月-日）----\n"
    "  - type: countdown\n"
    "    title: 春节\n"
    "    date: 2027-02-06\n"
    "    text: 安全过节　平安回家            # 一句话（可选）\n"
    "    # lunar: true                    # 同时显示那天的农历\n"
    "\n"
    "  # ---- 今日日期：年月日、星期，大字；每天零点自动换 ----\n"
    "  - type: calendar\n"
    "    title: 今日                       # 可选\n"
    "    # lunar: true                    # 同时显示农历（显示屏上显示；电脑上的预览不显示）\n"
    "\n"
    "  # ---- 对联：上联在右、下联在左，竖着写；横批在上方（可选）----\n"
    "  - type: couplet\n"
    "    first: 春风化雨润心田\n"
    "    second: 警徽闪耀护平安\n"
    "    top: 忠诚担当\n"
    "\n"
    "  # ---- 视频：宣传片（MP4 最稳妥）。有视频时去掉下面各行开头的“# ”，换成自己的文件 ----\n"
    "  # - type: video\n"
    "  #   video: films/宣传片.mp4\n"
    "  #   poster: photos/示例-合影.jpg    # 可选：预览图里代表这段视频的画面\n"
    "  #   caption: 颁奖典礼                # 可选：视频下方的一行说明\n"
    "  #   fit: contain                    # contain 显示整个画面；cover 铺满屏幕\n"
    "  #   start: 5s                       # 可选：从第几秒开始、到第几秒结束\n"
    "  #   end: 1m\n"
    "  #   loops: 1                        # 在这张幻灯片里放几遍\n"
    "  #   audio: false                    # 大厅默认不放声音；true 放声音\n";

/* A plain picture for the template to name: a soft two-colour gradient with a lighter oval
 * (a head and shoulders for the portrait), written as a JPEG. */
static int write_picture(const char *path, int w, int h, bool portrait, char *err, size_t errlen)
{
    unsigned char *rgb = malloc((size_t)w * (size_t)h * 3);
    if (!rgb) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            double t = (double)y / h;
            double r = 0x70 + 0x30 * t, g = 0x80 + 0x20 * t, b = 0x98 + 0x10 * t;
            /* one person, or five in a row for the group photo */
            int n = portrait ? 1 : 5;
            bool in = false;
            for (int k = 0; k < n; k++) {
                double cx = portrait ? 0.5 : 0.2 + 0.15 * k, hy = portrait ? 0.38 : 0.42;
                double rx = portrait ? 0.22 : 0.045, ry = portrait ? 0.2 : 0.09;
                double dx = (x - w * cx) / (w * rx), dy = (y - h * hy) / (h * ry);
                in |= dx * dx + dy * dy < 1;
                double half_body = w * rx * (n > 1 ? 1.3 : 1.9); /* shoulders */
                in |= y > h * (hy + ry * 1.2) && fabs(x - w * cx) < half_body;
            }
            unsigned char *p = rgb + ((size_t)y * (size_t)w + (size_t)x) * 3;
            p[0] = (unsigned char)(in ? r + 60 : r);
            p[1] = (unsigned char)(in ? g + 55 : g);
            p[2] = (unsigned char)(in ? b + 45 : b);
        }
    }
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long len = 0;
    int rc = -1;
    if (tj && tjCompress2(tj, rgb, w, w * 3, h, TJPF_RGB, &jpg, &len, TJSAMP_420, 85, 0) == 0 &&
        fileio_write_atomic(path, jpg, len, 0644, false) == 0)
        rc = 0;
    else
        snprintf(err, errlen, "%s: %s", path, tj ? tjGetErrorStr2(tj) : strerror(errno));
    if (jpg)
        tjFree(jpg);
    if (tj)
        tjDestroy(tj);
    free(rgb);
    return rc;
}

int init_main(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        bool help = argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
        fputs("usage: honorboard init DIR\n"
              "  Writes DIR/" INIT_PLAYLIST_NAME " (a commented Chinese template: one slide of\n"
              "  each type, every optional key in a comment) and DIR/photos/ with the two\n"
              "  pictures it names. It passes `honorboard check DIR` as written. Existing files\n"
              "  are never overwritten.\n",
              help ? stdout : stderr);
        return help ? 0 : 2;
    }
    const char *dir = argv[1];
    char *photos = path_join(dir, "photos");
    char *yaml = path_join(dir, INIT_PLAYLIST_NAME);
    char *portrait = path_join(photos, "示例-人像.jpg");
    char *group = path_join(photos, "示例-合影.jpg");
    char err[512];
    int rc = 2;
    if (path_mkdirs(photos) < 0) {
        fprintf(stderr, _("honorboard init: cannot create %s: %s\n"), photos, strerror(errno));
        goto out;
    }
    if (path_is_file(yaml)) {
        fprintf(stderr, _("honorboard init: %s exists already; nothing was changed\n"), yaml);
        goto out;
    }
    if ((!path_is_file(portrait) &&
         write_picture(portrait, 900, 1200, true, err, sizeof err) < 0) ||
        (!path_is_file(group) && write_picture(group, 1920, 1080, false, err, sizeof err) < 0)) {
        fprintf(stderr, "honorboard init: %s\n", err);
        goto out;
    }
    if (fileio_write_atomic(yaml, init_playlist, sizeof init_playlist - 1, 0644, false) < 0) {
        fprintf(stderr, _("honorboard init: cannot write %s: %s\n"), yaml, strerror(errno));
        goto out;
    }
    printf(_("Wrote %s and %s/.\nEdit the playlist in Notepad or WPS (save as UTF-8), put your "
             "photos into photos/, then run: honorboard check %s\n"),
           yaml, photos, dir);
    rc = 0;
out:
    free(photos), free(yaml), free(portrait), free(group);
    return rc;
}
